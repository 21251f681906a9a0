package io.synthsmith.verifier.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.verifier.evidence.Truth.BruteForceOutcome;
import io.synthsmith.verifier.evidence.Truth.Exclusion;
import io.synthsmith.verifier.evidence.Truth.TestTruth;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import io.synthsmith.verifier.voting.OutputComparison;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The evidence rules on hand-made outcomes: one test per rule. */
class TruthDecisionTest {

    private static final EvidenceSettings SETTINGS = new EvidenceSettings(2, 0.5, 1, 0.3, 3, 3, 0.5);
    private static final RunOutcome CRASH = new RunOutcome.RuntimeError("exit status 1", RunStats.NONE);
    private static final RunOutcome SLOW = new RunOutcome.TimeLimit(RunStats.NONE);

    private final TruthDecision decision = new TruthDecision(SETTINGS, OutputComparison.exact());

    @Test
    void aCorrelatedWrongGroupIsEliminatedByTheBruteForceOnEveryTest() {
        // candidates 0-1 share a shortcut: right on the sample, wrong on a small test and on the large ones; the
        // brute force sides with the larger cluster, so it decides
        List<Observation> tests = List.of(
                sample("3\n", "3", "3", "3", "3", "3").withBrute(out("3")),
                small(out("4"), "5", "5", "4", "4", "4"),
                large("100", "100", "99", "99", "99"),
                large("7", "7", "8", "8", "8"));

        Truth truth = decision.decide(tests, 5);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Used.class, used -> {
            assertThat(used.eliminated()).containsExactlyInAnyOrder(0, 1);
            assertThat(used.answered()).isEqualTo(2);
        });
        assertThat(labelled(truth, 1).output()).isEqualTo("4");
        assertThat(labelled(truth, 1).decidedBy()).isEqualTo(Truth.DecidedBy.BRUTE_FORCE);
        assertThat(labelled(truth, 2).output()).isEqualTo("99");
        assertThat(labelled(truth, 2).decidedBy()).isEqualTo(Truth.DecidedBy.VOTE);
        assertThat(labelled(truth, 2).counted()).isEqualTo(3);
        assertThat(labelled(truth, 2).eliminatedOutputs()).isEqualTo(2);
        assertThat(labelled(truth, 2).allVotes().distribution()).containsExactly(3, 2);
        assertThat(labelled(truth, 3).output()).isEqualTo("8");
        assertThat(truth.excluded()).containsOnlyKeys(0, 1)
                .containsValue(Exclusion.ELIMINATED_BY_BRUTE_FORCE);
        assertThat(truth.eligible(2)).isTrue();
        assertThat(truth.eligible(4)).isTrue();
    }

    @Test
    void aBruteForceContradictingAMajorityIsDiscardedAndThatTestContested() {
        // the brute force shares the misreading of candidates 3-4 (it passes the sample like them); the cluster 0-2,
        // a strict majority of the five, disagrees on a small test. The same model wrote it: a dispute, not proof
        List<Observation> tests = List.of(
                sample("3\n", "3", "3", "3", "3", "3").withBrute(out("3")),
                small(out("4"), "5", "5", "5", "4", "4"),
                large("100", "100", "100", "99", "99"),
                large("1", "1", "1", "1", "1"));

        Truth truth = decision.decide(tests, 5);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Discarded.class, discarded -> {
            assertThat(discarded.reason()).isEqualTo(BruteForceOutcome.Reason.CONTRADICTS_MAJORITY);
            assertThat(discarded.disputed()).containsExactly(1);
            assertThat(discarded.disputants()).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        });
        assertThat(truth.eliminated()).isEmpty();
        assertThat(truth.tests().get(1)).isInstanceOfSatisfying(TestTruth.Dropped.class,
                dropped -> assertThat(dropped.reason()).isEqualTo(Truth.DropReason.CONTESTED));
        assertThat(truth.tests().get(2)).isInstanceOfSatisfying(TestTruth.Dropped.class,
                dropped -> assertThat(dropped.reason()).isEqualTo(Truth.DropReason.CONTESTED));
        assertThat(labelled(truth, 3).output()).isEqualTo("1");
        assertThat(labelled(truth, 3).decidedBy()).isEqualTo(Truth.DecidedBy.VOTE);
        assertThat(truth.excluded()).containsOnlyKeys(0, 1, 2, 3, 4).containsValue(Exclusion.CONTESTED)
                .doesNotContainValue(Exclusion.ELIMINATED_BY_BRUTE_FORCE);
    }

    @Test
    void aBruteForceOverrulesALargerGroupThatIsNoMajority() {
        // eight candidates: a correlated wrong group of four (a FIFO shortcut) outnumbers the three right ones; the
        // brute force sides with the three. Four of eight is no strict majority, so the group is eliminated and the
        // large tests it would have won are labelled by the right candidates
        List<Observation> tests = List.of(
                sample("2\n", "2", "2", "2", "2", "2", "2", "2", "2").withBrute(out("2")),
                small(out("7"), "7", "7", "7", "9", "9", "9", "9", "8"),
                large("40", "40", "40", "41", "41", "41", "41", "40"),
                large("5", "5", "5", "6", "6", "6", "6", "5"));

        Truth truth = decision.decide(tests, 8);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Used.class,
                used -> assertThat(used.eliminated()).containsExactlyInAnyOrder(3, 4, 5, 6, 7));
        assertThat(labelled(truth, 1).output()).isEqualTo("7");
        assertThat(labelled(truth, 2).output()).isEqualTo("40");
        assertThat(labelled(truth, 3).output()).isEqualTo("5");
        assertThat(truth.eligible(0)).isTrue();
        assertThat(truth.eligible(3)).isFalse();
    }

    @Test
    void overruledShareOneLetsTheBruteForceOverruleAnyMajority() {
        TruthDecision literal = new TruthDecision(new EvidenceSettings(2, 0.5, 1, 0.3, 3, 3, 1.0),
                OutputComparison.exact());
        List<Observation> tests = List.of(
                small(out("4"), "5", "5", "5", "4", "4"),
                large("100", "100", "100", "99", "99"));

        Truth truth = literal.decide(tests, 5);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Used.class,
                used -> assertThat(used.eliminated()).containsExactlyInAnyOrder(0, 1, 2));
        assertThat(labelled(truth, 1).output()).isEqualTo("99");
    }

    @Test
    void aBruteForceSidingWithOneOfTwoEqualClustersDecides() {
        // a tie has no larger side: the brute force breaks it (its misreadings are the price of deciding ties)
        List<Observation> tests = List.of(
                small(out("4"), "5", "5", "4", "4"),
                large("10", "10", "11", "11"));

        Truth truth = decision.decide(tests, 4);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Used.class, used -> {
            assertThat(used.eliminated()).containsExactlyInAnyOrder(0, 1);
        });
        assertThat(labelled(truth, 1).output()).isEqualTo("11");
        assertThat(truth.eligible(2)).isTrue();
    }

    @Test
    void aBruteForceSidingWithALoneCandidateAgainstATieStillEliminatesTheLoneDissenters() {
        // clusters of one have no real support: the brute force may eliminate them even when not in the majority
        List<Observation> tests = List.of(
                small(out("4"), "4", "5", "6", "4"),
                large("10", "11", "12", "10"));

        Truth truth = decision.decide(tests, 4);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Used.class, used -> {
            assertThat(used.eliminated()).containsExactlyInAnyOrder(1, 2);
        });
        assertThat(labelled(truth, 1).output()).isEqualTo("10");
    }

    @Test
    void onAContestedTestNoCandidateThatPrintedAnOutputMayBeGolden() {
        // a split task: the lone candidate 5 is in no supported cluster, but nothing shows its output is right
        List<Observation> tests = List.of(
                large("1", "1", "1", "2", "2", "3"),
                large("5", "5", "5", "5", "5", "5"));

        Truth truth = decision.decide(tests, 6);

        assertThat(truth.tests().get(0)).isInstanceOfSatisfying(TestTruth.Dropped.class,
                dropped -> assertThat(dropped.reason()).isEqualTo(Truth.DropReason.CONTESTED));
        assertThat(truth.excluded()).containsOnlyKeys(0, 1, 2, 3, 4, 5).containsValue(Exclusion.CONTESTED);
    }

    @Test
    void withoutTheBruteForceTheSameGroupWinsTheVoteOrContestsIt() {
        List<Observation> tests = List.of(
                large("100", "100", "100", "99", "99"),
                large("7", "7", "7", "7", "8"));

        Truth truth = decision.decide(tests, 5);

        assertThat(truth.bruteForce()).isInstanceOf(BruteForceOutcome.Absent.class);
        assertThat(truth.tests().get(0)).isInstanceOfSatisfying(TestTruth.Dropped.class,
                dropped -> assertThat(dropped.reason()).isEqualTo(Truth.DropReason.CONTESTED));
        assertThat(labelled(truth, 1).output()).isEqualTo("7");
        assertThat(truth.excluded()).containsOnlyKeys(0, 1, 2, 3, 4).containsValue(Exclusion.CONTESTED);
    }

    @Test
    void aBruteForceThatDisagreesWithEveryClusterIsDiscardedAndTheVoteDecides() {
        List<Observation> tests = List.of(
                small(out("9"), "4", "4", "4", "5"),
                small(out("9"), "1", "1", "1", "1"));

        Truth truth = decision.decide(tests, 4);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Discarded.class, discarded -> {
            assertThat(discarded.reason()).isEqualTo(BruteForceOutcome.Reason.DISAGREES_WITH_EVERY_CLUSTER);
            assertThat(discarded.reason().wire()).isEqualTo("disagrees_with_every_cluster");
        });
        assertThat(truth.eliminated()).isEmpty();
        assertThat(labelled(truth, 0).output()).isEqualTo("4");
        assertThat(labelled(truth, 0).bruteForce()).isEqualTo(Truth.BruteForceAnswer.NOT_RUN);
        assertThat(truth.eligible(3)).isTrue();
    }

    @Test
    void aBruteForceThatFailsASampleIsDiscardedEvenWhereSomeCandidatesAgreeWithIt() {
        List<Observation> tests = List.of(
                sample("2\n", "2", "2", "3").withBrute(out("3")),
                small(out("6"), "5", "5", "6"));

        Truth truth = decision.decide(tests, 3);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Discarded.class,
                discarded -> assertThat(discarded.reason()).isEqualTo(BruteForceOutcome.Reason.FAILS_SAMPLES));
        assertThat(labelled(truth, 0).output()).isEqualTo("2");
        assertThat(labelled(truth, 0).decidedBy()).isEqualTo(Truth.DecidedBy.SAMPLE);
        assertThat(truth.excluded()).containsEntry(2, Exclusion.CONTRADICTS_SAMPLES).hasSize(1);
        assertThat(labelled(truth, 1).output()).isEqualTo("5");
    }

    @Test
    void aBruteForceWithoutAnyAnswerIsDiscardedAsCrashed() {
        List<Observation> tests = List.of(small(SLOW, "4", "4", "4", "5"), small(CRASH, "1", "1", "1", "1"));

        Truth truth = decision.decide(tests, 4);

        assertThat(truth.bruteForce()).isInstanceOfSatisfying(BruteForceOutcome.Discarded.class, discarded -> {
            assertThat(discarded.reason()).isEqualTo(BruteForceOutcome.Reason.CRASHED);
            assertThat(discarded.answered()).isZero();
        });
        assertThat(labelled(truth, 0).output()).isEqualTo("4");
    }

    @Test
    void aContestedTestIsDroppedAndItsClustersCannotBeGolden() {
        List<Observation> tests = List.of(
                large("1", "1", "1", "1", "1", "1", "1", "1"),
                large("2", "2", "2", "2", "2", "3", "3", "3"),
                large("4", "4", "4", "4", "4", "4", "4", "5"));

        Truth truth = decision.decide(tests, 8);

        assertThat(truth.tests().get(1)).isInstanceOfSatisfying(TestTruth.Dropped.class, dropped -> {
            assertThat(dropped.reason()).isEqualTo(Truth.DropReason.CONTESTED);
            assertThat(dropped.why()).contains("[5, 3]");
        });
        assertThat(truth.dropped(Truth.DropReason.CONTESTED)).isEqualTo(1);
        assertThat(labelled(truth, 2).output()).isEqualTo("4");
        assertThat(truth.excluded()).hasSize(8).containsValue(Exclusion.CONTESTED);
    }

    @Test
    void aRunnerUpWithoutRealSupportIsOutvotedNotContested() {
        Truth truth = decision.decide(List.of(large("2", "2", "2", "2", "2", "2", "3", "3")), 8);

        assertThat(labelled(truth, 0).output()).isEqualTo("2");
        assertThat(truth.excluded()).isEmpty();
    }

    @Test
    void aGoldenThatCrashesOnAnUnlabelledInputIsRefused() {
        // candidate 0 passes every labelled test but times out on the last one, which gets no label
        List<Observation> tests = List.of(
                large("1", "1", "1", "1"),
                large("2", "2", "2", "2"),
                new Observation(List.of(SLOW, out("x"), out("y"), out("z")), Optional.empty(), Optional.empty()));

        Truth truth = decision.decide(tests, 4);

        assertThat(truth.tests().get(2)).isInstanceOf(TestTruth.Dropped.class);
        assertThat(truth.excluded()).containsExactly(java.util.Map.entry(0, Exclusion.FAILED_A_RUN));
        assertThat(truth.eligible(1)).isTrue();
    }

    @Test
    void aRightPluralityWithCrashedVotersIsLabelled() {
        Truth truth = decision.decide(List.of(new Observation(
                List.of(out("42"), out("42"), out("42"), CRASH, CRASH, SLOW, CRASH, SLOW), Optional.empty(),
                Optional.empty())), 8);

        Truth.TestTruth.Labelled label = labelled(truth, 0);
        assertThat(label.output()).isEqualTo("42");
        assertThat(label.share()).isEqualTo(1.0);
        assertThat(label.allVotes().voters()).isEqualTo(8);
        assertThat(label.allVotes().agreeing()).isEqualTo(3);
        assertThat(truth.excluded()).containsOnlyKeys(3, 4, 5, 6, 7);
    }

    @Test
    void tiesAndLoneOutputsAreNotGuessed() {
        Truth truth = decision.decide(List.of(large("1", "2"),
                new Observation(List.of(out("7"), CRASH), Optional.empty(), Optional.empty())), 2);

        assertThat(truth.tests()).allSatisfy(test -> assertThat(test).isInstanceOfSatisfying(TestTruth.Dropped.class,
                dropped -> assertThat(dropped.reason()).isEqualTo(Truth.DropReason.NO_CONSENSUS)));
    }

    @Test
    void sandboxFailuresAreNeitherVotesNorRunsTheGoldenFailed() {
        RunOutcome failure = new RunOutcome.SandboxFailure("runner died", RunStats.NONE);
        Truth truth = decision.decide(List.of(new Observation(List.of(out("7"), out("7"), failure), Optional.empty(),
                Optional.empty())), 3);

        assertThat(labelled(truth, 0).allVotes().voters()).isEqualTo(2);
        assertThat(truth.excluded()).isEmpty();
    }

    @Test
    void floatingPointToleranceGroupsCloseNumbers() {
        TruthDecision tolerant = new TruthDecision(SETTINGS, new OutputComparison(Optional.of(1e-6)));
        Truth truth = tolerant.decide(List.of(large("0.3333333", "0.33333331", "0.5")), 3);

        assertThat(labelled(truth, 0).agreeing()).isEqualTo(2);
    }

    @Test
    void labelsThatAreAllTheSameAreDegenerateFromTheConfiguredCount() {
        assertThat(decision.degenerate(List.of("0", "0", "0"))).isTrue();
        assertThat(decision.degenerate(List.of("[]", "[]", "[]", "[]"))).isTrue();
        assertThat(decision.degenerate(List.of("0", "0"))).isFalse();
        assertThat(decision.degenerate(List.of("0", "0", "1"))).isFalse();
    }

    private static Truth.TestTruth.Labelled labelled(Truth truth, int test) {
        assertThat(truth.tests().get(test)).isInstanceOf(TestTruth.Labelled.class);
        return (TestTruth.Labelled) truth.tests().get(test);
    }

    private static RunOutcome out(String stdout) {
        return new RunOutcome.Completed(stdout + "\n", RunStats.NONE);
    }

    private static List<RunOutcome> outs(String... outputs) {
        return Arrays.stream(outputs).map(TruthDecisionTest::out).toList();
    }

    /** A generated large test: the brute force did not run on it. */
    private static Observation large(String... outputs) {
        return new Observation(outs(outputs), Optional.empty(), Optional.empty());
    }

    /** A small test the brute force ran on. */
    private static Observation small(RunOutcome brute, String... outputs) {
        return new Observation(outs(outputs), Optional.empty(), Optional.of(brute));
    }

    private static SampleBuilder sample(String stated, String... outputs) {
        return new SampleBuilder(stated, outs(outputs));
    }

    /** A statement sample and, with {@link #withBrute}, the brute force's outcome on it. */
    private record SampleBuilder(String stated, List<RunOutcome> outcomes) {

        Observation withBrute(RunOutcome brute) {
            return new Observation(outcomes, Optional.of(stated), Optional.of(brute));
        }
    }
}
