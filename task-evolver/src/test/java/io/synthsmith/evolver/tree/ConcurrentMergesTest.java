package io.synthsmith.evolver.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.features.FeaturePath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two evolver replicas (two Hot Rod clients, each with its own store) merge the same features into one tree on the
 * real Infinispan server at the same time, from many threads each: no count is lost or doubled. And many callers
 * asking for a tree at once share one full read of it.
 */
class ConcurrentMergesTest {

    private static final String CONFIG = "<local-cache name=\"{name}\"><encoding media-type=\"application/x-protostream\"/>"
            + "<persistence><file-store/></persistence></local-cache>";

    private final List<RemoteCacheManager> clients = new ArrayList<>();

    @BeforeEach
    void connect() {
        String hosts = EmbeddedInfrastructureResource.infrastructure().infinispan().hotRodHosts();
        for (int i = 0; i < 2; i++) {
            clients.add(new RemoteCacheManager(new ConfigurationBuilder().addServers(hosts)
                    .clientIntelligence(ClientIntelligence.BASIC).build()));
        }
    }

    @AfterEach
    void close() {
        clients.forEach(RemoteCacheManager::close);
    }

    @Test
    void twoReplicasMergingAtOnceProduceExactlyTheExpectedFrequencies() throws Exception {
        String tree = "concurrent-" + System.nanoTime();
        List<FeatureTreeStore> replicas = clients.stream().map(client -> new FeatureTreeStore(client,
                "synthsmith-features-test-", CONFIG, 3, Duration.ZERO, Clock.systemUTC(), new SimpleMeterRegistry()))
                .toList();
        List<FeaturePath> features = List.of(FeaturePath.parse("algorithms / graph"),
                FeaturePath.parse("algorithms / graph / breadth-first search"),
                FeaturePath.parse("data structures / queue"), FeaturePath.parse("mathematics / parity"));
        List<FeaturePath> concepts = List.of(FeaturePath.parse("data structures / fenwick tree"),
                FeaturePath.parse("data structures / prefix sums"), FeaturePath.parse("mathematics / parity"));
        int threadsPerReplica = 6;
        int mergesPerThread = 25;

        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerReplica);
        List<Future<?>> running = new ArrayList<>();
        for (FeatureTreeStore replica : replicas) {
            for (int t = 0; t < threadsPerReplica; t++) {
                int thread = t;
                running.add(pool.submit(() -> IntStream.range(0, mergesPerThread).forEach(i -> {
                    replica.add(tree, features, "seed-" + thread + "-" + i);
                    replica.link(tree, concepts);
                })));
            }
        }
        for (Future<?> merge : running) {
            merge.get();
        }
        pool.shutdown();

        long expected = 2L * threadsPerReplica * mergesPerThread;
        for (FeatureTreeStore replica : replicas) {
            TreeSnapshot snapshot = replica.load(tree);
            assertThat(snapshot.size()).isEqualTo(features.size());
            for (FeaturePath feature : features) {
                assertThat(snapshot.node(feature).frequency()).as(feature.toString()).isEqualTo(expected);
                assertThat(snapshot.node(feature).seeds()).hasSize(3);
            }
            assertThat(snapshot.edgeCount()).isEqualTo(3);
            assertThat(snapshot.neighbours(concepts.get(0))).containsEntry(concepts.get(1), expected)
                    .containsEntry(concepts.get(2), expected);
            assertThat(snapshot.neighbours(concepts.get(2))).containsEntry(concepts.get(1), expected);
        }
    }

    @Test
    void callersAskingForTheCurrentTreeAtOnceShareOneRead() throws Exception {
        String tree = "coalesced-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeatureTreeStore store = new FeatureTreeStore(clients.get(0), "synthsmith-features-test-", CONFIG, 3,
                Duration.ofMinutes(1), Clock.systemUTC(), registry);
        seedTree(store, tree, 200);

        List<TreeSnapshot> seen = atOnce(32, () -> store.load(tree));

        // Without sharing, each of the 32 callers scans the whole cache. With it, the first read serves nobody who
        // asked before it began; the next one serves everyone who was waiting. A caller the scheduler held back
        // past the second read's start may need a third.
        assertThat(loads(registry)).isBetween(1.0, 3.0);
        assertThat(seen).allSatisfy(snapshot -> assertThat(snapshot.size()).isEqualTo(200));
    }

    @Test
    void aStaleTreeIsReadAgainOnceWhileTheOtherCallersUseTheCopyTheyHave() throws Exception {
        String tree = "stale-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-06T09:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        FeatureTreeStore store = new FeatureTreeStore(clients.get(0), "synthsmith-features-test-", CONFIG, 3,
                Duration.ofSeconds(5), clock, registry);
        seedTree(store, tree, 50);
        assertThat(store.snapshot(tree).size()).isEqualTo(50);
        assertThat(loads(registry)).isEqualTo(1.0);

        assertThat(atOnce(32, () -> store.snapshot(tree))).allSatisfy(s -> assertThat(s.size()).isEqualTo(50));
        assertThat(loads(registry)).as("fresh copy: no read").isEqualTo(1.0);

        store.add(tree, List.of(FeaturePath.parse("algorithms / extra")), "seed-extra");
        now.set(now.get().plusSeconds(6));
        List<TreeSnapshot> seen = atOnce(32, () -> store.snapshot(tree));

        assertThat(loads(registry)).as("one caller reads the stale tree again").isEqualTo(2.0);
        assertThat(seen).allSatisfy(s -> assertThat(s.size()).isIn(50, 51));
        assertThat(store.snapshot(tree).size()).isEqualTo(51);
    }

    private static void seedTree(FeatureTreeStore store, String tree, int nodes) {
        List<FeaturePath> paths = IntStream.range(0, nodes)
                .mapToObj(i -> FeaturePath.parse("algorithms / feature " + i)).toList();
        store.add(tree, paths, "seed-0");
    }

    private static double loads(SimpleMeterRegistry registry) {
        return registry.get("synthsmith.task-evolver.tree.loads").counter().count();
    }

    private static List<TreeSnapshot> atOnce(int callers, Callable<TreeSnapshot> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TreeSnapshot>> calls = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            calls.add(pool.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<TreeSnapshot> seen = new ArrayList<>();
        for (Future<TreeSnapshot> f : calls) {
            seen.add(f.get());
        }
        pool.shutdown();
        return seen;
    }
}
