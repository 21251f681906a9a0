package io.synthsmith.exporter.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synthsmith.embedded.browser.HeadlessChromium;
import io.synthsmith.exporter.files.DatasetFiles;
import io.synthsmith.exporter.files.Manifest;
import io.synthsmith.exporter.files.ShardWriter;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.rl.RlRecords;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.exporter.stream.TaskExport;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run report and the card's key figures from a run of fixture tasks written through the real dataset files:
 * exact figures in the manifest, the card's tables, and the page rendered by headless Chromium with every chart
 * drawn (a screenshot is kept under target/report-screenshots). Without Chromium the browser part is skipped,
 * except in CI ({@code CI=true}), where {@code .ci/run} installs it.
 */
class RunReportPageTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    /** What the task-evolver put on each fixture task's lineage: its share of extraction and evolution, its calls. */
    private static final Lineage.Cost EVOLVER_SHARE = new Lineage.Cost(2400, 900, 300L, 0);

    private final AcceptedTasks tasks = new AcceptedTasks();
    private final PromptWriter prompts = new PromptWriter("{statement}", "{statement}\n{signature}");

    @TempDir
    Path root;

    @Test
    void theFilesOfARunCarryItsCostAndDistributionsAndItsReportDrawsEveryChartInABrowser() throws Exception {
        Path run = writeRun("report-fixture", 6);

        Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class);
        RunStatistics stats = manifest.statistics();
        assertThat(stats.tasks()).isEqualTo(6);
        // accepted.json: tests sample, sample, direct, generated; features in two categories; majority share 0.75
        assertThat(stats.testsByOrigin()).containsExactlyInAnyOrderEntriesOf(
                Map.of("sample", 12L, "direct", 6L, "generated", 6L));
        assertThat(stats.testsPerTask()).containsExactlyInAnyOrderEntriesOf(Map.of("4", 6L));
        assertThat(stats.categories()).containsExactlyInAnyOrderEntriesOf(
                Map.of("data structures", 6L, "algorithms", 6L));
        assertThat(stats.majorityShare()).containsExactlyInAnyOrderEntriesOf(Map.of("0.7-0.8", 6L));
        // per task: the evolver's share, 3 candidates of 512 + 6100 (+ 5400 reasoning), the verifier's 2.21 s
        assertThat(stats.tasksWithCost()).isEqualTo(6);
        assertThat(stats.promptTokens()).isEqualTo(6 * (2400 + 3 * 512));
        assertThat(stats.completionTokens()).isEqualTo(6 * (900 + 3 * 6100));
        assertThat(stats.reasoningTokens()).isEqualTo(6 * (300 + 3 * 5400));
        assertThat(stats.sandboxCpuSeconds()).isCloseTo(6 * 2.21, within(1e-9));
        assertThat(manifest.counts().rejections()).containsExactlyInAnyOrderEntriesOf(
                Map.of("verifier/no_consensus", 2L, "dedup/duplicate", 1L));

        String card = Files.readString(run.resolve("README.md"));
        assertThat(card).contains("## Cost per exported task", "| prompt tokens | 3936 | 23616 |",
                "| sandbox CPU seconds | 2.21 | 13.26 |", "| generated | 6 |", "| 0.7-0.8 | 6 |",
                "| data structures | 6 |");

        Path report = run.resolve(DatasetFiles.REPORT);
        String html = Files.readString(report);
        assertThat(html).doesNotContain("<script src", "http://", "https://cdn").contains("Chart.js v4.4.1");
        assertThat(html).contains("\"funnel\":{\"labels\":[\"entered task-evolver\",\"entered solver\","
                + "\"entered verifier\",\"entered dedup\",\"entered exporter\",\"exported\"],"
                + "\"values\":[9,9,9,7,6,6]}");

        checkInBrowser(report, Path.of("target/report-screenshots/report-fixture.png"));
    }

    /**
     * Renders {@code report} in headless Chromium: no console errors, every chart's canvas drawn with data (the
     * page marks it), then a screenshot into {@code png}.
     */
    static void checkInBrowser(Path report, Path png) throws Exception {
        var browser = HeadlessChromium.find();
        if (browser.isEmpty()) {
            assertThat(System.getenv("CI")).as("chromium is missing; .ci/run installs it").isNotEqualTo("true");
            Assumptions.abort("chromium is not installed (apt-get install chromium): the browser check is skipped");
        }
        HeadlessChromium.Rendered page = browser.get().render(report, 10_000);
        assertThat(page.errors()).as("console errors of %s", report).isEmpty();
        List<HeadlessChromium.Rendered.Canvas> canvases = page.canvases();
        assertThat(canvases).extracting(HeadlessChromium.Rendered.Canvas::id).containsExactly("funnel",
                "rejections", "difficulty", "styles", "categories", "features", "testsPerTask", "testsByOrigin",
                "agreement", "cost", "throughput");
        assertThat(canvases).allSatisfy(canvas -> assertThat(canvas.drawn()).as("data points of " + canvas.id())
                .isNotNull().matches("[1-9][0-9]*"));
        assertThat(page.bodyAttribute("data-drawn")).isEqualTo(Integer.toString(canvases.size()));
        browser.get().screenshot(report, png, 1400, 2700, 10_000);
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    /** Writes {@code count} accepted tasks of a run, and 3 rejections, through the real dataset files. */
    private Path writeRun(String runId, int count) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TaskExport export = new TaskExport(new SftRecords(prompts),
                new RlRecords(prompts, "synthsmith/{runId}", "code", tasks.codec().mapper()), clock);
        DatasetFiles files = new DatasetFiles(root, new ShardWriter(1000, "256MB"), tasks.codec().mapper(), 4,
                Duration.ofHours(1), clock);
        long sft = 0;
        long rl = 0;
        long rejected = 0;
        for (int i = 0; i < count; i++) {
            Accepted example = tasks.example().run(runId).id("task-r-" + i)
                    .export("{\"fileFormats\": [\"parquet\"]}").build();
            Accepted accepted = new Accepted(example.schema(), example.runId(), example.id(),
                    example.lineage().withCost(EVOLVER_SHARE), example.createdAt(), example.verified(),
                    example.dedup());
            for (TaskExport.Output output : export.of(accepted)) {
                if (output.topic() == Topic.EXPORT_SFT) {
                    files.accept("synthsmith.export.sft-0", sft++, output.message(), output.fileFormats());
                } else {
                    assertThat(((ExportRl) output.message()).extraInfo().cost()).isNotNull();
                    files.accept("synthsmith.export.rl-0", rl++, output.message(), output.fileFormats());
                }
            }
            if (i < 3) {
                Rejected rejection = i < 2
                        ? Rejections.of("verifier", Rejected.Reason.NO_CONSENSUS, "no majority", accepted, Map.of(),
                                NOW)
                        : Rejections.of("dedup", Rejected.Reason.DUPLICATE, "same as task-r-0", accepted, Map.of(),
                                NOW);
                files.accept("synthsmith.rejected-0", rejected++, rejection, List.of());
            }
        }
        files.closeAll(Map.of());
        return root.resolve(runId);
    }
}
