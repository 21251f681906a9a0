package io.synthsmith.messaging.deadletter;

/**
 * The headers of a dead letter. The record's key and value are the original ones, byte for byte, so a fixed
 * consumer can replay it; these headers say why it failed and where it came from.
 */
public final class DeadLetterHeaders {

    /** What was wrong, for a person. */
    public static final String ERROR = "synthsmith-error";
    /** The kind of failure: a {@link io.synthsmith.messages.codec.ContractViolation.Kind} or PROCESSING_FAILED. */
    public static final String ERROR_KIND = "synthsmith-error-kind";
    /** The JSON path of the offending field, when one field is to blame. */
    public static final String ERROR_FIELD = "synthsmith-error-field";
    public static final String SOURCE_TOPIC = "synthsmith-source-topic";
    public static final String SOURCE_PARTITION = "synthsmith-source-partition";
    public static final String SOURCE_OFFSET = "synthsmith-source-offset";
    /** The service that gave up on the record. */
    public static final String SERVICE = "synthsmith-service";
    /** When it gave up, ISO 8601. */
    public static final String FAILED_AT = "synthsmith-failed-at";
    /**
     * Set when the value was too large for the dead-letter topic (a {@code TOO_LARGE} record over the dead-letter
     * producer's {@code max.request.size}, 17 MiB): its length in bytes. The dead letter then keeps only its first
     * 64 KiB, so that it can be written at all.
     */
    public static final String ORIGINAL_BYTES = "synthsmith-original-bytes";

    /** The kind given to records whose processing threw, as opposed to records that break their contract. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private DeadLetterHeaders() {
    }
}
