package io.synthsmith.dedup.normalise;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a task statement into the word tokens that both the exact hash and the shingles are made of. What is
 * normalised, and why:
 * <ul>
 * <li>Unicode compatibility forms are folded (NFKC) and case is dropped: full-width digits, ligatures and
 * capitalisation do not make a different task.</li>
 * <li>Punctuation and whitespace only separate tokens: a re-wrapped or re-punctuated copy is the same text.</li>
 * <li>Worked examples are dropped: a section that opens with an "Example"/"Sample" heading runs to the next
 * "Constraints" or "Follow-up" heading or the end. Samples illustrate a task rather than define it, and two
 * writes of one task differ mostly in the sample numbers the model picked.</li>
 * <li>Every single-letter token becomes {@code x}: renamed variables ({@code n} for {@code N}, {@code a_i} for
 * {@code b_i}) do not make a different task.</li>
 * <li>Other numbers are kept: the bounds in the constraints decide which algorithm a task needs.</li>
 * </ul>
 * The title is not part of the statement: a copy under another title is still a copy.
 */
public final class StatementNormaliser {

    /** Bumped whenever the rules change, so that an index built under other rules is never mixed with this one. */
    public static final int VERSION = 1;

    private static final Pattern EXAMPLE_HEADING = Pattern.compile(
            "^\\s*(examples?|samples?)\\b.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECTION_AFTER_EXAMPLES = Pattern.compile(
            "^\\s*(constraints|follow[- ]?up)\\b.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TOKEN_SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** The statement's tokens after normalisation, in order. */
    public List<String> tokens(String statement) {
        if (statement == null || statement.isBlank()) {
            return List.of();
        }
        String folded = Normalizer.normalize(withoutExamples(statement), Normalizer.Form.NFKC)
                .toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String token : TOKEN_SEPARATOR.split(folded)) {
            if (token.isEmpty()) {
                continue;
            }
            tokens.add(token.codePointCount(0, token.length()) == 1 && Character.isLetter(token.codePointAt(0))
                    ? "x" : token);
        }
        return tokens;
    }

    /** SHA-256 (hex) of the normalised tokens: equal for statements that differ only in what is normalised away. */
    public static String exactHash(List<String> tokens) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(String.join(" ", tokens).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static String withoutExamples(String statement) {
        StringBuilder kept = new StringBuilder(statement.length());
        boolean inExamples = false;
        for (String line : statement.split("\\R")) {
            if (inExamples && SECTION_AFTER_EXAMPLES.matcher(line).matches()) {
                inExamples = false;
            } else if (!inExamples && EXAMPLE_HEADING.matcher(line).matches()) {
                inExamples = true;
            }
            if (!inExamples) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
