package io.synthsmith.messages;

import java.time.Instant;
import java.util.List;

/**
 * One SFT sample on the export.sft topic: chat {@code messages} (the default), or {@code query} and
 * {@code response} as in the X-Coder release. Optional (revision 2): {@code reasoningChars}, the length of the
 * solution's reasoning in characters, and {@code reasoningHidden}, true when its model reasoned but its endpoint
 * returned no reasoning text (the sample then has no reasoning by design, not by accident).
 */
public record ExportSft(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        String taskId,
        String candidateId,
        boolean golden,
        String format,
        List<ChatMessage> messages,
        String query,
        String response,
        Style style,
        Language language,
        Integer reasoningChars,
        Boolean reasoningHidden) implements Envelope {

    public static final String SCHEMA = "synthsmith.export.sft/v1";
    public static final String FORMAT_MESSAGES = "messages";
    public static final String FORMAT_QUERY_RESPONSE = "query_response";

    /** A sample without its solution's reasoning length and visibility (as published before revision 2). */
    public ExportSft(String schema, String runId, String id, Lineage lineage, Instant createdAt, String taskId,
            String candidateId, boolean golden, String format, List<ChatMessage> messages, String query,
            String response, Style style, Language language) {
        this(schema, runId, id, lineage, createdAt, taskId, candidateId, golden, format, messages, query, response,
                style, language, null, null);
    }
}
