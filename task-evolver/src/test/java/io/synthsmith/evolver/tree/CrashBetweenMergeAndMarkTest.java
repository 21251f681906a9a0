package io.synthsmith.evolver.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.evolver.features.FeaturePath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.infinispan.client.hotrod.configuration.ClientIntelligence;
import org.infinispan.client.hotrod.configuration.ConfigurationBuilder;
import org.junit.jupiter.api.Test;

/**
 * An evolver dies after its seed's merge is in the tree's log and before the seed is marked merged: its store is
 * abandoned (its Hot Rod client closed mid-operation) on the real Infinispan server. The seed is delivered again to
 * a restarted evolver, which finds no mark, merges it again (the LLM answers differently the second time), and
 * marks it. Every replica, the restarted one and a fresh one reading the tree in full, counts the seed once.
 */
class CrashBetweenMergeAndMarkTest {

    private static final String CONFIG = "<local-cache name=\"{name}\"><encoding media-type=\"application/x-protostream\"/>"
            + "<persistence><file-store/></persistence></local-cache>";
    private static final FeaturePath GRAPH = FeaturePath.parse("algorithms / graph");
    private static final FeaturePath BFS = FeaturePath.parse("algorithms / graph / breadth-first search");
    private static final FeaturePath DFS = FeaturePath.parse("algorithms / graph / depth-first search");
    private static final FeaturePath QUEUE = FeaturePath.parse("data structures / queue");

    @Test
    void aSeedMergedAgainAfterACrashBeforeItsMarkCountsOnce() {
        String tree = "crash-" + System.nanoTime();
        RemoteCacheManager crashed = client();
        FeatureTreeStore dying = store(crashed);
        dying.merge(tree, "seed-before").add(List.of(GRAPH)).commit();
        dying.append(tree, new TreeChange("seed-1", Map.of(GRAPH.toString(), 1, BFS.toString(), 1), List.of()));
        crashed.close();

        try (RemoteCacheManager restartedClient = client(); RemoteCacheManager freshClient = client()) {
            FeatureTreeStore restarted = store(restartedClient);
            assertThat(restarted.isMerged(tree, "seed-1")).as("the crash came before the mark").isFalse();
            boolean counted = restarted.merge(tree, "seed-1").add(List.of(GRAPH, DFS, QUEUE)).commit();

            for (TreeSnapshot snapshot : List.of(restarted.load(tree), store(freshClient).load(tree))) {
                assertThat(snapshot.node(GRAPH).frequency()).as("seed-before and seed-1, once").isEqualTo(2);
                assertThat(snapshot.node(BFS).frequency() + snapshot.node(DFS).frequency()).isEqualTo(1);
                assertThat(snapshot.node(BFS).frequency()).as("the first merge, marked first, counts").isEqualTo(
                        counted ? 0 : 1);
                assertThat(snapshot.version()).isEqualTo(3);
            }
            assertThat(restarted.isMerged(tree, "seed-1")).isTrue();
            assertThat(restarted.merge(tree, "seed-1").add(List.of(QUEUE)).commit())
                    .as("a third delivery finds the mark").isFalse();
        }
    }

    @Test
    void aReplicaThatReachesTheUnmarkedEntryFirstMarksItAndTheRedeliveryIsNotMergedAgain() {
        String tree = "crash-followed-" + System.nanoTime();
        RemoteCacheManager crashed = client();
        store(crashed).append(tree, new TreeChange("seed-1", Map.of(BFS.toString(), 1), List.of()));
        crashed.close();

        try (RemoteCacheManager otherClient = client()) {
            FeatureTreeStore other = store(otherClient);
            assertThat(other.load(tree).node(BFS).frequency()).isEqualTo(1);
            assertThat(other.isMerged(tree, "seed-1")).as("marked by the replica that applied it").isTrue();
            assertThat(other.merge(tree, "seed-1").add(List.of(DFS)).commit()).isFalse();
            TreeSnapshot after = other.load(tree);
            assertThat(after.node(BFS).frequency()).isEqualTo(1);
            assertThat(after.contains(DFS)).isFalse();
        }
    }

    private static FeatureTreeStore store(RemoteCacheManager client) {
        return new FeatureTreeStore(client, "synthsmith-features-test-", CONFIG, 3, Duration.ZERO,
                new SimpleMeterRegistry());
    }

    private static RemoteCacheManager client() {
        return new RemoteCacheManager(new ConfigurationBuilder()
                .addServers(EmbeddedInfrastructureResource.infrastructure().infinispan().hotRodHosts())
                .clientIntelligence(ClientIntelligence.BASIC).build());
    }
}
