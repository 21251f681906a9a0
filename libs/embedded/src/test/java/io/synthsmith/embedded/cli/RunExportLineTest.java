package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunExportLineTest {

    /** The exporter's GET /runs body, as its RunExportResource writes it (fields status does not read left out). */
    private static final String RUNS = """
            [{"runId":"demo","state":"written","sftRows":7,"rlRows":7,
              "cost":{"tasksWithCost":7,"promptTokens":70000,"completionTokens":140000,"reasoningTokens":35000,
                      "sandboxCpuSeconds":15.4,"tokensPerTask":30000.0,"sandboxCpuSecondsPerTask":2.2}},
             {"runId":"old","state":"exporting","sftRows":1,"rlRows":1,
              "cost":{"tasksWithCost":0,"promptTokens":0,"completionTokens":0,"reasoningTokens":0,
                      "sandboxCpuSeconds":0.0,"tokensPerTask":null,"sandboxCpuSecondsPerTask":null}}]
            """;

    @Test
    void statusShowsTokensAndSandboxCpuPerExportedTaskOfEachRun() {
        List<StatusReport.RunExport> exports = PipelineStatus.exports(RUNS);

        assertThat(exports).hasSize(2);
        assertThat(StatusText.exported(exports.get(0))).isEqualTo("exported, run demo (written): 7 tasks; per"
                + " exported task 30000 tokens, 2.20 s sandbox CPU (over 7 tasks)");
        assertThat(StatusText.exported(exports.get(1))).isEqualTo("exported, run old (exporting): 1 tasks; cost per"
                + " exported task not known");
    }

    @Test
    void anExporterThatDoesNotAnswerOrAnswersSomethingElseGivesNoExports() {
        assertThat(PipelineStatus.exports(null)).isNull();
        assertThat(PipelineStatus.exports("<html>")).isNull();
    }
}
