package io.synthsmith.verifier.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Verified;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighted golden selection with a hold-out half, on hand-made pass matrices. */
class GoldenSelectionTest {

    private final GoldenSelection selection = new GoldenSelection(1.0);
    private final List<GoldenSelection.WeightedTest> tests = List.of(
            new GoldenSelection.WeightedTest("a", 5), new GoldenSelection.WeightedTest("b", 4),
            new GoldenSelection.WeightedTest("c", 1), new GoldenSelection.WeightedTest("d", 1));

    @Test
    void theSplitAlternatesByWeightSoBothHalvesGetHeavyTestsAndIsDeterministic() {
        List<Verified.Half> halves = selection.split("task-1", tests);
        assertThat(halves.subList(0, 2)).containsExactly(Verified.Half.SELECTION, Verified.Half.HOLDOUT);
        assertThat(halves).containsOnly(Verified.Half.SELECTION, Verified.Half.HOLDOUT)
                .filteredOn(h -> h == Verified.Half.SELECTION).hasSize(2);
        assertThat(selection.split("task-1", tests)).isEqualTo(halves);
    }

    @Test
    void heavierTestsDecideTheBestCandidate() {
        List<Verified.Half> halves = List.of(Verified.Half.SELECTION, Verified.Half.HOLDOUT, Verified.Half.SELECTION,
                Verified.Half.HOLDOUT);
        GoldenSelection.Outcome outcome = selection.select(tests, halves, List.of(
                contender("cand-a", false, true, true, true),
                contender("cand-b", true, true, false, true)));
        assertThat(outcome).isEqualTo(new GoldenSelection.Chosen("cand-b", 5.0 / 6, 1.0));
    }

    @Test
    void theBestCandidateMustAlsoPassTheHoldOut() {
        List<Verified.Half> halves = List.of(Verified.Half.SELECTION, Verified.Half.HOLDOUT, Verified.Half.SELECTION,
                Verified.Half.HOLDOUT);
        GoldenSelection.Outcome outcome = selection.select(tests, halves, List.of(
                contender("cand-a", true, false, true, true),
                contender("cand-b", true, true, false, true)));
        assertThat(outcome).isInstanceOfSatisfying(GoldenSelection.NoneAccepted.class, none -> {
            assertThat(none.bestCandidateId()).isEqualTo("cand-a");
            assertThat(none.holdoutPassRate()).isEqualTo(1.0 / 5);
        });
    }

    @Test
    void tiesGoToMoreSelectionPassesThenToTheSmallerId() {
        List<Verified.Half> halves = List.of(Verified.Half.SELECTION, Verified.Half.HOLDOUT, Verified.Half.SELECTION,
                Verified.Half.HOLDOUT);
        List<GoldenSelection.Contender> contenders = List.of(
                contender("cand-c", true, true, true, true),
                contender("cand-a", true, true, true, true),
                contender("cand-b", true, true, true, true));
        assertThat(selection.select(tests, halves, contenders))
                .isEqualTo(new GoldenSelection.Chosen("cand-a", 1.0, 1.0));
        assertThat(selection.select(tests, halves, contenders.reversed()))
                .isEqualTo(new GoldenSelection.Chosen("cand-a", 1.0, 1.0));
    }

    @Test
    void theWeightFormulaFavoursLargeAndDisputedTests() {
        TestWeights weights = new TestWeights(2, 2);
        assertThat(weights.weight(10, 1000, 1.0)).isGreaterThan(1.0).isLessThan(weights.weight(1000, 1000, 1.0));
        assertThat(weights.weight(1000, 1000, 1.0)).isEqualTo(3.0);
        assertThat(weights.weight(0, 1000, 0.5)).isEqualTo(3.0);
        assertThat(weights.weight(1000, 1000, 0.5)).isEqualTo(5.0);
    }

    private static GoldenSelection.Contender contender(String id, Boolean... passed) {
        return new GoldenSelection.Contender(id, List.of(passed));
    }
}
