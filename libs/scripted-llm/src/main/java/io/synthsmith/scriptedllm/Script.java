package io.synthsmith.scriptedllm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The whole behaviour of a {@link ScriptedLlmServer}: its rules (first match wins) and how it serves.
 *
 * @param rules              rules tried in order; a request no rule matches gets a 400 that says so. Refused when a
 *                           template reply names a regex group its rule lacks
 * @param latency            fixed time every served request takes before its reply is written
 * @param capacity           how many requests are served at once; 0 means no limit
 * @param overflow           what happens to requests beyond {@code capacity}
 * @param overflowRetryAfter the {@code Retry-After} sent with overflow 429s ({@link Overflow#REJECT})
 * @param seed               seed of the random draws of {@link ScriptRule.RandomFault}s
 * @param recordLimit        how many of the most recent requests are kept for {@link ScriptedLlmServer#requests()}
 * @param streaming          how completions are cut into chunks for requests that ask {@code "stream": true}
 */
public record Script(List<ScriptRule> rules, Duration latency, int capacity, Overflow overflow,
                     Duration overflowRetryAfter, long seed, int recordLimit, Streaming streaming) {

    /** Requests kept for inspection by default. */
    public static final int DEFAULT_RECORD_LIMIT = 10_000;

    public Script {
        rules = List.copyOf(rules);
        for (int i = 0; i < rules.size(); i++) {
            try {
                rules.get(i).checkTemplates();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule " + i + ": " + e.getMessage(), e);
            }
        }
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(overflowRetryAfter, "overflowRetryAfter");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is 0 (unlimited) or positive, not " + capacity);
        }
        if (recordLimit < 0) {
            throw new IllegalArgumentException("recordLimit is 0 or positive, not " + recordLimit);
        }
        Objects.requireNonNull(streaming, "streaming");
    }

    /** A script that streams with the default chunking. */
    public Script(List<ScriptRule> rules, Duration latency, int capacity, Overflow overflow,
            Duration overflowRetryAfter, long seed, int recordLimit) {
        this(rules, latency, capacity, overflow, overflowRetryAfter, seed, recordLimit, Streaming.DEFAULT);
    }

    /** This script streaming {@code chunkChars} characters per chunk, {@code chunkDelay} apart. */
    public Script withStreaming(int chunkChars, Duration chunkDelay) {
        return new Script(rules, latency, capacity, overflow, overflowRetryAfter, seed, recordLimit,
                new Streaming(chunkChars, chunkDelay));
    }

    /**
     * How a streamed completion is sent: its text in chunks of {@code chunkChars} characters, one SSE event each,
     * with {@code chunkDelay} between events (zero: all at once).
     */
    public record Streaming(int chunkChars, Duration chunkDelay) {
        /** 64 characters per chunk, no delay. */
        public static final Streaming DEFAULT = new Streaming(64, Duration.ZERO);

        public Streaming {
            if (chunkChars < 1) {
                throw new IllegalArgumentException("a stream chunk holds at least 1 character, not " + chunkChars);
            }
            Objects.requireNonNull(chunkDelay, "chunkDelay");
        }
    }

    /** A script with these rules, no latency, no capacity limit. */
    public static Script of(ScriptRule... rules) {
        return new Script(List.of(rules), Duration.ZERO, 0, Overflow.QUEUE, Duration.ofSeconds(1), 1L,
                DEFAULT_RECORD_LIMIT, Streaming.DEFAULT);
    }

    /** This script with every served request taking {@code fixedLatency}. */
    public Script withLatency(Duration fixedLatency) {
        return new Script(rules, fixedLatency, capacity, overflow, overflowRetryAfter, seed, recordLimit, streaming);
    }

    /** This script serving at most {@code maxConcurrent} requests at once; others queue. */
    public Script withCapacity(int maxConcurrent) {
        return new Script(rules, latency, maxConcurrent, Overflow.QUEUE, overflowRetryAfter, seed, recordLimit, streaming);
    }

    /** This script serving at most {@code maxConcurrent} requests at once; others get 429 with Retry-After. */
    public Script withCapacityRejecting(int maxConcurrent, Duration retryAfter) {
        return new Script(rules, latency, maxConcurrent, Overflow.REJECT, retryAfter, seed, recordLimit, streaming);
    }

    /** This script drawing random faults from {@code randomSeed}. */
    public Script withSeed(long randomSeed) {
        return new Script(rules, latency, capacity, overflow, overflowRetryAfter, randomSeed, recordLimit, streaming);
    }

    /** This script keeping only the {@code limit} most recent requests for inspection. */
    public Script withRecordLimit(int limit) {
        return new Script(rules, latency, capacity, overflow, overflowRetryAfter, seed, limit, streaming);
    }

    /** What the server does with a request that arrives while {@code capacity} requests are being served. */
    public enum Overflow {
        /** Wait in arrival order for a free slot, as vLLM's scheduler queue does; latency counts from then. */
        QUEUE,
        /** Answer 429 at once with {@code Retry-After}, as rate-limited hosted APIs do. */
        REJECT
    }
}
