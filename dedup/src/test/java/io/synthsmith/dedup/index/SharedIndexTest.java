package io.synthsmith.dedup.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.dedup.TaskTexts;
import io.synthsmith.dedup.contamination.BenchmarkIndex;
import io.synthsmith.dedup.decision.Decision;
import io.synthsmith.dedup.decision.Deduplicator;
import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashScheme;
import io.synthsmith.messages.Accepted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.infinispan.client.hotrod.RemoteCacheManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared index on a real Infinispan server, used by two clients as two replicas would: near-copies found
 * across replicas, atomic claims under races, idempotent redelivery, scopes, and restarts of either side; and dedup
 * before solving: copies of accepted and in-flight tasks rejected, a task never a copy of its own in-flight entry,
 * release after a rejection.
 */
class SharedIndexTest {

    private static IndexServer server;
    private static RemoteCacheManager replicaOne;
    private static RemoteCacheManager replicaTwo;

    private final MinHashScheme scheme = MinHashScheme.defaults();
    private final Fingerprinter fingerprinter = new Fingerprinter(scheme);

    @BeforeAll
    static void start() {
        server = IndexServer.start();
        replicaOne = server.client();
        replicaTwo = server.client();
    }

    @AfterAll
    static void stop() {
        replicaOne.close();
        replicaTwo.close();
        server.close();
    }

    @Test
    void aNearCopyArrivingOnTheOtherReplicaIsFoundWithItsOriginalAndSimilarity() {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);
        String nearCopy = TaskTexts.original().replace("performs m operations", "carries out m operations");

        Decision original = one.decide(run, "task-original", TaskTexts.original());
        Decision copy = two.decide(run, "task-copy", nearCopy);

        assertThat(original.verdict()).isInstanceOf(Verdict.Unique.class);
        Verdict.NearDuplicate near = (Verdict.NearDuplicate) copy.verdict();
        assertThat(near.of()).isEqualTo("task-original");
        assertThat(near.similarity()).isGreaterThanOrEqualTo(0.75).isLessThan(1.0);
        assertThat(near.threshold()).isEqualTo(0.75);
    }

    @Test
    void exactCopiesAndRenamedVariablesAreDuplicatesOfTheFirst() {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);

        one.decide(run, "task-first", TaskTexts.original());
        Decision exact = two.decide(run, "task-exact", TaskTexts.original());
        Decision renamed = one.decide(run, "task-renamed", TaskTexts.renamedVariables());

        assertThat(exact.verdict()).isEqualTo(new Verdict.Duplicate("task-first", exact.statementHash()));
        assertThat(renamed.verdict()).isEqualTo(new Verdict.Duplicate("task-first", exact.statementHash()));
    }

    @Test
    void rewordingsAndOtherTasksOnTheTopicBehaveAsConfigured() {
        String run = run();
        Deduplicator defaults = deduplicator(replicaOne, Accepted.Scope.RUN);
        defaults.decide(run, "task-original", TaskTexts.original());

        Verdict reworded = defaults.decide(run, "task-reworded", TaskTexts.reworded()).verdict();
        Verdict newStory = defaults.decide(run, "task-story", TaskTexts.newStory()).verdict();
        Verdict sameTopic = defaults.decide(run, "task-topic", TaskTexts.sameTopic()).verdict();

        // Five-word shingles at 0.75 catch copies with a few words changed; this rewording changes more.
        assertThat(reworded).isInstanceOf(Verdict.Unique.class);
        assertThat(newStory).isInstanceOf(Verdict.Unique.class);
        assertThat(sameTopic).isInstanceOf(Verdict.Unique.class);

        // The short-text setting (3-word shingles, 32 bands of 4 rows, 0.6) catches the rewording and still
        // keeps the retold story and the other task on the same topic.
        MinHashScheme shortText = new MinHashScheme(128, 3, 32, 4, scheme.seed());
        Fingerprinter shortFingerprints = new Fingerprinter(shortText);
        Deduplicator strict = new Deduplicator(shortFingerprints,
                new SharedIndex(IndexServer.cache(replicaTwo), shortText, 0.6, 64), noBenchmarks(shortFingerprints),
                Accepted.Scope.RUN, Duration.ofSeconds(30));
        String strictRun = run();
        strict.decide(strictRun, "task-original", TaskTexts.original());

        Verdict strictReworded = strict.decide(strictRun, "task-reworded", TaskTexts.reworded()).verdict();
        Verdict strictStory = strict.decide(strictRun, "task-story", TaskTexts.newStory()).verdict();
        Verdict strictTopic = strict.decide(strictRun, "task-topic", TaskTexts.sameTopic()).verdict();

        assertThat(strictReworded).isInstanceOfSatisfying(Verdict.NearDuplicate.class,
                near -> assertThat(near.of()).isEqualTo("task-original"));
        assertThat(strictStory).isInstanceOf(Verdict.Unique.class);
        assertThat(strictTopic).isInstanceOf(Verdict.Unique.class);
    }

    @Test
    void aRedeliveredTaskIsNotADuplicateOfItselfAndGetsItsFirstVerdictAgain() {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);

        Decision first = one.decide(run, "task-a", TaskTexts.original());
        Decision again = two.decide(run, "task-a", TaskTexts.original());
        Decision copy = one.decide(run, "task-b", TaskTexts.original());
        Decision copyAgain = two.decide(run, "task-b", TaskTexts.original());

        assertThat(first.verdict()).isInstanceOf(Verdict.Unique.class);
        assertThat(first.replayed()).isFalse();
        assertThat(again.verdict()).isEqualTo(first.verdict());
        assertThat(again.replayed()).isTrue();
        assertThat(copy.verdict()).isInstanceOf(Verdict.Duplicate.class);
        assertThat(copyAgain.verdict()).isEqualTo(copy.verdict());
        assertThat(copyAgain.replayed()).isTrue();
    }

    @Test
    void aClaimInterruptedBeforeItsVerdictIsCompletedByTheRedelivery() {
        String namespace = "run:" + run();
        SharedIndex index = new SharedIndex(IndexServer.cache(replicaOne), scheme, 0.75, 64);

        Verdict interrupted = index.claim(namespace, "task-a", "r", fingerprinter.of(TaskTexts.original()));
        Verdict redelivered = index.claim(namespace, "task-a", "r", fingerprinter.of(TaskTexts.original()));

        assertThat(interrupted).isInstanceOf(Verdict.Unique.class);
        assertThat(redelivered).isInstanceOf(Verdict.Unique.class);
    }

    @Test
    void runScopeKeepsRunsApartAndGlobalScopeDoesNot() {
        String runA = run();
        String runB = run();
        Deduplicator perRun = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator global = deduplicator(replicaTwo, Accepted.Scope.GLOBAL);
        String text = TaskTexts.original() + " " + UUID.randomUUID();

        Verdict inRunA = perRun.decide(runA, "task-" + runA, text).verdict();
        Verdict inRunB = perRun.decide(runB, "task-" + runB, text).verdict();
        Verdict globalA = global.decide(runA, "task-" + runA, text).verdict();
        Verdict globalB = global.decide(runB, "task-" + runB, text).verdict();

        assertThat(inRunA).isInstanceOf(Verdict.Unique.class);
        assertThat(inRunB).isInstanceOf(Verdict.Unique.class);
        assertThat(globalA).isInstanceOf(Verdict.Unique.class);
        assertThat(globalB).isInstanceOfSatisfying(Verdict.Duplicate.class,
                duplicate -> assertThat(duplicate.of()).isEqualTo("task-" + runA));
    }

    @Test
    void ofTwoNearCopiesRacingOnTwoReplicasExactlyOneWins() throws Exception {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);
        Random random = new Random(42);
        int pairs = 30;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < pairs; i++) {
                String base = randomStatement(random, 120);
                String nearCopy = base.replaceFirst(" w\\d+ ", " changed ");
                CyclicBarrier start = new CyclicBarrier(2);
                CompletableFuture<Verdict> left = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return one.decide(run, "task-left-" + UUID.randomUUID(), base).verdict();
                }, threads);
                CompletableFuture<Verdict> right = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return two.decide(run, "task-right-" + UUID.randomUUID(), nearCopy).verdict();
                }, threads);

                List<Verdict> verdicts = List.of(left.get(), right.get());

                assertThat(verdicts).as("pair %d", i).filteredOn(Verdict.Unique.class::isInstance).hasSize(1);
                assertThat(verdicts).as("pair %d", i).filteredOn(Verdict.NearDuplicate.class::isInstance).hasSize(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theIndexOutlivesARestartedReplicaAndARestartedServer() {
        String run = run();
        RemoteCacheManager before = server.client();
        deduplicator(before, Accepted.Scope.RUN).decide(run, "task-before", TaskTexts.original());
        before.close();

        server.server().kill();
        server.server().restart();
        RemoteCacheManager after = server.client();
        try {
            Decision copy = deduplicator(after, Accepted.Scope.RUN).decide(run, "task-after",
                    TaskTexts.original().replace("performs m operations", "carries out m operations"));
            Decision stillKnown = deduplicator(replicaOne, Accepted.Scope.RUN).decide(run, "task-before",
                    TaskTexts.original());

            assertThat(copy.verdict()).isInstanceOfSatisfying(Verdict.NearDuplicate.class,
                    near -> assertThat(near.of()).isEqualTo("task-before"));
            assertThat(stillKnown.replayed()).isTrue();
        } finally {
            after.close();
        }
    }

    // Dedup before solving: the pre-solve stage's screen, the post-verification stage's confirmation, release.

    @Test
    void copiesOfAnAcceptedTaskAreRejectedBeforeSolving() {
        String run = run();
        Deduplicator post = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator pre = deduplicator(replicaTwo, Accepted.Scope.RUN);
        assertThat(post.decide(run, "task-accepted", TaskTexts.original()).verdict()).isInstanceOf(Verdict.Unique.class);

        Verdict exact = pre.screen(run, "task-exact", TaskTexts.renamedVariables()).verdict();
        Verdict near = pre.screen(run, "task-near", nearCopy()).verdict();

        assertThat(exact).isEqualTo(new Verdict.Duplicate("task-accepted",
                fingerprinter.of(TaskTexts.original()).exactHash()));
        assertThat(((Verdict.NearDuplicate) near).of()).isEqualTo("task-accepted");
        assertThat(pre.screen(run, "task-story", TaskTexts.newStory()).verdict()).isInstanceOf(Verdict.Unique.class);
    }

    @Test
    void copiesOfAnInFlightTaskAreRejectedAndTheTaskIsNotACopyOfItself() {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);

        Decision first = one.screen(run, "task-first", TaskTexts.original());
        Decision exact = two.screen(run, "task-exact", TaskTexts.original());
        Decision near = two.screen(run, "task-near", nearCopy());
        Decision redelivered = two.screen(run, "task-first", TaskTexts.original());
        Decision verified = one.decide(run, "task-first", TaskTexts.original());
        Decision verifiedAgain = two.decide(run, "task-first", TaskTexts.original());

        assertThat(first.verdict()).isInstanceOf(Verdict.Unique.class);
        assertThat(first.replayed()).isFalse();
        assertThat(((Verdict.Duplicate) exact.verdict()).of()).isEqualTo("task-first");
        assertThat(((Verdict.NearDuplicate) near.verdict()).of()).isEqualTo("task-first");
        assertThat(redelivered.verdict()).as("a redelivery is not a copy of itself").isEqualTo(first.verdict());
        assertThat(redelivered.replayed()).isTrue();
        assertThat(verified.verdict()).as("after verification, its own in-flight entry is no original")
                .isEqualTo(first.verdict());
        assertThat(verified.replayed()).isFalse();
        assertThat(verified.confirmedInFlight()).isTrue();
        assertThat(verifiedAgain.replayed()).isTrue();
        assertThat(verifiedAgain.confirmedInFlight()).isFalse();
        assertThat(one.release(run, "task-first")).as("an accepted task is not released").isFalse();
        assertThat(two.screen(run, "task-later", TaskTexts.original()).verdict()).isEqualTo(exact.verdict());
    }

    @Test
    void aRejectedInFlightTaskIsReleasedSoALaterCopyGetsItsChance() {
        String run = run();
        Deduplicator one = deduplicator(replicaOne, Accepted.Scope.RUN);
        Deduplicator two = deduplicator(replicaTwo, Accepted.Scope.RUN);

        assertThat(one.screen(run, "task-rejected", TaskTexts.original()).verdict()).isInstanceOf(Verdict.Unique.class);
        assertThat(two.screen(run, "task-while-in-flight", TaskTexts.original()).verdict())
                .isInstanceOf(Verdict.Duplicate.class);
        assertThat(two.release(run, "task-rejected")).isTrue();
        assertThat(one.release(run, "task-rejected")).as("a second sight of the rejection").isFalse();
        assertThat(two.release(run, "task-never-seen")).isFalse();

        Decision exactLater = two.screen(run, "task-exact-later", TaskTexts.original());
        Decision nearLater = one.screen(run, "task-near-later", nearCopy());

        assertThat(exactLater.verdict()).as("the released hash is free again").isInstanceOf(Verdict.Unique.class);
        assertThat(((Verdict.NearDuplicate) nearLater.verdict()).of())
                .as("the near copy is compared with the new holder, not the released task")
                .isEqualTo("task-exact-later");
        assertThat(two.decide(run, "task-exact-later", TaskTexts.original()).confirmedInFlight()).isTrue();
    }

    private static String nearCopy() {
        return TaskTexts.original().replace("performs m operations", "carries out m operations");
    }

    private Deduplicator deduplicator(RemoteCacheManager client, Accepted.Scope scope) {
        return new Deduplicator(fingerprinter, new SharedIndex(IndexServer.cache(client), scheme, 0.75, 64),
                noBenchmarks(fingerprinter), scope, Duration.ofMinutes(2));
    }

    private static BenchmarkIndex noBenchmarks(Fingerprinter fingerprinter) {
        return new BenchmarkIndex(List.of(), fingerprinter, 13, 0.7);
    }

    private static String run() {
        return "run-" + UUID.randomUUID();
    }

    private static String randomStatement(Random random, int words) {
        List<String> text = new ArrayList<>();
        for (int i = 0; i < words; i++) {
            text.add("w" + random.nextInt(5000));
        }
        return " " + String.join(" ", text) + " ";
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
