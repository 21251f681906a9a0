package io.synthsmith.evolver.tree;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.messages.RunConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.infinispan.client.hotrod.Flag;
import org.infinispan.client.hotrod.RemoteCache;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.commons.configuration.StringConfiguration;

/**
 * The feature trees in Infinispan, each one a change log that every replica follows into an in-memory index.
 *
 * <p><b>Layout.</b> A tree's cache ({@code <prefix>global}, or {@code <prefix>run-<runId>}) holds its change log:
 * entry {@code c|<n>} (n = 1, 2, 3, ... without gaps) is one {@link TreeChange}, all that one seed merged. A second
 * cache, {@code <prefix><tree>-merged}, holds the merge marks apart from the log: seed id to the position of the one
 * entry of that seed that counts.
 *
 * <p><b>Appending.</b> A writer puts its entry at the first free position after the end it knows, with
 * {@code putIfAbsent}; a position another writer took first sends it one further. A position is taken only by a
 * whole entry, and a writer only moves past positions it found taken, so the log has no gaps and a reader that finds
 * position n empty has read everything before it. No lock, counter or server-side script is needed.
 *
 * <p><b>Exactly once per seed.</b> The entry holds every count of the seed, so its counts are one unit: they count
 * together or not at all. Which of a seed's entries counts is decided once, by {@code putIfAbsent} on its mark:
 * the writer marks its own entry right after appending it; a follower that reaches an entry whose seed has no mark
 * yet marks that entry (the writer may have died in between). Every replica applies an entry only when the mark
 * names it. So a seed whose evolver died between merging and marking, delivered again and merged again, leaves two
 * entries and counts once: whichever was marked first. A redelivered seed that finds its mark is not merged again.
 *
 * <p><b>Following.</b> Each replica reads a tree once in full (the log from position 1, in batches), then only the
 * entries after the last one it applied (a few positions per read, more while it finds them all taken), when its index is older than {@code followInterval} or when a caller
 * asks for the tree as it is now ({@link #load}). Reading nothing new costs one batched get.
 */
public final class FeatureTreeStore {

    private static final String ENTRY = "c|";
    private static final String GLOBAL = "global";
    private static final int FIRST_BATCH = 8;
    private static final int MAX_BATCH = 1024;

    private final RemoteCacheManager manager;
    private final String cachePrefix;
    private final String cacheConfiguration;
    private final int seedsPerNode;
    private final Duration followInterval;
    private final MeterRegistry registry;
    private final Map<String, RemoteCache<String, String>> caches = new ConcurrentHashMap<>();
    private final Map<String, Follower> followers = new ConcurrentHashMap<>();
    private final Counter loads;
    private final Counter applied;
    private final Counter superseded;
    private final Counter conflicts;

    public FeatureTreeStore(RemoteCacheManager manager, String cachePrefix, String cacheConfiguration,
            int seedsPerNode, Duration followInterval, MeterRegistry registry) {
        this.manager = manager;
        this.cachePrefix = cachePrefix;
        this.cacheConfiguration = cacheConfiguration;
        this.seedsPerNode = seedsPerNode;
        this.followInterval = followInterval;
        this.registry = registry;
        this.loads = Counter.builder("synthsmith.task-evolver.tree.loads")
                .description("Feature trees read in full from Infinispan (once per tree and replica, at first use)")
                .register(registry);
        this.applied = Counter.builder("synthsmith.task-evolver.tree.changes")
                .description("Change-log entries applied to this replica's in-memory trees")
                .tag("outcome", "applied").register(registry);
        this.superseded = Counter.builder("synthsmith.task-evolver.tree.changes")
                .description("Change-log entries applied to this replica's in-memory trees")
                .tag("outcome", "superseded").register(registry);
        this.conflicts = Counter.builder("synthsmith.task-evolver.tree.merge.conflicts")
                .description("Log positions a merge found taken by another writer and moved past")
                .register(registry);
    }

    /** The tree a run writes to and samples from: the global one, unless the run asks for its own. */
    public static String treeIdOf(RunConfig run) {
        return "run".equals(run.withDefaults().featureTreeScope()) ? "run-" + run.runId() : GLOBAL;
    }

    /** Whether seed {@code seedId} was already merged into the tree (a redelivered seed is not merged twice). */
    public boolean isMerged(String treeId, String seedId) {
        return marks(treeId).containsKey(seedId);
    }

    /** Starts gathering what seed {@code seedId} merges into the tree; nothing is written before its commit. */
    public SeedMerge merge(String treeId, String seedId) {
        return new SeedMerge(this, treeId, seedId);
    }

    /**
     * The tree as this replica follows it: its in-memory index, brought up to date first when older than the follow
     * interval. While one caller reads the new entries, the others go on with the index as it is.
     */
    public TreeSnapshot snapshot(String treeId) {
        return follower(treeId).recent();
    }

    /** The tree with every entry appended before this call applied; callers asking at once share one read. */
    public TreeSnapshot load(String treeId) {
        return follower(treeId).now();
    }

    boolean commit(String treeId, TreeChange change) {
        if (isMerged(treeId, change.seed())) {
            return false;
        }
        long position = append(treeId, change);
        if (!mark(treeId, change.seed(), position)) {
            return false;
        }
        follower(treeId).own(position, change);
        return true;
    }

    /** Appends {@code change} at the first free position of the log; returns that position. */
    long append(String treeId, TreeChange change) {
        Follower follower = follower(treeId);
        RemoteCache<String, String> log = cache(treeId);
        String json = change.json();
        follower.recent();
        long position = follower.end() + 1;
        // The flag must decorate this very call (it applies to one call): without the previous value, a lost race
        // looks like a win.
        while (log.withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsent(ENTRY + position, json) != null) {
            conflicts.increment();
            position++;
        }
        follower.appended(position);
        return position;
    }

    /** Marks {@code position} as seed {@code seedId}'s entry unless one is marked already; whether it now is. */
    boolean mark(String treeId, String seedId, long position) {
        return claim(treeId, seedId, position) == position;
    }

    /** Marks {@code position} as seed {@code seedId}'s entry unless one is marked already; the marked position. */
    private long claim(String treeId, String seedId, long position) {
        String before = marks(treeId).withFlags(Flag.FORCE_RETURN_VALUE).putIfAbsent(seedId, Long.toString(position));
        return before == null ? position : Long.parseLong(before);
    }

    private Follower follower(String treeId) {
        return followers.computeIfAbsent(treeId, Follower::new);
    }

    private RemoteCache<String, String> cache(String treeId) {
        return serverCache(cachePrefix + treeId);
    }

    private RemoteCache<String, String> marks(String treeId) {
        return serverCache(cachePrefix + treeId + "-merged");
    }

    private RemoteCache<String, String> serverCache(String name) {
        return caches.computeIfAbsent(name, n -> manager.administration().getOrCreateCache(n,
                new StringConfiguration(cacheConfiguration.replace("{name}", n))));
    }

    /** One replica's index of one tree, and where in the log it stands. */
    private final class Follower {

        private final String treeId;
        private final TreeSnapshot index;
        private final ReentrantLock reading = new ReentrantLock();
        private volatile boolean loaded;
        private volatile long readStartedNanos;
        private volatile long end;
        private volatile boolean stale;

        Follower(String treeId) {
            this.treeId = treeId;
            this.index = TreeSnapshot.empty(treeId);
            Gauge.builder("synthsmith.task-evolver.tree.nodes", index, TreeSnapshot::size)
                    .description("Feature nodes in a tree, as this replica follows it")
                    .tag("tree", treeId).register(registry);
        }

        /** The last position this replica knows to be taken: applied, or appended by itself. */
        long end() {
            if (!loaded) {
                now();
            }
            return end;
        }

        /** Notes a position this replica appended: the next {@link #recent()} reads it back into the index. */
        synchronized void appended(long position) {
            if (position > index.version()) {
                stale = true;
            }
            end = Math.max(end, position);
        }

        /**
         * Applies this replica's own counted entry at once when it directly follows the index (no other writer came
         * in between), so that a merge costs no read of what it just wrote; otherwise the next read brings it.
         */
        void own(long position, TreeChange change) {
            if (!reading.tryLock()) {
                return;
            }
            try {
                if (index.version() == position - 1) {
                    index.apply(position, change.seed(), change.counts(), change.groups(), seedsPerNode);
                    applied.increment();
                    stale = end > position;
                }
            } finally {
                reading.unlock();
            }
        }

        TreeSnapshot recent() {
            if (!loaded) {
                return now();
            }
            if ((stale || System.nanoTime() - readStartedNanos >= followInterval.toNanos()) && reading.tryLock()) {
                try {
                    follow();
                } finally {
                    reading.unlock();
                }
            }
            return index;
        }

        TreeSnapshot now() {
            long asked = System.nanoTime();
            reading.lock();
            try {
                if (!loaded || readStartedNanos - asked < 0) {
                    follow();
                }
                return index;
            } finally {
                reading.unlock();
            }
        }

        /** Applies every entry after the last applied one, in batches of consecutive positions. */
        private void follow() {
            readStartedNanos = System.nanoTime();
            stale = false;
            if (!loaded) {
                loads.increment();
            }
            RemoteCache<String, String> log = cache(treeId);
            // Ask for few positions first (most reads find nothing new, and each missing key costs the server a
            // look-up), twice as many after each full batch.
            int batch = FIRST_BATCH;
            while (true) {
                long from = index.version() + 1;
                Set<String> keys = new LinkedHashSet<>();
                for (long p = from; p < from + batch; p++) {
                    keys.add(ENTRY + p);
                }
                Map<String, String> found = log.getAll(keys);
                List<TreeChange> run = new ArrayList<>();
                for (long p = from; found.containsKey(ENTRY + p); p++) {
                    run.add(TreeChange.parse(found.get(ENTRY + p)));
                }
                apply(from, run);
                if (run.size() < batch) {
                    break;
                }
                batch = Math.min(MAX_BATCH, batch * 2);
            }
            end = Math.max(end, index.version());
            loaded = true;
        }

        private void apply(long from, List<TreeChange> run) {
            if (run.isEmpty()) {
                return;
            }
            Set<String> seeds = new LinkedHashSet<>();
            run.forEach(change -> seeds.add(change.seed()));
            Map<String, String> marked = new HashMap<>(marks(treeId).getAll(seeds));
            long position = from;
            for (TreeChange change : run) {
                String mark = marked.get(change.seed());
                if (mark == null) {
                    // Its writer has not marked it yet, or died before it could: the first entry to be marked counts.
                    mark = Long.toString(claim(treeId, change.seed(), position));
                    marked.put(change.seed(), mark);
                }
                if (Long.parseLong(mark) == position) {
                    index.apply(position, change.seed(), change.counts(), change.groups(), seedsPerNode);
                    applied.increment();
                } else {
                    index.skip(position);
                    superseded.increment();
                }
                position++;
            }
        }
    }
}
