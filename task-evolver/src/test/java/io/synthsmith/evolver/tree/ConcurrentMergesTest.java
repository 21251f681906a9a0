package io.synthsmith.evolver.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.features.FeaturePath;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * real Infinispan server at the same time, from many threads each: no count is lost or doubled.
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
}
