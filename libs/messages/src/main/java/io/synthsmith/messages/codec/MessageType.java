package io.synthsmith.messages.codec;

import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Seed;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import java.util.Arrays;
import java.util.Optional;

/** Every message type of the pipeline: its schema name and version, its record, and its published JSON Schema. */
public enum MessageType {
    SEED(Seed.SCHEMA, Seed.class),
    RUN(RunConfig.SCHEMA, RunConfig.class),
    TASK(Task.SCHEMA, Task.class),
    SOLVED(Solved.SCHEMA, Solved.class),
    VERIFIED(Verified.SCHEMA, Verified.class),
    ACCEPTED(Accepted.SCHEMA, Accepted.class),
    REJECTED(Rejected.SCHEMA, Rejected.class),
    EXPORT_SFT(ExportSft.SCHEMA, ExportSft.class),
    EXPORT_RL(ExportRl.SCHEMA, ExportRl.class),
    GENERATION_REQUEST(GenerationRequest.SCHEMA, GenerationRequest.class);

    /** Where the published schemas live, both as {@code $id} prefix and on the classpath. */
    public static final String SCHEMA_BASE_URI = "https://synthsmith.io/schemas/";
    public static final String SCHEMA_RESOURCE_DIR = "schemas/";

    private final String schemaId;
    private final Class<? extends Envelope> recordType;

    MessageType(String schemaId, Class<? extends Envelope> recordType) {
        this.schemaId = schemaId;
        this.recordType = recordType;
    }

    /** The value of the {@code schema} field, for example {@code synthsmith.seed/v1}. */
    public String schemaId() {
        return schemaId;
    }

    /** The schema name without version, for example {@code synthsmith.seed}. */
    public String schemaName() {
        return schemaId.substring(0, schemaId.indexOf('/'));
    }

    /** The version this code reads and writes, for example {@code v1}. */
    public String version() {
        return schemaId.substring(schemaId.indexOf('/') + 1);
    }

    public Class<? extends Envelope> recordType() {
        return recordType;
    }

    /** The file name of the published JSON Schema, for example {@code seed.v1.schema.json}. */
    public String schemaFile() {
        return schemaName().substring("synthsmith.".length()) + "." + version() + ".schema.json";
    }

    public String schemaUri() {
        return SCHEMA_BASE_URI + schemaFile();
    }

    /** The type whose schema name is {@code name} (any version). */
    public static Optional<MessageType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.schemaName().equals(name)).findFirst();
    }
}
