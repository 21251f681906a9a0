package io.synthsmith.evolver.messaging;

import java.util.concurrent.Semaphore;

/**
 * Bounds how many records of one consumer work at once: each record's virtual thread takes a permit, in arrival
 * order, and the others park until one frees (a parked virtual thread holds no carrier).
 */
final class InFlightLimit {

    private final Semaphore permits;

    InFlightLimit(int limit) {
        this.permits = new Semaphore(limit, true);
    }

    void run(Runnable work) {
        permits.acquireUninterruptibly();
        try {
            work.run();
        } finally {
            permits.release();
        }
    }
}
