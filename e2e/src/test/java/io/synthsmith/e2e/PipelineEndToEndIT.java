package io.synthsmith.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.e2e.harness.Pipeline;
import io.synthsmith.e2e.harness.Quiescence;
import io.synthsmith.e2e.harness.SeedFeed;
import io.synthsmith.e2e.reconcile.DatasetCheck;
import io.synthsmith.e2e.reconcile.GoldenRerun;
import io.synthsmith.e2e.reconcile.Reconciler;
import io.synthsmith.e2e.reconcile.Reconciliation;
import io.synthsmith.e2e.reconcile.TopicReader;
import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.browser.HeadlessChromium;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled example seeds through the whole pipeline: the five services as separate JVMs on a real Kafka broker
 * and a real Infinispan server, the LLM stages answered by the scripted server with the replay script (scripted
 * replies, not a model). Every seed must be accounted for, nothing exported twice, every export record must match
 * its schema, every exported golden solution must pass its exported tests when run again in a sandbox, and one
 * trace must follow each task from the tasks topic to its export records.
 *
 * <p>In the same pipeline, the same seeds run again once per model dialect ({@link Dialect}), each as its own run
 * whose solver model the scripted server answers in that family's shape (examples/dialects/llm-script.json, scripted
 * replies written as each family answers, hazards included), through the dialect preset the solver is configured
 * with for that model. Each dialect run must export at least as many tasks as the plain replay run; the per-stage
 * yields are written to {@code dialect-yields.md} in the run directory and logged.
 */
class PipelineEndToEndIT {

    private static final Logger LOG = Logger.getLogger(PipelineEndToEndIT.class);
    private static final Path HOME = Path.of(System.getProperty("synthsmith.home", "..")).toAbsolutePath().normalize();
    private static final String RUN = "e2e";
    /**
     * The plain replay run's probe model, served by the same scripted server (scripted replies, not a model): a
     * program that is right on small inputs only for Lantern Street Sums, a right one for Courier in the Maze, and
     * prose without code for every other task.
     */
    private static final String PROBE_MODEL = "synthsmith-e2e-probe";
    private static final MessageCodec CODEC = new MessageCodec();

    /** A model family as one endpoint serves it: the run that uses it, its model name and the solver's preset. */
    record Dialect(String run, String model, String preset) {
    }

    static final List<Dialect> DIALECTS = List.of(
            new Dialect("dialect-r1-vllm", "deepseek-ai/DeepSeek-R1-0528", "vllm"),
            new Dialect("dialect-qwen3-think", "Qwen/Qwen3-32B", "vllm"),
            new Dialect("dialect-gpt-oss-vllm", "openai/gpt-oss-120b", "vllm"),
            new Dialect("dialect-openai-o4-mini", "o4-mini", "openai"),
            new Dialect("dialect-instruct", "Qwen/Qwen2.5-Coder-32B-Instruct", "vllm"));

    private static Pipeline pipeline;
    private static Reconciliation outcome;
    private static final Map<String, Reconciliation> byRun = new LinkedHashMap<>();

    @BeforeAll
    static void runTheExampleSeeds() throws Exception {
        Script dialects = Pipeline.script(HOME.resolve("examples/dialects/llm-script.json"), UnaryOperator.identity());
        Script script = Pipeline.script(HOME.resolve("examples/replay/llm-script.json"), plain -> {
            List<ScriptRule> rules = new ArrayList<>(dialects.rules());
            rules.addAll(plain.rules());
            return new Script(rules, plain.latency(), plain.capacity(), plain.overflow(), plain.overflowRetryAfter(),
                    plain.seed(), plain.recordLimit(), plain.streaming());
        });
        String modelDialects = DIALECTS.stream().map(d -> d.model() + "=" + d.preset())
                .collect(Collectors.joining(","));
        pipeline = Pipeline.start(Pipeline.Settings.of(HOME, EmbeddedInfrastructure.freshDirectory("e2e"), script)
                .withServiceEnvironment("solver", Map.of("SYNTHSMITH_SOLVER_LLM_MODEL_DIALECTS", modelDialects)));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> probe = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + pipeline.service("task-evolver").port() + "/runs/" + RUN))
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"probe\": {\"baseUrl\": \"" + pipeline.llm().baseUrl()
                        + "\", \"model\": \"" + PROBE_MODEL + "\", \"attempts\": 2}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode()).as("PUT /runs/%s: %s", RUN, probe.body()).isEqualTo(200);
        for (Dialect dialect : DIALECTS) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + pipeline.service("task-evolver").port() + "/runs/" + dialect.run()))
                    .header("content-type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"models\": {\"solver\": [\"" + dialect.model()
                            + "\"]}}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as("PUT /runs/%s: %s", dialect.run(), put.body()).isEqualTo(200);
        }
        List<String> runs = new ArrayList<>(List.of(RUN));
        DIALECTS.forEach(d -> runs.add(d.run()));
        for (String run : runs) {
            List<ObjectNode> seeds = SeedFeed.from(HOME.resolve("examples/seeds.jsonl"), run, 0);
            if (!run.equals(RUN)) {
                // own ids per run: the reconciler follows seeds by id, so shared ids would hide a run's lost seeds
                seeds.forEach(seed -> seed.put("id", run + "-" + seed.path("id").asText()));
            }
            SeedFeed.produce(pipeline.bootstrapServers(), pipeline.topics(), seeds);
        }
        Reconciler all = new Reconciler(pipeline.bootstrapServers(), pipeline.topics(), pipeline.datasets(),
                Set.copyOf(runs));
        try (Quiescence quiescence = new Quiescence(pipeline.bootstrapServers(), pipeline.datasets(),
                pipeline.consumerGroups())) {
            boolean quiet = quiescence.await(Duration.ofSeconds(8), Duration.ofMinutes(25),
                    () -> all.reconcile().lost() == 0);
            for (String run : runs) {
                byRun.put(run, new Reconciler(pipeline.bootstrapServers(), pipeline.topics(), pipeline.datasets(),
                        Set.of(run)).reconcile());
            }
            outcome = byRun.get(RUN);
            String table = yieldTable();
            Files.writeString(pipeline.dir().resolve("dialect-yields.md"), table);
            LOG.infof("per-stage yields of the plain replay and each dialect run:%n%s", table);
            assertThat(quiet).as("the pipeline went quiet with every seed accounted for; reconciliation: %s",
                    all.reconcile()).isTrue();
        }
    }

    /** Seeds, generation requests, tasks, solved, verified, accepted, exported per run, and its rejections. */
    private static String yieldTable() {
        StringBuilder table = new StringBuilder("| run | model | seeds | requests | tasks | to solver | solved | "
                + "verified | accepted | exported | rejected (stage/reason) |\n| --- | --- | ---: | ---: | ---: | ---: | "
                + "---: | ---: | ---: | ---: | --- |\n");
        byRun.forEach((run, r) -> {
            int preSolve = preSolveRejections(run).size();
            int solver = rejectedAt(r, "solver");
            int verifier = rejectedAt(r, "verifier");
            int dedup = rejectedAt(r, "dedup") - preSolve;
            String model = DIALECTS.stream().filter(d -> d.run().equals(run)).map(Dialect::model).findFirst()
                    .orElse("scripted (plain replay)");
            table.append("| ").append(run).append(" | ").append(model).append(" | ").append(r.seeds()).append(" | ")
                    .append(r.generationRequests()).append(" | ").append(r.tasks()).append(" | ")
                    .append(r.tasks() - preSolve).append(" | ").append(r.tasks() - preSolve - solver).append(" | ")
                    .append(r.tasks() - preSolve - solver - verifier).append(" | ")
                    .append(r.tasks() - preSolve - solver - verifier - dedup).append(" | ").append(r.exported()).append(" | ")
                    .append(r.rejected()).append(" |\n");
        });
        return table.toString();
    }

    /** Task ids of a run that dedup's pre-solve stage rejected, with the task each one copies. */
    private static Map<String, String> preSolveRejections(String run) {
        Map<String, String> copies = new HashMap<>();
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> record : reader.readAll(pipeline.topics().of(Topic.REJECTED))) {
                JsonNode rejection = parse(record);
                if (run.equals(rejection.path("runId").asText()) && "dedup".equals(rejection.path("stage").asText())
                        && "pre-solve".equals(rejection.path("evidence").path("placement").asText())) {
                    copies.put(rejection.path("subjectId").asText(),
                            rejection.path("evidence").path("duplicateOf").asText(null));
                }
            }
        }
        return copies;
    }

    /** Distinct ids of a run's messages on a topic (field {@code id}). */
    private static Set<String> idsOn(Topic topic, String run) {
        Set<String> ids = new java.util.TreeSet<>();
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> record : reader.readAll(pipeline.topics().of(topic))) {
                JsonNode message = parse(record);
                if (run.equals(message.path("runId").asText())) {
                    ids.add(message.path("id").asText());
                }
            }
        }
        return ids;
    }

    @Test
    void duplicatesAreRejectedBeforeTheSolverSeesThem() {
        Set<String> emitted = idsOn(Topic.TASKS, RUN);
        Set<String> toSolver = idsOn(Topic.TASKS_UNIQUE, RUN);
        Map<String, String> rejectedBeforeSolving = preSolveRejections(RUN);
        Set<String> solverOutputs = new java.util.TreeSet<>(idsOn(Topic.SOLVED, RUN));
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> record : reader.readAll(pipeline.topics().of(Topic.REJECTED))) {
                JsonNode rejection = parse(record);
                if (RUN.equals(rejection.path("runId").asText()) && "solver".equals(rejection.path("stage").asText())) {
                    solverOutputs.add(rejection.path("subjectId").asText());
                }
            }
        }
        LOG.infof("dedup before solving (run %s): the evolver emitted %d tasks, %d rejected before solving, the solver"
                + " saw %d (with the pre-solve stage off it would have seen all %d)", RUN, emitted.size(),
                rejectedBeforeSolving.size(), toSolver.size(), emitted.size());
        assertThat(rejectedBeforeSolving).as("duplicates rejected before solving").isNotEmpty();
        assertThat(rejectedBeforeSolving.keySet()).as("rejected before solving are tasks the evolver emitted")
                .isSubsetOf(emitted).doesNotContainAnyElementsOf(toSolver);
        assertThat(rejectedBeforeSolving.values()).as("each names the task it copies, one the solver saw")
                .allSatisfy(original -> assertThat(toSolver).contains(original));
        assertThat(toSolver).as("the solver saw every emitted task but the ones rejected before solving")
                .hasSize(emitted.size() - rejectedBeforeSolving.size())
                .isSubsetOf(emitted);
        assertThat(solverOutputs).as("tasks solved or rejected by the solver: only those it was given")
                .isEqualTo(toSolver);
    }

    private static int rejectedAt(Reconciliation r, String stage) {
        return r.rejected().entrySet().stream().filter(e -> e.getKey().startsWith(stage + "/"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everySeedIsAccountedForAndNothingIsExportedTwice() {
        assertThat(outcome.seeds()).isEqualTo(6);
        assertThat(outcome.generationRequests()).isGreaterThanOrEqualTo(outcome.seeds());
        assertThat(outcome.tasks()).isGreaterThanOrEqualTo(outcome.seeds());
        assertThat(outcome.lost()).as("lost: %s", outcome.lostExamples()).isZero();
        assertThat(outcome.duplicates()).as("duplicates: %s", outcome.duplicateExamples()).isZero();
        assertThat(outcome.conflicting()).isZero();
        assertThat(outcome.exported()).as("tasks exported").isPositive();
        assertThat(outcome.exported() + outcome.rejectedTotal() + outcome.dlq().values().stream().mapToInt(i -> i).sum())
                .as("every task exported, rejected or dead-lettered").isGreaterThanOrEqualTo(outcome.tasks());
        assertThat(outcome.dlq()).as("dead letters of a clean run").isEmpty();
        assertThat(outcome.exportRlRecords()).isEqualTo(outcome.exported());
        assertThat(outcome.fileRows()).containsEntry(RUN + "/rl (parquet)", (long) outcome.exportRlRecords())
                .containsEntry(RUN + "/sft (parquet)", (long) outcome.exportSftRecords());
    }

    @Test
    void eachDialectRunExportsAtLeastAsManyTasksAsThePlainReplay() {
        for (Dialect dialect : DIALECTS) {
            Reconciliation run = byRun.get(dialect.run());
            assertThat(run.seeds()).as("seeds of %s", dialect.run()).isEqualTo(outcome.seeds());
            assertThat(run.lost()).as("lost in %s: %s", dialect.run(), run.lostExamples()).isZero();
            assertThat(run.duplicates()).as("duplicates in %s", dialect.run()).isZero();
            assertThat(run.exported()).as("tasks exported by %s (%s) against %d by the plain replay; rejected: %s",
                    dialect.run(), dialect.model(), outcome.exported(), run.rejected())
                    .isGreaterThanOrEqualTo(outcome.exported());
        }
    }

    @Test
    void exportRecordsMatchTheirSchemas() {
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (Map.Entry<Topic, MessageType> entry : Map.of(Topic.EXPORT_SFT, MessageType.EXPORT_SFT,
                    Topic.EXPORT_RL, MessageType.EXPORT_RL).entrySet()) {
                Topic topic = entry.getKey();
                List<ConsumerRecord<String, byte[]>> records = reader.readAll(pipeline.topics().of(topic));
                assertThat(records).as(topic.baseName()).isNotEmpty();
                for (ConsumerRecord<String, byte[]> record : records) {
                    JsonNode node = parse(record);
                    assertThat(CODEC.validate(entry.getValue(), node)).as("%s record %s", topic.baseName(), record.key())
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void exportedGoldenSolutionsPassTheirExportedTestsWhenRunAgain() {
        Map<String, JsonNode> goldenByTask = new HashMap<>();
        List<JsonNode> rl;
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            reader.readAll(pipeline.topics().of(Topic.EXPORT_SFT)).stream().map(PipelineEndToEndIT::parse)
                    .filter(sft -> sft.path("golden").asBoolean())
                    .forEach(sft -> goldenByTask.put(sft.path("taskId").asText(), sft));
            rl = reader.readAll(pipeline.topics().of(Topic.EXPORT_RL)).stream().map(PipelineEndToEndIT::parse).toList();
        }
        assertThat(rl).isNotEmpty();
        for (JsonNode task : rl) {
            if (!RUN.equals(task.path("extra_info").path("run_id").asText(RUN))) {
                continue;   // dialect answers carry other fences beside the code; the verifier already ran them
            }
            String taskId = task.path("extra_info").path("task_id").asText();
            JsonNode golden = goldenByTask.get(taskId);
            assertThat(golden).as("the golden SFT record of task %s", taskId).isNotNull();
            String answer = golden.hasNonNull("response") ? golden.path("response").asText()
                    : golden.path("messages").get(golden.path("messages").size() - 1).path("content").asText();
            String[] code = GoldenRerun.lastCodeBlock(answer).orElseThrow(
                    () -> new AssertionError("no code block in the golden answer of " + taskId));
            assertThat(code[0]).as("language of the golden answer of %s", taskId).isIn("python", "python3", "py");
            List<GoldenRerun.Failure> failures = GoldenRerun.run(code[1],
                    task.path("reward_model").path("ground_truth").asText(), pipeline.dir().resolve("rerun").resolve(taskId));
            assertThat(failures).as("tests of task %s failed by its golden code", taskId).isEmpty();
        }
    }

    @Test
    void everyExportedTaskCarriesItsCostAndTheRunReportDrawsEveryChartInABrowser() throws Exception {
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            List<JsonNode> rl = reader.readAll(pipeline.topics().of(Topic.EXPORT_RL)).stream()
                    .map(PipelineEndToEndIT::parse).toList();
            assertThat(rl).isNotEmpty().allSatisfy(task -> {
                JsonNode cost = task.path("extra_info").path("cost");
                assertThat(cost.path("prompt_tokens").asLong()).as("prompt tokens of %s", task.path("id")).isPositive();
                assertThat(cost.path("completion_tokens").asLong()).isPositive();
                assertThat(cost.path("sandbox_cpu_seconds").asDouble()).isPositive();
                assertThat(task.path("extra_info").path("tests_by_origin").size()).isPositive();
            });
        }
        Path report = pipeline.datasets().resolve(RUN).resolve("report.html");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("<tr><th>Exported tasks (RL rows)</th><td>"
                + outcome.exportRlRecords() + "</td>");
        var browser = HeadlessChromium.find();
        assertThat(browser).as("chromium (apt-get install chromium; .ci/run installs it)").isPresent();
        HeadlessChromium.Rendered page = browser.get().render(report, 10_000);
        assertThat(page.errors()).as("console errors of the report").isEmpty();
        assertThat(page.canvases()).extracting(HeadlessChromium.Rendered.Canvas::id).contains("funnel", "difficulty",
                "styles", "categories", "features", "testsPerTask", "testsByOrigin", "agreement", "cost",
                "throughput");
        assertThat(page.canvases()).allSatisfy(canvas -> assertThat(canvas.drawn())
                .as("data points drawn in chart %s", canvas.id()).isNotNull().matches("[1-9][0-9]*"));
        assertThat(page.bodyAttribute("data-drawn")).isEqualTo(Integer.toString(page.canvases().size()));
        browser.get().screenshot(report, Path.of("target/report-screenshots/e2e-report.png"), 1400, 2700, 10_000);
    }

    @Test
    void theDatasetFilesPassTheirOwnTestsAsTheLaunchersCheckReadsThem() {
        DatasetCheck.RunCheck check = new DatasetCheck(pipeline.datasets(), pipeline.dir().resolve("check")).check(RUN);
        assertThat(check.outcomes()).as("tasks in the RL files of run %s", RUN).isNotEmpty();
        assertThat(check.outcomes()).allSatisfy(outcome -> assertThat(outcome)
                .as("task %s, re-run from the files", outcome.taskId()).isInstanceOf(DatasetCheck.Outcome.Passed.class));
    }

    /**
     * The plain replay run has a probe: its RL rows are split by the probe's pass rate (too easy, useful, too hard),
     * keep both rates, and the card says whose difficulty it is and names exactly the splits that have files.
     */
    @Test
    void theProbeSplitsThePlainRunsRlRowsAndTheCardNamesOnlyTheSplitsThatExist() throws Exception {
        Map<String, String> splitByTitle = new HashMap<>();
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> record : reader.readAll(pipeline.topics().of(Topic.EXPORT_RL))) {
                JsonNode info = parse(record).path("extra_info");
                if (!RUN.equals(info.path("run_id").asText())) {
                    assertThat(info.path("difficulty_by").asText()).as("split of a run without probe")
                            .isEqualTo("solver");
                    assertThat(info.path("split").asText()).isIn("main", "easy");
                    continue;
                }
                assertThat(info.path("difficulty_by").asText()).isEqualTo("probe");
                assertThat(info.path("probe_model").asText()).isEqualTo(PROBE_MODEL);
                assertThat(info.path("probe_attempts").asInt()).isEqualTo(2);
                assertThat(info.path("difficulty").isNumber()).as("the candidates' rate is kept").isTrue();
                double rate = info.path("probe_difficulty").asDouble();
                String prompt = parse(record).path("prompt").get(0).path("content").asText();
                String title = prompt.contains("lanterns") ? "lantern" : prompt.contains("courier") ? "courier"
                        : "other";
                String split = info.path("split").asText();
                assertThat(split).as("split of a task with probe pass rate %s", rate)
                        .isEqualTo(rate >= 1.0 ? "easy" : rate <= 0.0 ? "hard" : "main");
                splitByTitle.merge(title, split, (a, b) -> a.equals(b) ? a : a + "," + b);
            }
        }
        assertThat(splitByTitle).as("splits of the plain run's tasks by title").containsEntry("lantern", "main")
                .containsEntry("courier", "easy").containsEntry("other", "hard");

        Path run = pipeline.datasets().resolve(RUN);
        String card = Files.readString(run.resolve("README.md"));
        assertThat(card).contains("Difficulty is measured against the probe model `" + PROBE_MODEL + "`")
                .doesNotContain("Difficulty is the solver's");
        String front = card.substring(0, card.indexOf("\n---\n", 4));
        for (String split : List.of("main", "easy", "hard")) {
            assertThat(front).as("the card's data_files for rl/%s", split).contains("path: rl/" + split + "/*.parquet");
        }
        java.util.regex.Matcher globs = java.util.regex.Pattern.compile("(?:path: |DATASET \\+ \"/)(rl/[a-z]+/\\*\\.parquet)")
                .matcher(card);
        int named = 0;
        while (globs.find()) {
            named++;
            Path directory = run.resolve(globs.group(1)).getParent();
            try (var files = Files.list(directory)) {
                assertThat(files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet")))
                        .as("files for the card's %s", globs.group(1)).isTrue();
            }
        }
        assertThat(named).as("RL paths and globs the card names").isGreaterThanOrEqualTo(6);
    }

    /**
     * verl_reward.py, shipped beside the run's files, called as verl's custom_reward_function calls it on every RL
     * row: the golden SFT answer of the task scores 1.0, an answer whose code prints or returns a wrong value 0.0.
     */
    @Test
    void everyRlRowsGoldenScoresOneAndABrokenSolutionZeroUnderTheShippedRewardFunction() throws Exception {
        Path run = pipeline.datasets().resolve(RUN);
        Map<String, String> golden = new HashMap<>();
        List<String> calls = new ArrayList<>();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duckdb.createStatement()) {
            try (ResultSet rows = sql.executeQuery("SELECT task_id, messages[len(messages)].content AS answer FROM "
                    + "read_parquet('" + run.resolve("sft") + "/*.parquet') WHERE golden")) {
                while (rows.next()) {
                    golden.put(rows.getString("task_id"), rows.getString("answer"));
                }
            }
            try (ResultSet rows = sql.executeQuery("SELECT data_source, reward_model.ground_truth AS truth, "
                    + "extra_info.task_id AS task_id, to_json(extra_info) AS extra FROM read_parquet('"
                    + run.resolve("rl") + "/*/*.parquet')")) {
                while (rows.next()) {
                    String taskId = rows.getString("task_id");
                    assertThat(golden).as("golden SFT answer of task %s", taskId).containsKey(taskId);
                    for (String answer : List.of(golden.get(taskId), brokenAnswer(CODEC.mapper().readTree(rows.getString("truth"))))) {
                        calls.add(CODEC.mapper().writeValueAsString(Map.of("data_source", rows.getString("data_source"),
                                "solution_str", answer, "ground_truth", rows.getString("truth"),
                                "extra_info", CODEC.mapper().readTree(rows.getString("extra")))));
                    }
                }
            }
        }
        assertThat(calls).as("calls for the RL rows of run %s", RUN).isNotEmpty();
        Path driver = pipeline.dir().resolve("verl_calls.py");
        try (var in = PipelineEndToEndIT.class.getResourceAsStream("/verl/verl_calls.py")) {
            Files.write(driver, in.readAllBytes());
        }
        Process python = new ProcessBuilder("/usr/bin/python3", driver.toString(), run.resolve("verl_reward.py").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (var stdin = python.getOutputStream()) {
            stdin.write((String.join("\n", calls) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> scores = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().lines().toList();
        assertThat(python.waitFor()).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < calls.size() / 2; i++) {
            expected.addAll(List.of("1.0", "0.0"));
        }
        assertThat(scores).as("scores of (golden, broken) per RL row").isEqualTo(expected);
    }

    /** An answer whose code runs and prints (or returns) something no test expects. */
    private static String brokenAnswer(JsonNode truth) {
        boolean cpp = "cpp".equals(truth.path("language").asText());
        JsonNode signature = truth.path("signature");
        String code;
        if (signature.isMissingNode() || signature.isNull()) {
            code = cpp ? "#include <cstdio>\nint main() { std::puts(\"synthsmith-broken\"); }"
                    : "print('synthsmith-broken')";
        } else {
            String className = signature.path("className").asText("Solution");
            String method = signature.path("methodName").asText();
            code = cpp ? "class " + className + " {};" // no such method: does not compile
                    : "class " + className + ":\n    def " + method + "(self, *args):\n        return 'synthsmith-broken'";
        }
        return "<think>\nA guess.\n</think>\n\n```" + (cpp ? "cpp" : "python") + "\n" + code + "\n```\n";
    }

    @Test
    void oneTraceFollowsEachTaskFromTheTasksTopicToItsExport() {
        Map<String, String> traceOfTask = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> exports;
        try (TopicReader reader = new TopicReader(pipeline.bootstrapServers())) {
            for (ConsumerRecord<String, byte[]> task : reader.readAll(pipeline.topics().of(Topic.TASKS))) {
                traceOfTask.put(parse(task).path("id").asText(), traceId(task));
            }
            exports = reader.readAll(pipeline.topics().of(Topic.EXPORT_RL));
        }
        assertThat(exports).isNotEmpty();
        for (ConsumerRecord<String, byte[]> export : exports) {
            String taskId = parse(export).path("extra_info").path("task_id").asText();
            assertThat(traceOfTask.get(taskId)).as("trace id of task %s on the tasks topic", taskId).isNotNull();
            assertThat(traceId(export)).as("trace id of the export of task %s", taskId).isEqualTo(traceOfTask.get(taskId));
        }
    }

    private static String traceId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        if (header == null) {
            return null;
        }
        String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("-");
        return parts.length == 4 ? parts[1] : null;
    }

    private static JsonNode parse(ConsumerRecord<String, byte[]> record) {
        try {
            return CODEC.parse(record.value());
        } catch (Exception e) {
            throw new AssertionError("not JSON on " + record.topic() + ": " + e.getMessage(), e);
        }
    }
}
