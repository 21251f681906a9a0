package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;

/**
 * A seed on the seeds topic: a real code snippet, or a reference document (SynthLLM). Producers may leave
 * out lineage and createdAt; {@link #onIntake(Instant)} fills them in.
 */
public record Seed(String schema, String runId, String id, Lineage lineage, Instant createdAt, Content content)
        implements Envelope {

    public static final String SCHEMA = "synthsmith.seed/v1";

    /** What a seed holds: code, or a document. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Code.class, name = "code"),
        @JsonSubTypes.Type(value = Document.class, name = "document")
    })
    public sealed interface Content permits Code, Document {
    }

    /** A code snippet in any language, with the problem it solves when known. */
    public record Code(String snippet, String language, String problem) implements Content {
    }

    /** A reference document: a tutorial, an editorial, a textbook section. */
    public record Document(String title, String text, String source) implements Content {
    }

    /** This seed with lineage and creation time filled in where the producer left them out. */
    public Seed onIntake(Instant now) {
        Instant created = createdAt == null ? now : createdAt;
        Lineage known = lineage == null || lineage.seedIds().isEmpty() ? Lineage.ofSeed(id, created) : lineage;
        return new Seed(schema, runId, id, known, created, content);
    }
}
