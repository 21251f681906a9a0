package io.synthsmith.evolver.generation;

import io.synthsmith.messages.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sections a statement must have in each style, in one place: {@link #promptText(Style)} is what the style
 * guide of the statement prompt says ({@code {{sections}}} in {@code style-*.md}), and {@link #problems(Style, String)}
 * checks exactly that.
 * <ul>
 * <li>Codeforces: "Input" and "Output"; a "Constraints" section only when the bounds are not all in "Input" (the
 * "Input" section gives at least one bound: {@code ≤}, {@code <=}, {@code \le}, "at most", "between"...).</li>
 * <li>AtCoder: "Constraints", "Input" and "Output".</li>
 * <li>LeetCode: "Constraints" (arguments and return value are described in the text).</li>
 * </ul>
 * A section is present when a line starts with its name (after Markdown markup such as {@code ###} or
 * {@code **}), or, for Input and Output, when the word appears at all.
 */
public final class StatementSections {

    private static final Pattern BOUND = Pattern.compile(
            "≤|≥|<=|>=|<|>|\\\\le(q)?\\b|\\\\ge(q)?\\b|\\bat most\\b|\\bat least\\b|\\bbetween\\b|\\bup to\\b"
                    + "|\\bdoes not exceed\\b|\\bno more than\\b|\\bno less than\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADING = Pattern.compile(
            "(?im)^[\\s#*_>]*(input|output|constraints?|limits|examples?|samples?|notes?|explanation)\\b");

    private StatementSections() {
    }

    /** The sentence of the style guide that names the sections. */
    public static String promptText(Style style) {
        return switch (style) {
            case CODEFORCES -> "the sections \"Input\" (the exact format of standard input, line by line, with the "
                    + "bounds of every value) and \"Output\" (the exact format of standard output), and a section "
                    + "\"Constraints\" only if some bound is not already in \"Input\"";
            case ATCODER -> "the sections \"Constraints\" (one bound per line; say that all input values are "
                    + "integers when they are), \"Input\" (the exact format of standard input) and \"Output\" (the "
                    + "exact format of standard output)";
            case LEETCODE -> "a \"Constraints\" section with the bounds of every argument";
        };
    }

    /** What {@code statement} lacks of the sections {@link #promptText(Style)} asks for; empty when nothing. */
    public static List<String> problems(Style style, String statement) {
        List<String> problems = new ArrayList<>();
        String lower = statement.toLowerCase(Locale.ROOT);
        boolean constraints = lower.contains("constraint");
        if (style != Style.LEETCODE && !(containsWord(lower, "input") && containsWord(lower, "output"))) {
            problems.add("the statement must describe the exact \"Input\" and \"Output\" formats");
        }
        if (style == Style.CODEFORCES) {
            if (!constraints && !BOUND.matcher(inputSection(statement)).find()) {
                problems.add("the statement has no constraints section (\"Constraints\") and its \"Input\" section "
                        + "gives no bounds (such as 1 <= n <= 2*10^5): give the bound of every value in \"Input\" or "
                        + "add a \"Constraints\" section");
            }
        } else if (!constraints) {
            problems.add("the statement has no constraints section (\"Constraints\")");
        }
        return problems;
    }

    /** The text of the "Input" section: from its heading to the next heading, or empty. */
    static String inputSection(String statement) {
        Matcher heading = HEADING.matcher(statement);
        int start = -1;
        while (heading.find()) {
            if (start >= 0) {
                return statement.substring(start, heading.start());
            }
            if (heading.group(1).equalsIgnoreCase("input")) {
                start = heading.end();
            }
        }
        return start >= 0 ? statement.substring(start) : "";
    }

    static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }
}
