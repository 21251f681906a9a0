package io.synthsmith.exporter.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.exporter.files.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run report ({@code report.html}): one self-contained HTML page with Chart.js (from its WebJar, inlined, so the
 * page opens from disk with no network) charting the run's funnel and rejections, difficulty, styles, feature-tree
 * categories and most used features, tests per task and their origins, agreement, cost and throughput. The data
 * comes from the manifest alone: rejections as read from the rejected topic, the rest from the exported RL records.
 * When every chart has drawn, the page sets {@code data-drawn} on {@code <body>} to the number of charts drawn
 * (a browser test waits for it).
 */
public final class RunReportPage {

    /** The Chart.js build inlined into every report. */
    static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.4.1/dist/chart.umd.js";
    /** The pipeline's stages in order, as rejections name them. */
    static final List<String> STAGES = List.of("task-evolver", "solver", "verifier", "dedup", "exporter");
    private static final int TOP_FEATURES = 15;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile String chartJs;

    private RunReportPage() {
    }

    public static String render(Manifest manifest) {
        RunStatistics stats = manifest.statistics();
        Manifest.Counts counts = manifest.counts();
        ObjectNode data = JSON.createObjectNode();
        data.put("runId", manifest.runId());
        funnel(data, counts, stats);
        series(data.putObject("difficulty"), tenths(stats.difficulty()));
        series(data.putObject("styles"), stats.styles());
        series(data.putObject("categories"), byCountDescending(stats.categories(), Integer.MAX_VALUE));
        series(data.putObject("features"), byCountDescending(stats.features(), TOP_FEATURES));
        series(data.putObject("testsPerTask"), numeric(stats.testsPerTask()));
        series(data.putObject("testsByOrigin"), stats.testsByOrigin());
        series(data.putObject("agreement"), tenths(stats.majorityShare()));
        series(data.putObject("throughput"), stats.exportedPerMinute());
        ObjectNode cost = data.putObject("cost");
        cost.put("tasks", stats.tasksWithCost());
        if (stats.tasksWithCost() > 0) {
            double n = stats.tasksWithCost();
            cost.putArray("labels").add("prompt").add("completion").add("reasoning");
            cost.putArray("values").add(stats.promptTokens() / n).add(stats.completionTokens() / n)
                    .add(stats.reasoningTokens() / n);
            cost.put("cpuSeconds", stats.sandboxCpuSeconds() / n);
        }
        String json;
        try {
            json = JSON.writeValueAsString(data).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report data of run " + manifest.runId(), e);
        }
        return PAGE.replace("{{title}}", escape("SynthSmith run " + manifest.runId()))
                .replace("{{summary}}", summary(manifest))
                .replace("{{chartjs}}", chartJs().replace("</script", "<\\/script"))
                .replace("{{data}}", json);
    }

    /**
     * Tasks entering each stage, derived: exported plus the rejections at that stage or later (dead letters are
     * not counted); and the rejections by stage and reason, as read from the rejected topic.
     */
    private static void funnel(ObjectNode data, Manifest.Counts counts, RunStatistics stats) {
        long exported = counts.rlRows();
        Map<String, Long> byStage = new LinkedHashMap<>();
        STAGES.forEach(s -> byStage.put(s, 0L));
        counts.rejections().forEach((key, n) -> byStage.merge(key.split("/", 2)[0], n, Long::sum));
        ObjectNode funnel = data.putObject("funnel");
        ArrayNode labels = funnel.putArray("labels");
        ArrayNode values = funnel.putArray("values");
        List<String> stages = new ArrayList<>(byStage.keySet());
        for (int i = 0; i < stages.size(); i++) {
            long entered = exported;
            for (int j = i; j < stages.size(); j++) {
                entered += byStage.get(stages.get(j));
            }
            labels.add("entered " + stages.get(i));
            values.add(entered);
        }
        labels.add("exported");
        values.add(exported);
        series(data.putObject("rejections"), byCountDescending(counts.rejections(), Integer.MAX_VALUE));
    }

    private static String summary(Manifest manifest) {
        RunStatistics stats = manifest.statistics();
        Manifest.Counts counts = manifest.counts();
        long rejected = counts.rejections().values().stream().mapToLong(Long::longValue).sum();
        StringBuilder rows = new StringBuilder();
        row(rows, "Exported tasks (RL rows)", Long.toString(counts.rlRows()), "exact: rows in closed shards");
        row(rows, "SFT rows", Long.toString(counts.sftRows()), "exact");
        row(rows, "Rejected upstream", Long.toString(rejected), "exact: records on the rejected topic");
        Double tokens = stats.tokensPerTask();
        row(rows, "Tokens per exported task", tokens == null ? "not known" : String.format(Locale.ROOT, "%.0f",
                tokens), stats.tasksWithCost() + " of " + stats.tasks() + " tasks carry a cost; see the cost chart");
        Double cpu = stats.sandboxCpuSecondsPerTask();
        row(rows, "Sandbox CPU per exported task", cpu == null ? "not known" : String.format(Locale.ROOT, "%.2f s",
                cpu), "the verifier's sandboxed runs");
        row(rows, "Funnel before export", "derived", "tasks entering a stage = exported + rejections there or later;"
                + " dead letters and work still in flight are not in it");
        row(rows, "Updated", manifest.updatedAt() == null ? "never" : manifest.updatedAt().toString(), "");
        return rows.toString();
    }

    private static void row(StringBuilder rows, String name, String value, String note) {
        rows.append("<tr><th>").append(escape(name)).append("</th><td>").append(escape(value)).append("</td><td>")
                .append(escape(note)).append("</td></tr>\n");
    }

    private static void series(ObjectNode node, Map<String, Long> values) {
        ArrayNode labels = node.putArray("labels");
        ArrayNode counts = node.putArray("values");
        values.forEach((k, v) -> {
            labels.add(k);
            counts.add(v);
        });
    }

    public static Map<String, Long> byCountDescending(Map<String, Long> values, int limit) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        values.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Every tenth from 0.0-0.1 to 0.9-1.0 (empty ones as 0), then any other key ({@code unknown}). */
    private static Map<String, Long> tenths(Map<String, Long> values) {
        Map<String, Long> all = new LinkedHashMap<>();
        for (int tenth = 0; tenth < 10; tenth++) {
            String bin = RunStatistics.bin((tenth + 0.5) / 10);
            all.put(bin, values.getOrDefault(bin, 0L));
        }
        values.forEach(all::putIfAbsent);
        return values.isEmpty() ? values : all;
    }

    private static Map<String, Long> numeric(Map<String, Long> values) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        values.entrySet().stream().sorted(Comparator.comparingLong(e -> Long.parseLong(e.getKey())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String chartJs() {
        String js = chartJs;
        if (js == null) {
            try (InputStream in = RunReportPage.class.getClassLoader().getResourceAsStream(CHART_JS)) {
                if (in == null) {
                    throw new IllegalStateException("Chart.js is missing from the classpath (" + CHART_JS
                            + "): the exporter depends on org.webjars.npm:chart.js");
                }
                js = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + CHART_JS, e);
            }
            chartJs = js;
        }
        return js;
    }

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{title}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
            h1 { font-size: 1.4rem; }
            table.summary { border-collapse: collapse; margin-bottom: 1rem; }
            table.summary th, table.summary td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; }
            table.summary td:nth-child(3) { color: #666; font-size: .85rem; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 1rem; }
            figure { margin: 0; border: 1px solid #e3e3e3; border-radius: 6px; padding: .6rem; }
            figcaption { font-weight: 600; margin-bottom: .3rem; }
            figure p { color: #666; font-size: .8rem; margin: .3rem 0 0; }
            figure .empty { color: #999; font-style: italic; }
            canvas { max-height: 300px; }
            </style>
            </head>
            <body>
            <h1>{{title}}</h1>
            <table class="summary">
            {{summary}}</table>
            <div class="charts">
            <figure><figcaption>Funnel: tasks entering each stage</figcaption><canvas id="funnel"></canvas>
            <p>Derived from the exported rows and the rejected topic.</p></figure>
            <figure><figcaption>Rejections by stage and reason</figcaption><canvas id="rejections"></canvas>
            <p>Exact: records on the rejected topic.</p></figure>
            <figure><figcaption>Difficulty: candidates' mean pass rate</figcaption><canvas id="difficulty"></canvas>
            <p>Exact; 1.0 is easy.</p></figure>
            <figure><figcaption>Styles</figcaption><canvas id="styles"></canvas><p>Exact.</p></figure>
            <figure><figcaption>Feature-tree categories</figcaption><canvas id="categories"></canvas>
            <p>Exact: uses of features, by the root of their path.</p></figure>
            <figure><figcaption>Most used features</figcaption><canvas id="features"></canvas><p>Exact.</p></figure>
            <figure><figcaption>Tests per task</figcaption><canvas id="testsPerTask"></canvas><p>Exact.</p></figure>
            <figure><figcaption>Tests by origin</figcaption><canvas id="testsByOrigin"></canvas>
            <p>Exact: statement samples, direct inputs, generated inputs.</p></figure>
            <figure><figcaption>Agreement: mean majority share per task</figcaption><canvas id="agreement"></canvas>
            <p>Exact: the share of candidates agreeing with each test's label.</p></figure>
            <figure><figcaption>Tokens per exported task</figcaption><canvas id="cost"></canvas>
            <p id="cost-note"></p></figure>
            <figure><figcaption>Throughput: tasks exported per minute</figcaption><canvas id="throughput"></canvas>
            <p>Exact: by the time each RL record was made.</p></figure>
            </div>
            <script>{{chartjs}}</script>
            <script>
            const data = {{data}};
            const palette = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
              '#9c755f', '#bab0ac'];
            let drawn = 0;
            let pending = 0;
            function chart(id, type, series, options) {
              const canvas = document.getElementById(id);
              if (!series || series.labels.length === 0) {
                const note = document.createElement('div');
                note.className = 'empty';
                note.textContent = 'No data in this run.';
                canvas.replaceWith(note);
                return;
              }
              pending++;
              const round = type === 'pie' || type === 'doughnut';
              new Chart(canvas, {
                type: type,
                data: { labels: series.labels, datasets: [{ label: series.label || 'count', data: series.values,
                  backgroundColor: round ? palette : palette[0] }] },
                options: Object.assign({ animation: false, responsive: true,
                  plugins: { legend: { display: round } } }, options || {}),
                plugins: [{ id: 'drawn', afterRender: (c) => {
                  if (!c.canvas.dataset.drawn) {
                    c.canvas.dataset.drawn = String(c.data.datasets[0].data.length);
                    drawn++;
                    if (drawn === pending) { document.body.dataset.drawn = String(drawn); }
                  }
                } }]
              });
            }
            const horizontal = { indexAxis: 'y' };
            chart('funnel', 'bar', data.funnel);
            chart('rejections', 'bar', data.rejections, horizontal);
            chart('difficulty', 'bar', data.difficulty);
            chart('styles', 'doughnut', data.styles);
            chart('categories', 'bar', data.categories, horizontal);
            chart('features', 'bar', data.features, horizontal);
            chart('testsPerTask', 'bar', data.testsPerTask);
            chart('testsByOrigin', 'doughnut', data.testsByOrigin);
            chart('agreement', 'bar', data.agreement);
            chart('cost', 'bar', data.cost.tasks > 0 ? { labels: data.cost.labels, values: data.cost.values,
              label: 'tokens per task' } : null);
            document.getElementById('cost-note').textContent = data.cost.tasks > 0
              ? 'Sandbox CPU per exported task: ' + data.cost.cpuSeconds.toFixed(2) + ' s, over ' + data.cost.tasks
                + ' tasks that carry a cost.'
              : 'Not known: no exported record of this run carries a cost.';
            chart('throughput', 'bar', data.throughput);
            if (pending === 0) { document.body.dataset.drawn = '0'; }
            </script>
            </body>
            </html>
            """;
}
