package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.embedded.cli.ServiceProbe.Health;
import org.junit.jupiter.api.Test;

class StageStateTest {

    @Test
    void aServiceTheLauncherStartedAndNeverSawReadyIsStartingEvenWhenItDoesNotAnswerInTime() {
        assertThat(PipelineStatus.stateOf(Health.NO_ANSWER, true, false)).isEqualTo("starting");
        assertThat(PipelineStatus.stateOf(Health.NO_LISTENER, true, false)).isEqualTo("starting");
        assertThat(PipelineStatus.stateOf(Health.NOT_READY, true, false)).isEqualTo("starting");
    }

    @Test
    void aServiceThatWasReadyAndStopsAnsweringIsUnresponsive() {
        assertThat(PipelineStatus.stateOf(Health.NO_ANSWER, true, true)).isEqualTo("unresponsive");
        assertThat(PipelineStatus.stateOf(Health.NO_ANSWER, false, false)).isEqualTo("unresponsive");
        assertThat(PipelineStatus.stateOf(Health.READY, true, true)).isEqualTo("ready");
        assertThat(PipelineStatus.stateOf(Health.NO_LISTENER, false, false)).isEqualTo("down");
    }
}
