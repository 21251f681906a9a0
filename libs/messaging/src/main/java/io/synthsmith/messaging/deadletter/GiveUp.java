package io.synthsmith.messaging.deadletter;

/**
 * Thrown by a stage that has given up on a well-formed record for a reason of its own, to send it to the dead-letter
 * topic under {@link #kind()} rather than {@link DeadLetterHeaders#PROCESSING_FAILED}: for example the verifier's
 * {@code SANDBOX_UNAVAILABLE}, after its sandbox kept failing for a bounded time. The record is not rejected: it can
 * be replayed from the dead-letter topic once the cause is fixed.
 */
public final class GiveUp extends RuntimeException {

    private final String kind;

    /**
     * @param kind the {@link DeadLetterHeaders#ERROR_KIND} header, upper case with underscores
     */
    public GiveUp(String kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
