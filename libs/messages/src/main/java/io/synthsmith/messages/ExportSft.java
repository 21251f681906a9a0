package io.synthsmith.messages;

import java.time.Instant;
import java.util.List;

/**
 * One SFT sample on the export.sft topic: chat {@code messages} (the default), or {@code query} and
 * {@code response} as in the X-Coder release.
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
        Language language) implements Envelope {

    public static final String SCHEMA = "synthsmith.export.sft/v1";
    public static final String FORMAT_MESSAGES = "messages";
    public static final String FORMAT_QUERY_RESPONSE = "query_response";
}
