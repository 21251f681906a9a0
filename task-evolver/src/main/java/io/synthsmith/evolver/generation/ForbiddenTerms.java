package io.synthsmith.evolver.generation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the names of algorithms, data structures and techniques ({@code forbidden-terms.txt}) that a statement uses
 * as a hint at its solution. A story may say "knapsack" (a hiker packs one) and a statement may ask for "the prefix
 * sum" of an array; what gives the solution away is telling the solver how. A term counts, as a whole word in any
 * case, when it stands in a hint:
 * <ol>
 * <li>anywhere in a hint section: after a line that starts with "Hint", "Approach", "Solution idea", "Editorial" or
 * "Tutorial" (Markdown markup allowed before it), up to the next heading line ("Input", "Output", "Constraints",
 * "Example", "Note", ...);</li>
 * <li>in a sentence (text between {@code . ! ? ;} or line ends) that also holds a solving cue: the words "hint",
 * "approach", "algorithm", "technique", "efficient(ly)", "complexity", "classic", "can be solved", "solved
 * with/by/using", "O(",
 * an imperative to the solver at the start of the sentence ("Use", "Apply", "Try", "Consider", "Think of",
 * "Build"), or "you can/should/may/might/could/need to/must use".</li>
 * </ol>
 * The title is a story element and is not checked.
 */
public final class ForbiddenTerms {

    private static final Pattern HINT_HEADING = Pattern.compile(
            "^[\\s#*_>]*(hints?|approach|solution idea|editorial|tutorial)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern OTHER_HEADING = Pattern.compile(
            "^[\\s#*_>]*(input|output|constraints?|examples?|samples?|notes?|explanation)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CUE = Pattern.compile(
            "\\b(hints?|approach|algorithms?|techniques?|efficient(ly)?|complexity|classic)\\b"
                    + "|\\bcan be solved\\b|\\bsolved (with|by|using)\\b|\\bO\\(|^\\s*[*\\-]?\\s*(use|apply|try|consider|think of|build)\\b"
                    + "|\\byou\\s+(can|should|may|might|could|need to|must)\\s+(use|apply|maintain|build)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?;]\\s|[.!?;]$|\\n");

    private final List<String> terms;

    /** @param terms the names, as listed in {@code forbidden-terms.txt} */
    public ForbiddenTerms(List<String> terms) {
        this.terms = terms.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    }

    /** The terms {@code statement} uses as hints, in list order, each once. */
    public List<String> hintedIn(String statement) {
        Set<String> named = new LinkedHashSet<>();
        for (String hint : hints(statement)) {
            String lower = hint.toLowerCase(Locale.ROOT);
            for (String term : terms) {
                if (StatementSections.containsWord(lower, term)) {
                    named.add(term);
                }
            }
        }
        return List.copyOf(named);
    }

    /** The stretches of text that are hints: hint sections, and sentences with a solving cue. */
    static List<String> hints(String statement) {
        List<String> hints = new ArrayList<>();
        boolean inHint = false;
        for (String line : statement.split("\\R")) {
            if (HINT_HEADING.matcher(line).find()) {
                inHint = true;
            } else if (OTHER_HEADING.matcher(line).find()) {
                inHint = false;
            }
            if (inHint) {
                hints.add(line);
                continue;
            }
            Matcher end = SENTENCE_END.matcher(line);
            int start = 0;
            while (start < line.length()) {
                int stop = end.find(start) ? end.end() : line.length();
                String sentence = line.substring(start, stop);
                if (CUE.matcher(sentence).find()) {
                    hints.add(sentence);
                }
                start = stop;
            }
        }
        return hints;
    }
}
