package io.synthsmith.evolver.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.features.FeaturePath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two evolver replicas (two Hot Rod clients, each with its own store) merge the same features into one tree on the
 * real Infinispan server at the same time, from many threads each: no count is lost or doubled. A replica reads a
 * tree in full once and then follows the other's merges through the change log.
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
        List<FeatureTreeStore> replicas = clients.stream()
                .map(client -> store(client, new SimpleMeterRegistry(), Duration.ZERO)).toList();
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
                running.add(pool.submit(() -> IntStream.range(0, mergesPerThread).forEach(i -> replica
                        .merge(tree, "seed-" + replicas.indexOf(replica) + "-" + thread + "-" + i).add(features)
                        .link(concepts).commit())));
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
    void aReplicaFollowsTheOtherReplicasMergesFromTheLogWithoutReadingTheTreeAgain() {
        String tree = "follow-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeatureTreeStore writer = store(clients.get(0), new SimpleMeterRegistry(), Duration.ZERO);
        FeatureTreeStore reader = store(clients.get(1), registry, Duration.ZERO);
        seedTree(writer, tree, 0, 200);
        assertThat(reader.snapshot(tree).size()).isEqualTo(200);

        seedTree(writer, tree, 200, 250);
        TreeSnapshot followed = reader.snapshot(tree);

        assertThat(followed.size()).isEqualTo(250);
        assertThat(followed.leafCount()).isEqualTo(250);
        assertThat(followed.node(FeaturePath.parse("algorithms / feature 249")).seeds()).containsExactly("seed-249");
        assertThat(loads(registry)).as("one full read, then only the new entries").isEqualTo(1.0);
        assertThat(registry.get("synthsmith.task-evolver.tree.changes").tag("outcome", "applied").counter().count())
                .isEqualTo(250.0);
    }

    @Test
    void callersAskingForTheCurrentTreeAtOnceAllSeeEveryEntryAppendedBeforeThem() throws Exception {
        String tree = "coalesced-" + System.nanoTime();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        FeatureTreeStore store = store(clients.get(0), registry, Duration.ofMinutes(1));
        FeatureTreeStore other = store(clients.get(1), new SimpleMeterRegistry(), Duration.ofMinutes(1));
        seedTree(store, tree, 0, 50);
        assertThat(store.snapshot(tree).size()).isEqualTo(50);
        seedTree(other, tree, 50, 80);

        assertThat(store.snapshot(tree).size()).as("within the follow interval: the index as it is").isEqualTo(50);
        assertThat(atOnce(32, () -> store.load(tree))).allSatisfy(s -> assertThat(s.size()).isEqualTo(80));
        assertThat(loads(registry)).isEqualTo(1.0);
    }

    private static FeatureTreeStore store(RemoteCacheManager client, SimpleMeterRegistry registry, Duration follow) {
        return new FeatureTreeStore(client, "synthsmith-features-test-", CONFIG, 3, follow, registry);
    }

    private static void seedTree(FeatureTreeStore store, String tree, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(store.merge(tree, "seed-" + i).add(List.of(FeaturePath.parse("algorithms / feature " + i)))
                    .commit()).isTrue();
        }
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
