package io.synthsmith.llm;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * A chat call failed for good. Either the endpoint {@link Rejected rejected} the request (a status that retrying
 * cannot fix), or the client {@link GaveUp gave up} after its retry budget. Both say the stage, the number of
 * attempts and the last failure; the message is fit for a dead-letter header.
 */
public abstract sealed class LlmException extends RuntimeException permits LlmException.Rejected, LlmException.GaveUp {

    private final String stage;
    private final int attempts;
    private final AttemptFailure lastFailure;

    private LlmException(String stage, int attempts, AttemptFailure lastFailure, String message) {
        super(message, null, false, false);
        this.stage = stage;
        this.attempts = attempts;
        this.lastFailure = lastFailure;
    }

    /** The stage whose call failed. */
    public String stage() {
        return stage;
    }

    /** HTTP attempts made, the first included. */
    public int attempts() {
        return attempts;
    }

    /** The failure of the last attempt. */
    public AttemptFailure lastFailure() {
        return lastFailure;
    }

    /** The HTTP status of the last attempt, when it got one. */
    public OptionalInt status() {
        return lastFailure instanceof AttemptFailure.HttpStatus http ? OptionalInt.of(http.status())
                : OptionalInt.empty();
    }

    /** The endpoint answered with a status that is not retried (e.g. 400, 401, 403, 404, 422). */
    public static final class Rejected extends LlmException {
        Rejected(String stage, String endpoint, int attempts, AttemptFailure.HttpStatus failure) {
            super(stage, attempts, failure, "the LLM endpoint " + endpoint + " of stage '" + stage
                    + "' rejected the request with " + failure.describe() + "; not retried. " + hint(stage,
                    failure.status()));
        }

        private static String hint(String stage, int status) {
            String keys = "synthsmith." + stage + ".llm.*";
            return switch (status) {
                case 401, 403 -> "Check the API key (" + keys + ".api-key or SYNTHSMITH_LLM_API_KEY).";
                case 404 -> "Check that the base URL ends where /chat/completions follows (e.g. .../v1) and that "
                        + "the model exists (" + keys + ").";
                default -> "Check the model name, prompt size and sampling parameters (" + keys + ").";
            };
        }
    }

    /** Every attempt failed with a retryable failure until the attempts or the time budget ran out. */
    public static final class GaveUp extends LlmException {

        private final Duration elapsed;
        private final Exhausted exhausted;

        GaveUp(String stage, String endpoint, int attempts, Duration elapsed, Exhausted exhausted,
               AttemptFailure lastFailure) {
            super(stage, attempts, lastFailure, "the LLM endpoint " + endpoint + " of stage '" + stage
                    + "' failed " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
                    + elapsed.toMillis() + " ms, giving up (" + exhausted.explanation + "); last failure: "
                    + lastFailure.describe() + ". Check the server, or raise synthsmith." + stage
                    + ".llm.max-attempts / retry-budget.");
            this.elapsed = elapsed;
            this.exhausted = exhausted;
        }

        /** Time from the first attempt to giving up. */
        public Duration elapsed() {
            return elapsed;
        }

        /** Which part of the retry budget ran out. */
        public Exhausted exhausted() {
            return exhausted;
        }
    }

    /** The part of the retry budget that ran out. */
    public enum Exhausted {
        /** {@code max-attempts} attempts were made. */
        ATTEMPTS("max-attempts reached"),
        /** The next wait would end past {@code retry-budget}. */
        TIME("the next retry would start after retry-budget"),
        /** The client was closed while the call waited to retry. */
        CLIENT_CLOSED("the client was closed");

        private final String explanation;

        Exhausted(String explanation) {
            this.explanation = explanation;
        }
    }
}
