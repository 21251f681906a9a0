package io.synthsmith.llm;

import java.time.Duration;
import java.util.Optional;

/** Why one HTTP attempt failed. Each kind says whether retrying can help. */
public sealed interface AttemptFailure {

    /** A short, stable name for metrics and logs, e.g. {@code rate_limited}. */
    String kind();

    /** Whether another attempt may succeed. */
    boolean retryable();

    /** What went wrong, for a person. */
    String describe();

    /**
     * The server answered with an error status.
     *
     * @param status      the HTTP status
     * @param bodyExcerpt the start of the error body
     * @param retryAfter  the wait the server asked for in {@code Retry-After}, if any
     */
    record HttpStatus(int status, String bodyExcerpt, Optional<Duration> retryAfter) implements AttemptFailure {
        @Override
        public String kind() {
            if (status == 429) {
                return "rate_limited";
            }
            return status >= 500 ? "server_error" : "client_error";
        }

        /** 429, 408 and every 5xx are retried; other statuses (400, 401, 403, 404, 422, ...) are not. */
        @Override
        public boolean retryable() {
            return status == 429 || status == 408 || status >= 500;
        }

        @Override
        public String describe() {
            return "HTTP " + status + (bodyExcerpt.isEmpty() ? "" : ": " + bodyExcerpt);
        }
    }

    /**
     * No complete reply within the per-attempt timeout.
     *
     * @param after the timeout that elapsed
     */
    record Timeout(Duration after) implements AttemptFailure {
        @Override
        public String kind() {
            return "timeout";
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String describe() {
            return "no complete reply within the timeout of " + after.toMillis() + " ms";
        }
    }

    /**
     * The connection could not be made or broke before a reply started (refused, reset, DNS, TLS).
     *
     * @param detail the underlying error
     */
    record ConnectionFailed(String detail) implements AttemptFailure {
        @Override
        public String kind() {
            return "connection";
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String describe() {
            return "connection failed: " + detail;
        }
    }

    /**
     * The reply started but its body broke off before its end.
     *
     * @param detail the underlying error
     */
    record TruncatedReply(String detail) implements AttemptFailure {
        @Override
        public String kind() {
            return "truncated_reply";
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String describe() {
            return "the reply body broke off: " + detail;
        }
    }

    /**
     * A 2xx reply whose body is not a chat completion (bad JSON, no choices).
     *
     * @param detail what was wrong, with where
     */
    record MalformedReply(String detail) implements AttemptFailure {
        @Override
        public String kind() {
            return "malformed_reply";
        }

        @Override
        public boolean retryable() {
            return true;
        }

        @Override
        public String describe() {
            return "malformed reply: " + detail;
        }
    }
}
