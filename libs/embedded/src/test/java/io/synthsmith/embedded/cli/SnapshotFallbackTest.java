package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.topics.TopicNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service too busy to answer the probe still counts, from the launcher's recent snapshot of its metrics. */
class SnapshotFallbackTest {

    private static final String SOLVER = "synthsmith_inbound_records_total{kind=\"none\",outcome=\"processed\","
            + "topic=\"synthsmith.tasks\"} 24.0\n";

    @TempDir
    Path state;

    @Test
    void aRecentSnapshotStandsInForAServiceThatDidNotAnswerAndAnOldOneDoesNot() throws Exception {
        Path now = Files.createDirectories(state.resolve("metrics/now"));
        Files.writeString(now.resolve("solver"), SOLVER);
        Files.writeString(now.resolve("verifier"), SOLVER);
        long time = Instant.now().getEpochSecond();
        Files.setLastModifiedTime(now.resolve("verifier"), FileTime.from(Instant.ofEpochSecond(time - 120)));
        Map<PipelineStage, PrometheusText> answered = new EnumMap<>(PipelineStage.class);
        answered.put(PipelineStage.EXPORTER, PrometheusText.empty());

        try (PipelineStatus status = new PipelineStatus(new PipelineStatus.Options("localhost:1",
                new TopicNames("synthsmith."), state, "localhost", false, false, false, true))) {
            Map<PipelineStage, PrometheusText> filled = status.withSnapshots(answered, time);

            assertThat(filled.get(PipelineStage.SOLVER).sum(ServiceCounters.INBOUND, Map.of("outcome", "processed")))
                    .isEqualTo(24.0);
            assertThat(filled.get(PipelineStage.VERIFIER)).as("a snapshot 2 minutes old").isNull();
            assertThat(filled.get(PipelineStage.TASK_EVOLVER)).as("no snapshot").isNull();
            assertThat(filled).containsEntry(PipelineStage.EXPORTER, answered.get(PipelineStage.EXPORTER));
        }
    }
}
