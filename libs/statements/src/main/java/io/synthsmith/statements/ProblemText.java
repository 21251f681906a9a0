package io.synthsmith.statements;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A task rendered as a contest page shows it: the statement (with the input, output and constraints sections it
 * has), then the examples from {@link Task#samples()} in the conventions of the task's style, and for LeetCode-style
 * tasks the method to complete. Codeforces: an "Examples" section of Input/Output blocks and a "Note" with the
 * explanations; AtCoder: "Sample Input 1" / "Sample Output 1" blocks, each followed by its explanation; LeetCode:
 * "Example 1:" with {@code Input:}, {@code Output:} and {@code Explanation:} lines, before the constraints.
 *
 * <p>Statements written by a model often embed their examples already. A sample counts as shown when the statement
 * has an example heading and contains the sample's input and output (whitespace ignored); shown samples are not
 * repeated, the others are rendered with their own numbers.
 */
public final class ProblemText {

    private static final Pattern EXAMPLE_HEADING = Pattern.compile(
            "(?im)^\\s*(?:#+\\s*)?(?:\\*\\*)?(?:examples?|sample\\s+(?:input|output|test)s?|samples?)\\b");
    private static final Pattern LEETCODE_CONSTRAINTS = Pattern.compile("(?m)^\\s*(?:#+\\s*)?(?:\\*\\*)?Constraints\\b");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern GENERIC = Pattern.compile("(?i)(?:typing\\.)?(list|sequence|vector)\\s*[\\[<](.*)[\\]>]");

    private ProblemText() {
    }

    /** The statement followed by the examples it does not show yet, in the style's conventions. */
    public static String render(Task task) {
        String statement = task.statement() == null ? "" : task.statement().strip();
        List<Integer> missing = missingSamples(task, statement);
        if (missing.isEmpty()) {
            return statement;
        }
        return switch (task.style() == null ? Style.CODEFORCES : task.style()) {
            case LEETCODE -> insertBeforeConstraints(statement, leetCodeExamples(task.samples(), missing));
            case ATCODER -> statement + "\n\n" + atCoderSamples(task.samples(), missing);
            case CODEFORCES -> statement + "\n\n" + codeforcesExamples(task.samples(), missing);
        };
    }

    /**
     * The whole problem for a solver writing in {@code language}: {@link #render(Task)}, and for a LeetCode-style
     * task the method to complete in a fenced block.
     */
    public static String render(Task task, Language language) {
        String problem = render(task);
        return stub(task, language).map(stub -> problem + "\n\n" + fenced(stub, language)).orElse(problem);
    }

    /** Whether the task is answered by a method of a class rather than by a program reading standard input. */
    public static boolean isSignatureTask(Task task) {
        return task.style() == Style.LEETCODE && task.signature() != null;
    }

    /**
     * The method to complete, declared in {@code language} with an empty body, for a LeetCode-style task:
     * {@code class Solution:\n    def f(self, a: List[int]) -> int:} in Python, {@code class Solution { public:
     * int f(vector<int>& a) { } };} in C++ (Python-style types mapped to C++ ones).
     */
    public static Optional<String> stub(Task task, Language language) {
        if (!isSignatureTask(task)) {
            return Optional.empty();
        }
        Task.Signature signature = task.signature();
        String className = signature.className() == null || signature.className().isBlank()
                ? "Solution" : signature.className();
        return Optional.of(switch (language) {
            case PYTHON -> "class " + className + ":\n    def " + signature.methodName() + "(self"
                    + signature.parameters().stream().map(p -> ", " + p.name() + ": " + p.type())
                            .collect(Collectors.joining())
                    + ") -> " + pythonReturn(signature.returnType()) + ":\n        ";
            case CPP -> "class " + className + " {\npublic:\n    " + cppType(signature.returnType(), false) + " "
                    + signature.methodName() + "("
                    + signature.parameters().stream().map(p -> cppType(p.type(), true) + " " + p.name())
                            .collect(Collectors.joining(", "))
                    + ") {\n\n    }\n};";
        });
    }

    /** The stub in a fenced block tagged with its language. */
    public static String fenced(String stub, Language language) {
        return "```" + language.wire() + "\n" + stub.stripTrailing() + "\n```";
    }

    /** The indexes of the samples the statement does not show yet. */
    static List<Integer> missingSamples(Task task, String statement) {
        boolean hasHeading = EXAMPLE_HEADING.matcher(statement).find();
        String flat = squeeze(statement);
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < task.samples().size(); i++) {
            Task.Sample sample = task.samples().get(i);
            boolean shown = hasHeading && flat.contains(squeeze(sample.input())) && flat.contains(squeeze(sample.output()));
            if (!shown) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static String codeforcesExamples(List<Task.Sample> samples, List<Integer> indexes) {
        StringBuilder out = new StringBuilder(indexes.size() == 1 ? "Example" : "Examples");
        List<String> notes = new ArrayList<>();
        for (int i : indexes) {
            Task.Sample sample = samples.get(i);
            out.append("\n\nInput\n").append(block(sample.input())).append("\nOutput\n").append(block(sample.output()));
            if (hasText(sample.explanation())) {
                notes.add((indexes.size() == 1 ? "" : "In example " + (i + 1) + ": ") + sample.explanation().strip());
            }
        }
        if (!notes.isEmpty()) {
            out.append("\n\nNote\n").append(String.join("\n\n", notes));
        }
        return out.toString();
    }

    private static String atCoderSamples(List<Task.Sample> samples, List<Integer> indexes) {
        List<String> parts = new ArrayList<>();
        for (int i : indexes) {
            Task.Sample sample = samples.get(i);
            int n = i + 1;
            String part = "Sample Input " + n + "\n" + block(sample.input()) + "\n\nSample Output " + n + "\n"
                    + block(sample.output());
            if (hasText(sample.explanation())) {
                part += "\n\n" + sample.explanation().strip();
            }
            parts.add(part);
        }
        return String.join("\n\n", parts);
    }

    private static String leetCodeExamples(List<Task.Sample> samples, List<Integer> indexes) {
        List<String> parts = new ArrayList<>();
        for (int i : indexes) {
            Task.Sample sample = samples.get(i);
            String part = "Example " + (i + 1) + ":\n\nInput: " + sample.input().strip() + "\nOutput: "
                    + sample.output().strip();
            if (hasText(sample.explanation())) {
                part += "\nExplanation: " + sample.explanation().strip();
            }
            parts.add(part);
        }
        return String.join("\n\n", parts);
    }

    private static String insertBeforeConstraints(String statement, String examples) {
        Matcher constraints = LEETCODE_CONSTRAINTS.matcher(statement);
        if (!constraints.find()) {
            return statement + "\n\n" + examples;
        }
        String before = statement.substring(0, constraints.start()).stripTrailing();
        return before + "\n\n" + examples + "\n\n" + statement.substring(constraints.start()).strip();
    }

    private static String block(String text) {
        return "```\n" + (text == null ? "" : text.strip()) + "\n```";
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }

    private static String squeeze(String text) {
        return text == null ? "" : WHITESPACE.matcher(text).replaceAll("");
    }

    private static String pythonReturn(String type) {
        return type == null || type.isBlank() ? "None" : type.strip();
    }

    /** A signature type, written Python-style ({@code List[int]}) or C++-style, as a C++ type. */
    static String cppType(String type, boolean parameter) {
        if (type == null || type.isBlank()) {
            return "void";
        }
        String t = type.strip().replaceAll("\\bconst\\b", "").replaceAll("\\b(?:std|typing)\\s*(?:::|\\.)\\s*", "")
                .replaceAll("[&\\s]+$", "").strip();
        Matcher generic = GENERIC.matcher(t);
        if (generic.matches()) {
            String vector = "vector<" + cppType(generic.group(2), false) + ">";
            return parameter ? vector + "&" : vector;
        }
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "int", "integer" -> "int";
            case "long", "long long" -> "long long";
            case "float", "double" -> "double";
            case "bool", "boolean" -> "bool";
            case "str", "string" -> "string";
            case "char", "character" -> "char";
            case "none", "void" -> "void";
            default -> t;
        };
    }
}
