package io.synthsmith.exporter.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.messages.Verified;
import org.junit.jupiter.api.Test;

/** Which RL split a task goes to: by the probe's pass rate when the run has one, by the candidates' otherwise. */
class RlSplitTest {

    private final AcceptedTasks tasks = new AcceptedTasks();

    @Test
    void withAProbeItsPassRateDecidesWhateverTheCandidatesDid() {
        RlSplit split = RlSplit.DEFAULTS;
        assertThat(split.of(verified(tasks.example().solvedByAll().probe("base", 1.0, 4, 4)), true))
                .isEqualTo(RlSplit.EASY);
        assertThat(split.of(verified(tasks.example().solvedByAll().probe("base", 0.75, 4, 3)), true))
                .isEqualTo(RlSplit.MAIN);
        assertThat(split.of(verified(tasks.example().solvedByAll().probe("base", 0.0, 4, 0)), true))
                .isEqualTo(RlSplit.HARD);
        assertThat(RlSplit.decidedBy(verified(tasks.example().probe("base", 0.0, 4, 0)))).isEqualTo("probe");
    }

    @Test
    void configuredThresholdsMoveTheBoundaries() {
        RlSplit split = new RlSplit(0.75, 0.25);
        assertThat(split.of(verified(tasks.example().probe("base", 0.75, 4, 3)), true)).isEqualTo(RlSplit.EASY);
        assertThat(split.of(verified(tasks.example().probe("base", 0.5, 4, 2)), true)).isEqualTo(RlSplit.MAIN);
        assertThat(split.of(verified(tasks.example().probe("base", 0.25, 4, 1)), true)).isEqualTo(RlSplit.HARD);
        assertThatThrownBy(() -> new RlSplit(0.5, 0.5)).hasMessageContaining("probe-hard-up-to");
    }

    @Test
    void withoutAProbeTheCandidatesDecideAndNothingIsHard() {
        assertThat(RlSplit.DEFAULTS.of(verified(tasks.example().solvedByAll()), true)).isEqualTo(RlSplit.EASY);
        assertThat(RlSplit.DEFAULTS.of(verified(tasks.example()), true)).isEqualTo(RlSplit.MAIN);
        assertThat(RlSplit.decidedBy(verified(tasks.example()))).isEqualTo("solver");
    }

    @Test
    void aRunThatKeepsNothingApartPutsEveryTaskInMain() {
        assertThat(RlSplit.DEFAULTS.of(verified(tasks.example().probe("base", 0.0, 4, 0)), false))
                .isEqualTo(RlSplit.MAIN);
        assertThat(RlSplit.DEFAULTS.of(verified(tasks.example().solvedByAll()), false)).isEqualTo(RlSplit.MAIN);
    }

    private static Verified verified(AcceptedTasks.Variant variant) {
        return variant.build().verified();
    }
}
