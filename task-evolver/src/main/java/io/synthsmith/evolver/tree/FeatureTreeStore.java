package io.synthsmith.evolver.tree;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.messages.RunConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.MetadataValue;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;
import org.infinispan.commons.util.CloseableIterator;

/**
 * The feature trees in Infinispan, one cache per tree ({@code <prefix>run-<runId>}, or {@code <prefix>shared}).
 * Every node is its own entry, {@code n|<path>} holding its frequency and first seeds; co-occurrence edges are
 * {@code e|<a>|<b>} (once per pair, {@code a} before {@code b}) holding a count; {@code m|<seedId>} marks a merged seed.
 *
 * <p>Merges are atomic per entry: read the entry with its version, write the new value only if the version is
 * unchanged ({@code replaceWithVersion}, or {@code putIfAbsent} for a new entry), and try again on a conflict. So any
 * number of replicas can merge into one tree at once without losing a count. Within a replica, writers of one key
 * take turns (striped locks), so conflicts, and their round trips, only come from other replicas.
 */
public final class FeatureTreeStore {

    private static final String NODE = "n|";
    private static final String EDGE = "e|";
    private static final String MERGED = "m|";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteCacheManager manager;
    private final String cachePrefix;
    private final String cacheConfiguration;
    private final int seedsPerNode;
    private final Duration snapshotMaxAge;
    private final Clock clock;
    private final Counter conflicts;
    private final MeterRegistry registry;
    private final Map<String, RemoteCache<String, String>> caches = new ConcurrentHashMap<>();
    private final Map<String, Cached> snapshots = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> loading = new ConcurrentHashMap<>();
    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private final Counter loads;

    /** A copy of a tree, with when it was loaded and when (by {@link System#nanoTime()}) its read began. */
    private record Cached(TreeSnapshot snapshot, Instant loadedAt, long readStartedNanos) {
    }

    /** The value of a node entry. */
    record NodeValue(long frequency, List<String> seeds) {
    }

    public FeatureTreeStore(RemoteCacheManager manager, String cachePrefix, String cacheConfiguration,
            int seedsPerNode, Duration snapshotMaxAge, Clock clock, MeterRegistry registry) {
        this.manager = manager;
        this.cachePrefix = cachePrefix;
        this.cacheConfiguration = cacheConfiguration;
        this.seedsPerNode = seedsPerNode;
        this.snapshotMaxAge = snapshotMaxAge;
        this.clock = clock;
        this.registry = registry;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.conflicts = Counter.builder("synthsmith.task-evolver.tree.merge.conflicts")
                .description("Merges retried because another writer changed the entry first")
                .register(registry);
        this.loads = Counter.builder("synthsmith.task-evolver.tree.loads")
                .description("Feature trees read in full from Infinispan (one read serves every caller waiting for it)")
                .register(registry);
    }

    /** The tree a run writes to and samples from: its own, or the shared one. */
    public static String treeIdOf(RunConfig run) {
        return "shared".equals(run.withDefaults().featureTreeScope()) ? "shared" : "run-" + run.runId();
    }

    /** Whether seed {@code seedId} was already merged into the tree (a redelivered seed is not merged twice). */
    public boolean isMerged(String treeId, String seedId) {
        return cache(treeId).containsKey(MERGED + seedId);
    }

    public void markMerged(String treeId, String seedId) {
        cache(treeId).put(MERGED + seedId, clock.instant().toString());
    }

    /** Adds one to the frequency of every path, recording {@code seedId} on nodes that have room for more seeds. */
    public void add(String treeId, Collection<FeaturePath> paths, String seedId) {
        RemoteCache<String, String> cache = cache(treeId);
        for (FeaturePath path : new TreeSet<>(paths)) {
            update(cache, NODE + path, current -> {
                NodeValue value = current == null ? new NodeValue(0, List.of()) : readNode(current);
                List<String> seeds = new ArrayList<>(value.seeds());
                if (seedId != null && seeds.size() < seedsPerNode && !seeds.contains(seedId)) {
                    seeds.add(seedId);
                }
                return writeNode(new NodeValue(value.frequency() + 1, seeds));
            });
        }
    }

    /** Adds one co-occurrence to every pair of distinct {@code concepts} (stored once per pair, in path order). */
    public void link(String treeId, Collection<FeaturePath> concepts) {
        RemoteCache<String, String> cache = cache(treeId);
        List<FeaturePath> distinct = new ArrayList<>(new TreeSet<>(concepts));
        for (int i = 0; i < distinct.size(); i++) {
            for (int j = i + 1; j < distinct.size(); j++) {
                update(cache, EDGE + distinct.get(i) + "|" + distinct.get(j),
                        current -> Long.toString(current == null ? 1 : Long.parseLong(current) + 1));
            }
        }
    }

    /**
     * The tree as this replica last read it, read again when older than the configured age. While one caller reads
     * a stale tree again, the others go on with the copy they have: a burst of seeds must not turn into hundreds of
     * full reads of the same cache at once (each one a scan of every node, edge and merge mark, which timed out
     * under a 10 000-seed burst).
     */
    public TreeSnapshot snapshot(String treeId) {
        Cached cached = snapshots.get(treeId);
        if (cached != null && cached.loadedAt().plus(snapshotMaxAge).isAfter(clock.instant())) {
            return cached.snapshot();
        }
        if (cached == null) {
            return load(treeId);
        }
        ReentrantLock lock = lockOf(treeId);
        if (!lock.tryLock()) {
            return cached.snapshot();
        }
        try {
            return read(treeId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The tree as it is now in Infinispan: a read that began after this call did. Callers that ask at once share
     * one read: each waits for the read in progress, then uses the next one, or one that began after it asked.
     */
    public TreeSnapshot load(String treeId) {
        long asked = System.nanoTime();
        ReentrantLock lock = lockOf(treeId);
        lock.lock();
        try {
            Cached cached = snapshots.get(treeId);
            if (cached != null && cached.readStartedNanos() - asked >= 0) {
                return cached.snapshot();
            }
            return read(treeId);
        } finally {
            lock.unlock();
        }
    }

    private ReentrantLock lockOf(String treeId) {
        return loading.computeIfAbsent(treeId, id -> new ReentrantLock());
    }

    private TreeSnapshot read(String treeId) {
        long started = System.nanoTime();
        loads.increment();
        Map<FeaturePath, FeatureNode> nodes = new HashMap<>();
        Map<FeaturePath, Map<FeaturePath, Long>> edges = new HashMap<>();
        try (CloseableIterator<Map.Entry<Object, Object>> entries = cache(treeId).retrieveEntries(null, 1000)) {
            while (entries.hasNext()) {
                Map.Entry<Object, Object> entry = entries.next();
                String key = (String) entry.getKey();
                String value = (String) entry.getValue();
                if (key.startsWith(NODE)) {
                    FeaturePath path = FeaturePath.parse(key.substring(NODE.length()));
                    NodeValue node = readNode(value);
                    nodes.put(path, new FeatureNode(path, node.frequency(), node.seeds()));
                } else if (key.startsWith(EDGE)) {
                    String[] ends = key.substring(EDGE.length()).split("\\|");
                    FeaturePath a = FeaturePath.parse(ends[0]);
                    FeaturePath b = FeaturePath.parse(ends[1]);
                    edges.computeIfAbsent(a, k -> new TreeMap<>()).put(b, Long.parseLong(value));
                    edges.computeIfAbsent(b, k -> new TreeMap<>()).put(a, Long.parseLong(value));
                }
            }
        }
        TreeSnapshot snapshot = new TreeSnapshot(treeId, nodes, edges);
        snapshots.put(treeId, new Cached(snapshot, clock.instant(), started));
        sizes.computeIfAbsent(treeId, id -> {
            AtomicInteger size = new AtomicInteger();
            Gauge.builder("synthsmith.task-evolver.tree.nodes", size, AtomicInteger::get)
                    .description("Feature nodes in a tree, as this replica last read it")
                    .tag("tree", id).register(registry);
            return size;
        }).set(snapshot.size());
        return snapshot;
    }

    private void update(RemoteCache<String, String> cache, String key, UnaryOperator<String> change) {
        // Writers of this replica take turns per key, so compare-and-set conflicts only come from other replicas:
        // 64 seeds spinning on one hot node would otherwise cost a network round trip per lost race.
        ReentrantLock stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        stripe.lock();
        try {
            compareAndSet(cache, key, change);
        } finally {
            stripe.unlock();
        }
    }

    private void compareAndSet(RemoteCache<String, String> cache, String key, UnaryOperator<String> change) {
        while (true) {
            MetadataValue<String> current = cache.getWithMetadata(key);
            if (current == null) {
                // The flag must decorate this very call: without the previous value, a lost race looks like a win.
                if (cache.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsent(key, change.apply(null)) == null) {
                    return;
                }
            } else if (cache.replaceWithVersion(key, change.apply(current.getValue()), current.getVersion())) {
                return;
            }
            conflicts.increment();
        }
    }

    private RemoteCache<String, String> cache(String treeId) {
        return caches.computeIfAbsent(treeId, id -> {
            String name = cachePrefix + id;
            return manager.administration().getOrCreateCache(name,
                    new StringConfiguration(cacheConfiguration.replace("{name}", name)));
        });
    }

    private static NodeValue readNode(String json) {
        try {
            return JSON.readValue(json, NodeValue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feature node entry is not the JSON this service writes: " + json, e);
        }
    }

    private static String writeNode(NodeValue value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
