package io.synthsmith.evolver.generation;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.llm.reply.ReplyCheckException;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.util.ArrayList;
import java.util.List;
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
     * Reads a statement reply in {@code style}. The JSON must have a title and statement (else the reply is
     * unreadable, {@link ReplyFormatException}); then the content is checked ({@link ReplyCheckException} listing
     * every failure): at least {@code minSamples} samples with input and output, the sections of
     * {@link StatementSections} for the style, a signature with a return value whose parameters every LeetCode
     * sample names, and no hint naming a technique ({@link ForbiddenTerms}).
     */
    public static Statement parse(String answer, Style style, int minSamples, ForbiddenTerms forbiddenTerms) {
        JsonNode reply = ReplyJson.extractObject(answer, "statement").orThrow();
        String title = text(reply, "title");
        String statement = text(reply, "statement");
        List<String> problems = new ArrayList<>(StatementSections.problems(style, statement));
        List<String> named = forbiddenTerms.hintedIn(statement);
        if (!named.isEmpty()) {
            problems.add("the statement hints at the solution by naming a technique: " + named
                    + "; describe what to compute, not how (a story may use such words, a hint may not)");
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
            throw new ReplyCheckException(String.join("; ", problems));
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
}
