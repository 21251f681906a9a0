package io.synthsmith.dedup.index;

import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.minhash.Fingerprint;
import io.synthsmith.dedup.minhash.MinHashScheme;
import io.synthsmith.dedup.minhash.MinHashSignature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;

/**
 * The dedup index shared by every replica, in one Infinispan cache. Per namespace (a run, or every run), it
 * holds three kinds of entry, each found by key, so a look-up costs a number of remote operations that depends
 * on the number of bands and never on the size of the index:
 * <ul>
 * <li>{@code x|<statement hash>}: the id of the task that claimed the hash first;</li>
 * <li>{@code b<band>|<band hash>}: the ids of the tasks whose signature has that band (a bucket);</li>
 * <li>{@code t|<task id>}: the task's {@link IndexEntry} (run, verdict, signature).</li>
 * </ul>
 * Claims are atomic: the hash with {@code putIfAbsent}, each bucket with a versioned compare-and-set that adds
 * the task only if no member was added since it was read. A task first writes its entry, then walks its buckets
 * in band order and stops at the first one holding a similar task. Of two near-copies racing on two replicas,
 * whichever reaches their first shared bucket second sees the other there and is the duplicate; the first never
 * sees the second in a shared bucket, so exactly one of them wins. A redelivered task finds its own id in the
 * hash and the buckets, which is no conflict.
 */
public final class SharedIndex {

    private final RemoteCache<String, byte[]> cache;
    private final MinHashScheme scheme;
    private final double threshold;
    private final int maxBucketSize;
    private final AtomicLong operations = new AtomicLong();

    /**
     * @param threshold     estimated Jaccard similarity at or over which a task is a near-duplicate
     * @param maxBucketSize a bucket stops taking members at this size (its members are still compared with)
     */
    public SharedIndex(RemoteCache<String, byte[]> cache, MinHashScheme scheme, double threshold, int maxBucketSize) {
        if (threshold <= 0 || threshold > 1) {
            throw new IllegalArgumentException("the near-duplicate threshold must be in (0, 1], got " + threshold
                    + " (synthsmith.dedup.minhash.threshold)");
        }
        this.cache = cache;
        this.scheme = scheme;
        this.threshold = threshold;
        this.maxBucketSize = maxBucketSize;
    }

    /** Remote operations issued so far, for the benchmark and the metrics. */
    public long operations() {
        return operations.get();
    }

    /** The verdict already recorded for the task in this namespace, when it was decided before (a redelivery). */
    public Optional<Verdict> recorded(String namespace, String taskId) {
        return entry(namespace, taskId).map(IndexEntry::verdict);
    }

    /** The task's entry in this namespace, if it has one (claiming, decided, in flight or released). */
    public Optional<IndexEntry> entry(String namespace, String taskId) {
        byte[] entry = get(entryKey(namespace, taskId));
        return entry == null ? Optional.empty() : Optional.of(IndexEntry.decode(entry));
    }

    /**
     * Claims the task's statement hash and bands, unless another task holds the hash or a similar task holds one
     * of its buckets. The task's entry stays in the claiming state until {@link #record} stores the verdict.
     */
    public Verdict claim(String namespace, String taskId, String runId, Fingerprint fingerprint) {
        String exactKey = namespace(namespace) + "x|" + fingerprint.exactHash();
        operations.incrementAndGet();
        byte[] owner = putIfAbsentReturning(exactKey, utf8(taskId));
        if (owner != null && !taskId.equals(text(owner))) {
            return new Verdict.Duplicate(text(owner), fingerprint.exactHash());
        }
        put(entryKey(namespace, taskId), new IndexEntry(runId, null, fingerprint.signature()).encode());
        Comparison nearest = new Comparison(taskId, fingerprint.signature());
        for (int band = 0; band < fingerprint.bandCount(); band++) {
            Optional<Verdict.NearDuplicate> duplicate = joinBucket(namespace, bucketKey(namespace, band, fingerprint),
                    taskId, nearest);
            if (duplicate.isPresent()) {
                releaseHash(exactKey, taskId);
                return duplicate.get();
            }
        }
        return new Verdict.Unique(nearest.bestId, nearest.bestId == null ? null : nearest.bestSimilarity);
    }

    /** Stores the task's verdict; a unique task keeps its signature so that later tasks are compared with it. */
    public void record(String namespace, String taskId, String runId, Verdict verdict, MinHashSignature signature) {
        put(entryKey(namespace, taskId),
                new IndexEntry(runId, verdict, verdict instanceof Verdict.Unique ? signature : null).encode());
    }

    /**
     * Stores the pre-solve stage's verdict: a unique task stays in flight, compared with like an accepted one, and
     * keeps its statement hash so that {@link #release} can give its claims up; any other verdict is recorded as
     * {@link #record} does.
     */
    public void recordInFlight(String namespace, String taskId, String runId, Verdict verdict,
            Fingerprint fingerprint) {
        if (verdict instanceof Verdict.Unique) {
            put(entryKey(namespace, taskId), new IndexEntry(runId, verdict, fingerprint.signature(),
                    IndexEntry.Standing.IN_FLIGHT, fingerprint.exactHash()).encode());
        } else {
            record(namespace, taskId, runId, verdict, fingerprint.signature());
        }
    }

    /**
     * Gives up the claims of a task that is in flight (its rejection after the pre-solve stage was seen): its
     * statement hash goes back to nobody and its entry is marked released, so a later copy of it is decided as if
     * it had never been indexed. Returns whether anything was released; a decided or absent task is left alone.
     */
    public boolean release(String namespace, String taskId) {
        Optional<IndexEntry> found = entry(namespace, taskId);
        if (found.isEmpty() || found.get().standing() != IndexEntry.Standing.IN_FLIGHT) {
            return false;
        }
        IndexEntry inFlight = found.get();
        releaseHash(namespace(namespace) + "x|" + inFlight.statementHash(), taskId);
        put(entryKey(namespace, taskId), new IndexEntry(inFlight.runId(), inFlight.verdict(), null,
                IndexEntry.Standing.RELEASED, null).encode());
        return true;
    }

    /**
     * Writes unique tasks straight into the index with one {@code putAll}, for seeding it from a dataset that is
     * already deduplicated. Buckets are overwritten, not merged: the tasks must not share bands with each other or
     * with what the namespace holds.
     */
    public void load(String namespace, String runId, Map<String, Fingerprint> tasks) {
        Map<String, byte[]> entries = new HashMap<>();
        for (Map.Entry<String, Fingerprint> task : tasks.entrySet()) {
            Fingerprint fingerprint = task.getValue();
            byte[] id = utf8(task.getKey());
            entries.put(namespace(namespace) + "x|" + fingerprint.exactHash(), id);
            entries.put(entryKey(namespace, task.getKey()),
                    new IndexEntry(runId, new Verdict.Unique(null, null), fingerprint.signature()).encode());
            for (int band = 0; band < fingerprint.bandCount(); band++) {
                entries.put(bucketKey(namespace, band, fingerprint), id);
            }
        }
        operations.incrementAndGet();
        cache.putAll(entries);
    }

    private Optional<Verdict.NearDuplicate> joinBucket(String namespace, String key, String taskId,
            Comparison nearest) {
        operations.incrementAndGet();
        byte[] previous = putIfAbsentReturning(key, utf8(taskId));
        if (previous == null) {
            return Optional.empty();
        }
        Set<String> members = members(previous);
        while (true) {
            Optional<Verdict.NearDuplicate> duplicate = nearest.compareWith(members, namespace);
            if (duplicate.isPresent() || members.contains(taskId) || members.size() >= maxBucketSize) {
                return duplicate;
            }
            MetadataValue<byte[]> current = getWithMetadata(key);
            if (current == null) {
                operations.incrementAndGet();
                previous = putIfAbsentReturning(key, utf8(taskId));
                if (previous == null) {
                    return Optional.empty();
                }
                members = members(previous);
                continue;
            }
            Set<String> now = members(current.getValue());
            if (!now.equals(members)) {
                members = now;
                continue;
            }
            Set<String> joined = new LinkedHashSet<>(members);
            joined.add(taskId);
            operations.incrementAndGet();
            if (cache.replaceWithVersion(key, utf8(String.join("\n", joined)), current.getVersion())) {
                return Optional.empty();
            }
        }
    }

    private void releaseHash(String exactKey, String taskId) {
        MetadataValue<byte[]> owner = getWithMetadata(exactKey);
        if (owner != null && taskId.equals(text(owner.getValue()))) {
            operations.incrementAndGet();
            cache.removeWithVersion(exactKey, owner.getVersion());
        }
    }

    /** The most similar task seen so far, and the members already compared with. */
    private final class Comparison {

        private final String taskId;
        private final MinHashSignature signature;
        private final Set<String> compared = new HashSet<>();
        private String bestId;
        private double bestSimilarity;

        Comparison(String taskId, MinHashSignature signature) {
            this.taskId = taskId;
            this.signature = signature;
        }

        Optional<Verdict.NearDuplicate> compareWith(Set<String> members, String namespace) {
            List<String> fresh = new ArrayList<>();
            for (String member : members) {
                if (!member.equals(taskId) && compared.add(member)) {
                    fresh.add(member);
                }
            }
            if (fresh.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> idsByKey = new HashMap<>();
            for (String member : fresh) {
                idsByKey.put(entryKey(namespace, member), member);
            }
            operations.incrementAndGet();
            String duplicateOf = null;
            double duplicateSimilarity = 0;
            for (Map.Entry<String, byte[]> found : cache.getAll(idsByKey.keySet()).entrySet()) {
                IndexEntry entry = IndexEntry.decode(found.getValue());
                if (!entry.comparable()) {
                    continue;
                }
                String id = idsByKey.get(found.getKey());
                double similarity = signature.similarity(entry.signature());
                if (similarity >= threshold && similarity > duplicateSimilarity) {
                    duplicateOf = id;
                    duplicateSimilarity = similarity;
                } else if (similarity < threshold && similarity > bestSimilarity) {
                    bestId = id;
                    bestSimilarity = similarity;
                }
            }
            return duplicateOf == null ? Optional.empty()
                    : Optional.of(new Verdict.NearDuplicate(duplicateOf, duplicateSimilarity, threshold));
        }
    }

    private String namespace(String namespace) {
        return scheme.tag() + "|" + namespace + "|";
    }

    private String bucketKey(String namespace, int band, Fingerprint fingerprint) {
        return namespace(namespace) + "b" + band + "|" + Long.toHexString(fingerprint.band(band));
    }

    private String entryKey(String namespace, String taskId) {
        return namespace(namespace) + "t|" + taskId;
    }

    /** putIfAbsent that returns the value already there (the flag holds for one invocation only). */
    private byte[] putIfAbsentReturning(String key, byte[] value) {
        return cache.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsent(key, value);
    }

    private byte[] get(String key) {
        operations.incrementAndGet();
        return cache.get(key);
    }

    private MetadataValue<byte[]> getWithMetadata(String key) {
        operations.incrementAndGet();
        return cache.getWithMetadata(key);
    }

    private void put(String key, byte[] value) {
        operations.incrementAndGet();
        cache.put(key, value);
    }

    private static Set<String> members(byte[] bucket) {
        Set<String> members = new LinkedHashSet<>();
        if (bucket != null) {
            for (String id : text(bucket).split("\n")) {
                if (!id.isEmpty()) {
                    members.add(id);
                }
            }
        }
        return members;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
