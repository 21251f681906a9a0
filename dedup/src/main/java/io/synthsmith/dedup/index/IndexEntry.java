package io.synthsmith.dedup.index;

import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.minhash.MinHashSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the index holds per task: its run, the verdict once one is recorded (null while the task is still
 * claiming its bands), its signature while it may be a near-copy's original (claiming or unique), and its
 * {@link Standing}: decided, in flight (passed the pre-solve stage, not verified yet; then its statement hash is
 * kept so that a rejection can release the claim), or released. Stored as compact bytes: a million entries must
 * fit in one server's heap.
 */
public record IndexEntry(String runId, Verdict verdict, MinHashSignature signature, Standing standing,
        String statementHash) {

    /** Format 1 had no standing (every entry was decided); it is still read. */
    private static final byte FORMAT = 2;

    /** Where a task stands in the index. */
    public enum Standing {
        /** Decided by the post-verification stage (or claiming, while the verdict is null). */
        DECIDED,
        /** Passed the pre-solve stage as unique; solving and verification are still to come. */
        IN_FLIGHT,
        /** Was in flight and was rejected downstream: its claims were given up and nothing is compared with it. */
        RELEASED
    }

    public IndexEntry {
        standing = standing == null ? Standing.DECIDED : standing;
    }

    public IndexEntry(String runId, Verdict verdict, MinHashSignature signature) {
        this(runId, verdict, signature, Standing.DECIDED, null);
    }

    /** Whether later tasks are compared with this one: it is unique (accepted or in flight), or still deciding. */
    public boolean comparable() {
        return signature != null && standing != Standing.RELEASED
                && (verdict == null || verdict instanceof Verdict.Unique);
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + (signature == null ? 0 : 4 * signature.size()));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(runId);
            writeVerdict(out, verdict);
            if (signature == null) {
                out.writeShort(0);
            } else {
                int[] values = signature.values();
                out.writeShort(values.length);
                for (int value : values) {
                    out.writeInt(value);
                }
            }
            out.writeByte(standing.ordinal());
            writeNullable(out, statementHash);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static IndexEntry decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            byte format = in.readByte();
            if (format != FORMAT && format != 1) {
                throw new IllegalStateException("dedup index entry of format " + format + ", this service reads "
                        + FORMAT + "; was the index written by a newer release?");
            }
            String runId = in.readUTF();
            Verdict verdict = readVerdict(in);
            int length = in.readShort();
            MinHashSignature signature = null;
            if (length > 0) {
                int[] values = new int[length];
                for (int i = 0; i < length; i++) {
                    values[i] = in.readInt();
                }
                signature = new MinHashSignature(values);
            }
            if (format == 1) {
                return new IndexEntry(runId, verdict, signature);
            }
            Standing standing = Standing.values()[in.readByte()];
            return new IndexEntry(runId, verdict, signature, standing, readNullableString(in));
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt dedup index entry", e);
        }
    }

    private static void writeVerdict(DataOutputStream out, Verdict verdict) throws IOException {
        switch (verdict) {
            case null -> out.writeByte(0);
            case Verdict.Unique u -> {
                out.writeByte(1);
                writeNullable(out, u.nearestId());
                writeNullable(out, u.nearestSimilarity());
            }
            case Verdict.Duplicate d -> {
                out.writeByte(2);
                out.writeUTF(d.of());
                out.writeUTF(d.statementHash());
            }
            case Verdict.NearDuplicate n -> {
                out.writeByte(3);
                out.writeUTF(n.of());
                out.writeDouble(n.similarity());
                out.writeDouble(n.threshold());
            }
            case Verdict.Contaminated c -> {
                out.writeByte(4);
                out.writeUTF(c.benchmark());
                out.writeUTF(c.benchmarkId());
                writeNullable(out, c.ngram());
                writeNullable(out, c.similarity());
            }
        }
    }

    private static Verdict readVerdict(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> null;
            case 1 -> new Verdict.Unique(readNullableString(in), readNullableDouble(in));
            case 2 -> new Verdict.Duplicate(in.readUTF(), in.readUTF());
            case 3 -> new Verdict.NearDuplicate(in.readUTF(), in.readDouble(), in.readDouble());
            case 4 -> new Verdict.Contaminated(in.readUTF(), in.readUTF(), readNullableString(in),
                    readNullableDouble(in));
            default -> throw new IllegalStateException("dedup index entry with unknown verdict kind " + kind);
        };
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static void writeNullable(DataOutputStream out, Double value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeDouble(value);
        }
    }

    private static String readNullableString(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static Double readNullableDouble(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }
}
