package io.synthsmith.exporter.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The tasks the exporter has exported, held in memory as 128-bit digests (the first half of the task id's SHA-256)
 * in an open-addressing table: 16 bytes a task in a table at most three-quarters full, about 32 MB per million
 * tasks, where a set of id strings would take about four times as much. Two different task ids share a digest
 * with a probability of about n²/2¹²⁹ (1.5e-27 for a million tasks), so a task is never taken for another's copy
 * in practice. Thread-safe.
 */
public final class ExportedTasks {

    private static final int INITIAL_CAPACITY = 1024;

    private long[] high = new long[INITIAL_CAPACITY];
    private long[] low = new long[INITIAL_CAPACITY];
    private int size;

    /** Records {@code taskId}; returns whether it was new. */
    public synchronized boolean add(String taskId) {
        long[] digest = digest(taskId);
        if (find(high, low, digest[0], digest[1]) >= 0) {
            return false;
        }
        if ((size + 1) * 4L > high.length * 3L) {
            grow();
        }
        insert(high, low, digest[0], digest[1]);
        size++;
        return true;
    }

    public synchronized boolean contains(String taskId) {
        long[] digest = digest(taskId);
        return find(high, low, digest[0], digest[1]) >= 0;
    }

    public synchronized int size() {
        return size;
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        high = new long[oldHigh.length * 2];
        low = new long[oldLow.length * 2];
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldHigh[i] != 0 || oldLow[i] != 0) {
                insert(high, low, oldHigh[i], oldLow[i]);
            }
        }
    }

    /** The slot holding the digest, or -1; an all-zero slot is empty. */
    private static int find(long[] high, long[] low, long h, long l) {
        int mask = high.length - 1;
        for (int slot = (int) h & mask; ; slot = (slot + 1) & mask) {
            if (high[slot] == h && low[slot] == l) {
                return slot;
            }
            if (high[slot] == 0 && low[slot] == 0) {
                return -1;
            }
        }
    }

    private static void insert(long[] high, long[] low, long h, long l) {
        int mask = high.length - 1;
        int slot = (int) h & mask;
        while (high[slot] != 0 || low[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        high[slot] = h;
        low[slot] = l;
    }

    private static long[] digest(String taskId) {
        try {
            ByteBuffer hash = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(taskId.getBytes(StandardCharsets.UTF_8)));
            long h = hash.getLong();
            long l = hash.getLong();
            // All zeros marks an empty slot.
            return h == 0 && l == 0 ? new long[] {0, 1} : new long[] {h, l};
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
