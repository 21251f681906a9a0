package io.synthsmith.verifier.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The user ids one verifier instance gives its run slots, claimed on this host for the life of the process: range
 * {@code k} is {@code [base + k * size, base + (k + 1) * size)}, and whoever holds the lock on
 * {@code <dir>/uids-<first>-<last>.lock} owns it. Two instances on one host therefore never share a slot uid, so
 * neither RLIMIT_NPROC (counted per uid) nor anything done to a uid's processes reaches the other's runs. The lock
 * is the kernel's (fcntl): it goes away with the process, however it ends, so a crashed verifier frees its range.
 */
public final class SlotUidRange implements AutoCloseable {

    private final int first;
    private final int size;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;

    private SlotUidRange(int first, int size, Path lockFile, FileChannel channel, FileLock lock) {
        this.first = first;
        this.size = size;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims the first free range under {@code dir}.
     *
     * @param base   the first uid of range 0
     * @param size   uids per range: the most slots one instance may have
     * @param ranges how many ranges there are; all claimed means no instance more can start on this host
     * @param slots  the slots this instance needs, at most {@code size}
     */
    public static SlotUidRange claim(Path dir, int base, int size, int ranges, int slots) {
        if (slots > size) {
            throw new IllegalArgumentException(slots + " run slots do not fit a range of " + size + " slot uids;"
                    + " raise synthsmith.verifier.sandbox.slot-range-size or lower synthsmith.verifier.parallelism");
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                // Every verifier on the host, whatever user it runs as, claims its range here.
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            for (int k = 0; k < ranges; k++) {
                int first = base + k * size;
                Path file = dir.resolve("uids-" + first + "-" + (first + size - 1) + ".lock");
                FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldByThisProcess) {
                    lock = null;
                }
                if (lock == null) {
                    channel.close();
                    continue;
                }
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                        .getBytes(StandardCharsets.US_ASCII)));
                return new SlotUidRange(first, size, file, channel, lock);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot claim a range of run slot uids under " + dir
                    + " (synthsmith.verifier.sandbox.slot-lock-dir): " + e.getMessage(), e);
        }
        throw new IllegalStateException("every one of the " + ranges + " ranges of " + size + " run slot uids from "
                + base + " is claimed by another verifier on this host (lock files under " + dir
                + "); raise synthsmith.verifier.sandbox.slot-ranges or run fewer verifiers here");
    }

    /** The uid of run slot {@code slot}. */
    public int uid(int slot) {
        if (slot < 0 || slot >= size) {
            throw new IllegalArgumentException("slot " + slot + " is outside this range of " + size);
        }
        return first + slot;
    }

    public int first() {
        return first;
    }

    /** The last uid of the range, inclusive. */
    public int last() {
        return first + size - 1;
    }

    public boolean contains(int uid) {
        return uid >= first && uid <= last();
    }

    public Path lockFile() {
        return lockFile;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // Closing the channel drops the lock; the process ending would too.
        }
    }

    @Override
    public String toString() {
        return "uids " + first + "-" + last() + " (" + lockFile + ")";
    }
}
