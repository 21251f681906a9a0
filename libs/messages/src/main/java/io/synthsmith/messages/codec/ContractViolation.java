package io.synthsmith.messages.codec;

/**
 * A message that breaks its topic's contract. The message says what was wrong and, where it can, which field;
 * it is meant for the person who produced the message.
 */
public final class ContractViolation extends Exception {

    /** The ways a message can break its contract, from the bytes up. */
    public enum Kind {
        /** The bytes are not JSON text. */
        NOT_JSON,
        /** JSON, but not an object. */
        NOT_AN_OBJECT,
        /** No {@code schema} field naming the message type and version. */
        MISSING_SCHEMA,
        /** A known message type, but not the one this topic carries. */
        WRONG_SCHEMA,
        /** The right message type in a version this code does not read. */
        UNSUPPORTED_VERSION,
        /** The JSON Schema of the message type rejects it. */
        SCHEMA_VIOLATION,
        /** Valid against the schema, yet not readable as the record (a bug on one side of the contract). */
        UNREADABLE,
        /** Larger than the consumer accepts. */
        TOO_LARGE
    }

    private final Kind kind;
    private final String field;

    public ContractViolation(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    /** The JSON path of the offending field, such as {@code $.content.snippet}, or null when not one field. */
    public String field() {
        return field;
    }
}
