package io.synthsmith.verifier.voting;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares outputs after normalising line endings and trailing whitespace (of every line and of the whole
 * output), and, when a tolerance is set, numbers token by token within that absolute or relative tolerance.
 */
public final class OutputComparison {

    private static final Pattern TRAILING_SPACE = Pattern.compile("[ \\t\\x0B\\f]+$", Pattern.MULTILINE);
    private static final Pattern TOKENS = Pattern.compile("\\s+");

    private final Optional<Double> tolerance;

    public OutputComparison(Optional<Double> tolerance) {
        this.tolerance = tolerance.filter(value -> value > 0);
    }

    public static OutputComparison exact() {
        return new OutputComparison(Optional.empty());
    }

    /** The output with CRLF and CR turned into LF, trailing whitespace of lines and of the output removed. */
    public static String normalize(String output) {
        String unified = output.replace("\r\n", "\n").replace('\r', '\n');
        return TRAILING_SPACE.matcher(unified).replaceAll("").stripTrailing();
    }

    /** Whether two normalised outputs say the same. */
    public boolean same(String left, String right) {
        if (left.equals(right)) {
            return true;
        }
        if (tolerance.isEmpty()) {
            return false;
        }
        String[] a = TOKENS.split(left.replace('[', ' ').replace(']', ' ').replace(',', ' ').strip());
        String[] b = TOKENS.split(right.replace('[', ' ').replace(']', ' ').replace(',', ' ').strip());
        if (a.length != b.length || !structure(left).equals(structure(right))) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!a[i].equals(b[i]) && !close(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean close(String a, String b) {
        try {
            double x = Double.parseDouble(a);
            double y = Double.parseDouble(b);
            double allowed = tolerance.orElseThrow();
            return Math.abs(x - y) <= allowed || Math.abs(x - y) <= allowed * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The brackets and line breaks of an output, which a tolerance must not paper over. */
    private static String structure(String output) {
        return output.replaceAll("[^\\[\\]\\n]", "");
    }
}
