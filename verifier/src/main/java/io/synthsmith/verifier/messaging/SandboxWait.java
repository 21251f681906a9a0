package io.synthsmith.verifier.messaging;

import io.synthsmith.messaging.deadletter.GiveUp;
import io.synthsmith.verifier.sandbox.SandboxUnavailable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Verifies a task again, with backoff, while the sandbox is unavailable ({@link SandboxUnavailable}), and gives up on
 * it as {@link #KIND} after a bounded time: a task is never rejected because the sandbox failed. The wait is on the
 * record's own (virtual) thread, so records of other partitions go on within the channel's concurrency bound.
 */
public final class SandboxWait {

    /** The dead-letter kind of a task given up on because the sandbox stayed unavailable. */
    public static final String KIND = "SANDBOX_UNAVAILABLE";

    private static final Logger LOG = Logger.getLogger(SandboxWait.class);

    private final Duration timeout;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final Runnable onRetry;

    /**
     * @param onRetry told of every retry (for metrics)
     */
    public SandboxWait(Duration timeout, Duration firstBackoff, Duration maxBackoff, Clock clock, Runnable onRetry) {
        this.timeout = timeout;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.onRetry = onRetry;
    }

    /**
     * Runs {@code work} until it returns without {@link SandboxUnavailable}.
     *
     * @throws GiveUp of kind {@link #KIND} once the sandbox has been unavailable for the timeout
     */
    public <T> T call(String what, Supplier<T> work) {
        Instant giveUpAt = clock.instant().plus(timeout);
        Duration backoff = firstBackoff;
        int attempts = 0;
        while (true) {
            try {
                return work.get();
            } catch (SandboxUnavailable unavailable) {
                attempts++;
                if (!clock.instant().plus(backoff).isBefore(giveUpAt)) {
                    throw new GiveUp(KIND, "the sandbox was unavailable for " + what + " in " + attempts
                            + " attempts over " + timeout + " (synthsmith.verifier.sandbox.unavailable.timeout); last: "
                            + unavailable.getMessage(), unavailable);
                }
                LOG.warnf("the sandbox is unavailable for %s (%s); trying again in %d ms", what,
                        unavailable.getMessage(), backoff.toMillis());
                onRetry.run();
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sandbox", e);
        }
    }
}
