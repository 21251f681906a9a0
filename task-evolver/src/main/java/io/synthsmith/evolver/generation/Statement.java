package io.synthsmith.evolver.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Stage 2 of two-stage generation, as the LLM answered it: title, statement, samples parsed into input/output
 * pairs, and for LeetCode style the parsed signature.
 */
public record Statement(String title, String statement, List<Task.Sample> samples, Task.Signature signature) {

    public Statement {
        samples = List.copyOf(samples);
    }

    /**
     * Reads a statement reply in {@code style}. It must have a title and statement, at least {@code minSamples}
     * samples with input and output, a constraints section, input and output sections for stdin/stdout styles, a
     * signature whose parameters every LeetCode sample names, and none of {@code forbiddenTerms}.
     */
    public static Statement parse(String answer, Style style, int minSamples, List<String> forbiddenTerms) {
        JsonNode reply = ReplyJson.extractObject(answer).orThrow();
        String title = text(reply, "title");
        String statement = text(reply, "statement");
        List<String> problems = new ArrayList<>();
        String lower = statement.toLowerCase(Locale.ROOT);
        if (!lower.contains("constraint")) {
            problems.add("the statement has no constraints section (\"Constraints\")");
        }
        if (style != Style.LEETCODE && !(containsWord(lower, "input") && containsWord(lower, "output"))) {
            problems.add("the statement must describe the exact \"Input\" and \"Output\" formats");
        }
        List<String> named = new ArrayList<>();
        String titleAndStatement = (title + "\n" + statement).toLowerCase(Locale.ROOT);
        for (String term : forbiddenTerms) {
            if (containsWord(titleAndStatement, term.toLowerCase(Locale.ROOT))) {
                named.add(term);
            }
        }
        if (!named.isEmpty()) {
            problems.add("the title or statement names a technique, which gives the solution away: " + named
                    + "; describe what to compute, not how");
        }
        List<Task.Sample> samples = new ArrayList<>();
        JsonNode sampleNodes = reply.path("samples");
        int index = 0;
        for (JsonNode sample : sampleNodes) {
            index++;
            String input = sample.path("input").isTextual() ? sample.path("input").asText() : null;
            String output = sample.path("output").isTextual() ? sample.path("output").asText() : null;
            if (input == null || input.isBlank() || output == null || output.isBlank()) {
                problems.add("sample " + index + " needs a non-empty \"input\" and \"output\" string");
                continue;
            }
            String explanation = sample.path("explanation").isTextual() ? sample.path("explanation").asText() : null;
            samples.add(new Task.Sample(input, output, explanation == null || explanation.isBlank() ? null : explanation));
        }
        if (samples.size() < minSamples) {
            problems.add("the reply has " + samples.size() + " usable samples under \"samples\", at least " + minSamples
                    + " are required");
        }
        Task.Signature signature = null;
        if (style == Style.LEETCODE) {
            try {
                signature = SignatureParser.parse(reply.path("signature").asText(null));
                for (int i = 0; i < samples.size(); i++) {
                    for (Task.Signature.Parameter parameter : signature.parameters()) {
                        if (!Pattern.compile("(^|[\\s,])" + Pattern.quote(parameter.name()) + "\\s*=")
                                .matcher(samples.get(i).input()).find()) {
                            problems.add("sample " + (i + 1) + " input does not give parameter " + parameter.name()
                                    + " as \"" + parameter.name() + " = value\"");
                        }
                    }
                }
            } catch (ReplyFormatException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ReplyFormatException(String.join("; ", problems));
        }
        return new Statement(title, statement, samples, signature);
    }

    private static String text(JsonNode reply, String field) {
        JsonNode node = reply.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new ReplyFormatException("\"" + field + "\" is missing or not a non-blank string");
        }
        return node.asText().strip();
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }
}
