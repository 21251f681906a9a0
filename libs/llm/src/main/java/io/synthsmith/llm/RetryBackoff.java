package io.synthsmith.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between attempts: the server's {@code Retry-After} when it sent one, else exponential backoff with full
 * jitter (a uniform wait between 0 and {@code min(max, base * 2^(retry-1))}), which spreads retries of many
 * clients apart.
 */
final class RetryBackoff {

    private final Duration base;
    private final Duration max;

    RetryBackoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** The wait before retry number {@code retry} (1 for the first retry). */
    Duration before(int retry, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long ceiling = base.toMillis() << Math.min(retry - 1, 30);
        ceiling = Math.min(Math.max(ceiling, 0), max.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    /** A {@code Retry-After} value as a wait from {@code now}: delta seconds or an HTTP date; empty if unparsable. */
    static Optional<Duration> parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
