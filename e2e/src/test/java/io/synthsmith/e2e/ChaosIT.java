package io.synthsmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.e2e.chaos.ChaosRun;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The chaos run at the scale of the test command: enough seeds that work is in flight at every disruption, every
 * service killed at least once, the broker and Infinispan restarted, one SIGTERM, a fifth of the LLM calls failing
 * with every kind of fault. Nothing may be lost and nothing exported twice.
 */
class ChaosIT {

    private static final Path HOME = Path.of(System.getProperty("synthsmith.home", "..")).toAbsolutePath().normalize();

    @Test
    void nothingIsLostOrDuplicatedUnderFaults() throws Exception {
        ChaosRun.Options options = ChaosRun.Options.defaults(HOME, EmbeddedInfrastructure.freshDirectory("chaos"))
                .withScale(12, 5).withTimeout(Duration.ofMinutes(10));
        ChaosRun.Report report = new ChaosRun(options).run();
        System.out.println("chaos report: " + report.toJson());

        assertThat(report.quiet()).as("the pipeline went quiet with everything accounted for: %s", report.toJson()).isTrue();
        assertThat(report.reconciliation().lost()).as("lost: %s", report.reconciliation().lostExamples()).isZero();
        assertThat(report.reconciliation().duplicates()).as("duplicates: %s", report.reconciliation().duplicateExamples())
                .isZero();
        assertThat(report.reconciliation().conflicting()).isZero();
        assertThat(report.reconciliation().seeds()).isEqualTo(12);
        assertThat(report.reconciliation().dlq()).as("dead letters: the faults are transient, the input is good").isEmpty();
        assertThat(report.reconciliation().exported()).as("exported tasks").isPositive();
        assertThat(report.killsByService()).as("every service killed at least once")
                .containsOnlyKeys("task-evolver", "solver", "verifier", "dedup", "exporter");
        assertThat(report.kills()).isEqualTo(5);
        assertThat(report.terminate()).containsEntry("exitedInTime", true);
        assertThat(report.llmErrors()).as("LLM faults the clients met, by kind")
                .containsKeys("rate_limited", "server_error", "timeout", "malformed_reply", "truncated_reply");
    }
}
