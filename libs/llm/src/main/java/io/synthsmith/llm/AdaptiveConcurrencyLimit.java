package io.synthsmith.llm;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An AIMD limit on the HTTP requests one client has in flight. It starts at its cap. A 429 halves it (never below
 * 1), once per round: 429s of requests that were sent before the last decrease do not halve it again. Every
 * {@code limit} successes raise it by one, never above the cap. Other failures leave it alone.
 *
 * <p>A request beyond the limit waits, without bound and without a thread, in arrival order; it starts the moment
 * a slot frees. The callers bound their own in-flight work (the services do, per DESIGN.md), so the wait queue
 * stays as long as their backlog.
 */
public final class AdaptiveConcurrencyLimit {

    private final int cap;
    private final ArrayDeque<Consumer<Permit>> waiting = new ArrayDeque<>();
    private int limit;
    private int inFlight;
    private int peakInFlight;
    private int successesSinceIncrease;
    private long round;

    /** A limit that starts at, and never exceeds, {@code cap}. */
    public AdaptiveConcurrencyLimit(int cap) {
        if (cap < 1) {
            throw new IllegalArgumentException("a concurrency cap is at least 1, not " + cap);
        }
        this.cap = cap;
        this.limit = cap;
    }

    /** The configured cap. */
    public int cap() {
        return cap;
    }

    /** The current limit, between 1 and the cap. */
    public synchronized int limit() {
        return limit;
    }

    /** Requests holding a slot now. */
    public synchronized int inFlight() {
        return inFlight;
    }

    /** Requests waiting for a slot now. */
    public synchronized int waiting() {
        return waiting.size();
    }

    /** The most requests that held a slot at once since this limit was made. */
    public synchronized int peakInFlight() {
        return peakInFlight;
    }

    /** Runs {@code onGranted} with a permit now if a slot is free, else as soon as one frees. */
    void acquire(Consumer<Permit> onGranted) {
        Permit permit = null;
        synchronized (this) {
            if (inFlight < limit) {
                permit = grant();
            } else {
                waiting.add(onGranted);
            }
        }
        if (permit != null) {
            onGranted.accept(permit);
        }
    }

    private Permit grant() {
        inFlight++;
        peakInFlight = Math.max(peakInFlight, inFlight);
        return new Permit(round);
    }

    private void release(Permit permit, Signal signal) {
        List<Consumer<Permit>> starters = new ArrayList<>();
        List<Permit> permits = new ArrayList<>();
        synchronized (this) {
            if (permit.released) {
                return;
            }
            permit.released = true;
            inFlight--;
            switch (signal) {
                case SUCCEEDED -> {
                    if (++successesSinceIncrease >= limit) {
                        limit = Math.min(cap, limit + 1);
                        successesSinceIncrease = 0;
                    }
                }
                case OVERLOADED -> {
                    if (permit.round == round) {
                        limit = Math.max(1, limit / 2);
                        successesSinceIncrease = 0;
                        round++;
                    }
                }
                case NEUTRAL -> {
                }
            }
            while (inFlight < limit && !waiting.isEmpty()) {
                starters.add(waiting.poll());
                permits.add(grant());
            }
        }
        for (int i = 0; i < starters.size(); i++) {
            starters.get(i).accept(permits.get(i));
        }
    }

    /** What a finished request tells the limit. */
    enum Signal {
        /** The server answered: grow additively. */
        SUCCEEDED,
        /** The server said it is overloaded (429): halve. */
        OVERLOADED,
        /** Says nothing about load (timeouts, 5xx, 4xx): leave the limit alone. */
        NEUTRAL
    }

    /** One slot, held by one HTTP attempt; released exactly once. */
    final class Permit {
        private final long round;
        private boolean released;

        private Permit(long round) {
            this.round = round;
        }

        void release(Signal signal) {
            AdaptiveConcurrencyLimit.this.release(this, signal);
        }
    }
}
