package io.synthsmith.exporter.files;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.fixtures.ParquetRows;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.rl.RlRecords;
import io.synthsmith.exporter.rl.VerlReward;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.exporter.stream.TaskExport;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.topics.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset files on a real file system, read back with parquet-java (not the DuckDB writer): exact rows, the
 * documented schema, manifest checksums, the dataset card, and exactly-once rows after a crash.
 */
class DatasetFilesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String SFT = "synthsmith.export.sft-0";
    private static final String RL = "synthsmith.export.rl-0";
    private static final String REJECTED = "synthsmith.rejected-0";

    private final AcceptedTasks tasks = new AcceptedTasks();
    private final PromptWriter prompts = new PromptWriter("{statement}", "{statement}\n{signature}");
    private final TaskExport export = new TaskExport(new SftRecords(prompts),
            new RlRecords(prompts, "synthsmith/{runId}", "code", tasks.codec().mapper()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @TempDir
    Path root;

    /** A record as read from an input partition. */
    record Read(String partition, long offset, Envelope record, List<String> formats) {
    }

    @Test
    void shardsHoldExactlyTheRecordsWithTheDocumentedSchemaAndTheManifestAndCardDescribeThem() throws Exception {
        List<Read> reads = stream("run-a", 5, "{\"fileFormats\": [\"parquet\", \"jsonl\"]}", true);
        DatasetFiles files = files(2);

        reads.forEach(r -> files.accept(r.partition(), r.offset(), r.record(), r.formats()));
        files.closeAll(Map.of());

        Path run = root.resolve("run-a");
        List<Map<String, Object>> sft = rowsOf(run.resolve("sft"));
        assertThat(sft).extracting(r -> r.get("task_id")).containsExactlyInAnyOrder(
                "task-a-0", "task-a-1", "task-a-2", "task-a-3", "task-a-4");
        ExportSft first = (ExportSft) reads.get(0).record();
        Map<String, Object> row = sft.stream().filter(r -> r.get("id").equals(first.id())).findFirst().orElseThrow();
        assertThat(row.get("golden")).isEqualTo(true);
        assertThat(row.get("style")).isEqualTo("codeforces");
        assertThat(row.get("messages")).isEqualTo(List.of(
                Map.of("role", "user", "content", first.messages().get(0).content()),
                Map.of("role", "assistant", "content", first.messages().get(1).content())));
        assertThat(row.get("seed_ids")).isEqualTo(first.lineage().seedIds());

        List<Map<String, Object>> rl = rowsOf(run.resolve("rl/main"));
        assertThat(rl).hasSize(4);
        assertThat(rowsOf(run.resolve("rl/easy"))).hasSize(1);
        @SuppressWarnings("unchecked")
        Map<String, Object> reward = (Map<String, Object>) rl.get(0).get("reward_model");
        assertThat(reward.get("style")).isEqualTo("rule");
        JsonNode truth = tasks.codec().mapper().readTree((String) reward.get("ground_truth"));
        assertThat(truth.get("inputs").size()).isEqualTo(4);

        assertThat(columns(ParquetRows.schema(shardsOf(run.resolve("sft"), ".parquet").get(0)))).containsExactly(
                "id=BINARY STRING", "run_id=BINARY STRING", "task_id=BINARY STRING", "candidate_id=BINARY STRING",
                "golden=BOOLEAN", "style=BINARY STRING", "language=BINARY STRING", "messages=LIST",
                "seed_ids=LIST", "feature_paths=LIST", "reasoning_chars=INT32 INTEGER(32,true)",
                "reasoning_hidden=BOOLEAN",
                "cost=STRUCT", "created_at=BINARY STRING");
        assertThat(row.get("reasoning_chars")).isEqualTo(first.reasoningChars()).isNotNull();
        assertThat(row.get("reasoning_hidden")).isEqualTo(false);
        assertThat(columns(ParquetRows.schema(shardsOf(run.resolve("rl/main"), ".parquet").get(0)))).containsExactly(
                "id=BINARY STRING", "data_source=BINARY STRING", "prompt=LIST", "ability=BINARY STRING",
                "reward_model=STRUCT", "extra_info=STRUCT", "created_at=BINARY STRING");

        Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class);
        assertThat(manifest.shards()).allSatisfy(shard -> {
            Path file = run.resolve(shard.path());
            assertThat(ShardWriter.sha256(file)).isEqualTo(shard.sha256());
            assertThat(Files.size(file)).isEqualTo(shard.bytes());
        });
        assertThat(manifest.shards()).filteredOn(s -> s.format().equals("parquet")).extracting(Manifest.Shard::rows)
                .containsExactlyInAnyOrder(2L, 2L, 1L, 2L, 2L, 1L);
        assertThat(manifest.counts().sftRows()).isEqualTo(5);
        assertThat(manifest.counts().rlBySplit()).containsExactlyInAnyOrderEntriesOf(Map.of("main", 4L, "easy", 1L));
        assertThat(manifest.counts().tasksByStyle()).containsExactlyInAnyOrderEntriesOf(Map.of("codeforces", 5L));
        assertThat(manifest.counts().rejections()).containsExactlyInAnyOrderEntriesOf(
                Map.of("verifier/no_consensus", 2L));
        assertThat(manifest.fileSchemaVersion()).isEqualTo(2);
        assertThat(manifest.counts().difficultyBy()).containsExactlyInAnyOrderEntriesOf(Map.of("solver", 5L));
        String card = Files.readString(run.resolve("README.md"));
        assertThat(card).startsWith("---\n").contains("license: unknown\n", "config_name: sft", "path: sft/*.parquet",
                "path: rl/easy/*.parquet", "| verifier/no_consensus | 2 |", "| codeforces | 5 |", "| medium | 5 |");
        List<JsonNode> jsonl = new ArrayList<>();
        for (Path shard : shardsOf(run.resolve("sft"), ".jsonl")) {
            for (String line : Files.readAllLines(shard)) {
                jsonl.add(tasks.codec().mapper().readTree(line));
            }
        }
        assertThat(jsonl).extracting(n -> n.get("task_id").asText()).containsExactlyInAnyOrder(
                "task-a-0", "task-a-1", "task-a-2", "task-a-3", "task-a-4");
    }

    @Test
    void theCardNamesOnlySplitsThatExistItsGlobsMatchTheFilesAndTheRewardFunctionIsBesideThem() throws Exception {
        DatasetFiles files = files(2);
        // Every task solved by every candidate: the run has SFT rows and an RL easy split, no RL main split.
        for (int i = 0; i < 3; i++) {
            accept(files, tasks.example().run("run-e").id("task-e-" + i).export("{\"license\": \"cc-by-4.0\"}")
                    .solvedByAll().build(), i);
        }
        files.closeAll(Map.of());

        Path run = root.resolve("run-e");
        String card = Files.readString(run.resolve("README.md"));
        Map<String, Map<String, String>> configs = DatasetCardConfigs.parse(card);
        assertThat(configs).containsOnlyKeys("sft", "rl");
        assertThat(configs.get("sft")).containsOnlyKeys("train");
        assertThat(configs.get("rl")).as("splits of config rl").containsOnlyKeys("easy");
        assertCardPathsMatchFiles(run, card, configs);
        assertThat(card).contains("license: cc-by-4.0\n", "| rl | easy | `rl/easy` | 3 | 2 |")
                .doesNotContain("rl/main").contains("Difficulty is the solver's")
                .contains("custom_reward_function.path=$DATASET/verl_reward.py",
                        "custom_reward_function.name=compute_score",
                        "data.train_files=[$DATASET/rl/easy/part-00000.parquet,$DATASET/rl/easy/part-00001.parquet]");
        assertThat(Files.readAllBytes(run.resolve("verl_reward.py"))).isEqualTo(VerlReward.source());
        assertThat(tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class).license())
                .isEqualTo("cc-by-4.0");
    }

    @Test
    void aProbeSplitsTheRlRowsIntoEasyUsefulAndHardAndTheCardSaysWhoseDifficultyItIs() throws Exception {
        DatasetFiles files = files(10);
        // Every candidate solved every task: without the probe all would be easy.
        double[] probeRates = {1.0, 0.5, 0.25, 0.0};
        for (int i = 0; i < probeRates.length; i++) {
            Accepted accepted = tasks.example().run("run-p").id("task-p-" + i).export("{}").solvedByAll()
                    .probe("base-7b", probeRates[i], 4, probeRates[i] == 1.0 ? 4 : 0).hiddenReasoning().build();
            accept(files, accepted, i);
        }
        files.closeAll(Map.of());

        Path run = root.resolve("run-p");
        assertThat(rowsOf(run.resolve("rl/easy"))).extracting(r -> extra(r).get("task_id")).containsExactly("task-p-0");
        assertThat(rowsOf(run.resolve("rl/main"))).extracting(r -> extra(r).get("task_id"))
                .containsExactlyInAnyOrder("task-p-1", "task-p-2");
        List<Map<String, Object>> hard = rowsOf(run.resolve("rl/hard"));
        assertThat(hard).extracting(r -> extra(r).get("task_id")).containsExactly("task-p-3");
        double candidates = tasks.example().build().verified().difficulty().meanPassRate();
        assertThat(extra(hard.get(0))).containsEntry("difficulty", candidates).containsEntry("probe_difficulty", 0.0)
                .containsEntry("probe_model", "base-7b").containsEntry("probe_attempts", 4)
                .containsEntry("probe_solved_attempts", 0).containsEntry("difficulty_by", "probe")
                .containsEntry("split", "hard");
        assertThat(rowsOf(run.resolve("sft"))).hasSize(4).allSatisfy(row -> {
            assertThat(row.get("reasoning_hidden")).isEqualTo(true);
            assertThat(row.get("reasoning_chars")).isEqualTo(0);
        });

        String card = Files.readString(run.resolve("README.md"));
        Map<String, Map<String, String>> configs = DatasetCardConfigs.parse(card);
        assertThat(configs.get("rl")).containsOnlyKeys("train", "easy", "hard");
        assertCardPathsMatchFiles(run, card, configs);
        assertThat(card).contains("| rl | train | `rl/main` | 2 | 1 |", "| rl | hard | `rl/hard` | 1 | 1 |",
                        "Difficulty is measured against the probe model `base-7b`", "| probe:base-7b | 4 |")
                .doesNotContain("Difficulty is the solver's");
        Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class);
        assertThat(manifest.counts().difficultyBy()).containsExactlyInAnyOrderEntriesOf(Map.of("probe:base-7b", 4L));
    }

    @Test
    void whenTheProbeFindsEveryTaskTooHardTheCardNamesOnlyTheHardSplit() throws Exception {
        DatasetFiles files = files(10);
        for (int i = 0; i < 2; i++) {
            accept(files, tasks.example().run("run-h").id("task-h-" + i).export("{}").probe("base-7b", 0.0, 4, 0)
                    .build(), i);
        }
        files.closeAll(Map.of());

        Path run = root.resolve("run-h");
        String card = Files.readString(run.resolve("README.md"));
        Map<String, Map<String, String>> configs = DatasetCardConfigs.parse(card);
        assertThat(configs.get("rl")).containsOnlyKeys("hard");
        assertCardPathsMatchFiles(run, card, configs);
        assertThat(card).doesNotContain("rl/main", "rl/easy", "RL split `train`", "RL split `easy`");
    }

    private void accept(DatasetFiles files, Accepted accepted, long offset) {
        for (TaskExport.Output output : export.of(accepted)) {
            files.accept(output.topic() == Topic.EXPORT_SFT ? SFT : RL, offset, output.message(),
                    output.fileFormats(), output.license());
        }
    }

    /** Every data_files path of the card's configs and every glob its snippets load matches a file. */
    private static void assertCardPathsMatchFiles(Path run, String card, Map<String, Map<String, String>> configs)
            throws IOException {
        for (var config : configs.entrySet()) {
            for (var split : config.getValue().entrySet()) {
                assertThat(matching(run, split.getValue())).as("files matching data_files %s of %s/%s",
                        split.getValue(), config.getKey(), split.getKey()).isNotEmpty();
            }
        }
        List<String> globs = DatasetCardConfigs.snippetGlobs(card);
        assertThat(globs).isNotEmpty();
        for (String glob : globs) {
            assertThat(matching(run, glob)).as("files matching the snippet's %s", glob).isNotEmpty();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> extra(Map<String, Object> row) {
        return (Map<String, Object>) row.get("extra_info");
    }

    @Test
    void aLicenceThatIsNotALicenceIdCannotBreakTheCardsYaml() {
        Manifest empty = Manifest.empty("run-l");
        Manifest odd = new Manifest(empty.schema(), empty.runId(), empty.fileSchemaVersion(), empty.recordSchemas(),
                null, List.of(), empty.counts(), Map.of(), null, "mit\nconfigs: injected");

        assertThat(DatasetCard.render(odd)).contains("license: other\n").doesNotContain("injected");
        assertThat(DatasetCard.render(empty)).contains("license: unknown\n", "| (none yet) |");
    }

    private static List<Path> matching(Path run, String glob) throws IOException {
        var matcher = run.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> all = Files.walk(run)) {
            return all.filter(Files::isRegularFile).filter(f -> matcher.matches(run.relativize(f))).toList();
        }
    }

    @Test
    void afterACrashTheFilesHoldEveryRecordExactlyOnce() throws Exception {
        List<Read> reads = stream("run-b", 12, "{}", true);
        DatasetFiles crashing = files(3);
        Map<String, Long> positions = new HashMap<>();
        int half = reads.size() / 2;
        for (int i = 0; i < reads.size(); i++) {
            Read read = reads.get(i);
            crashing.accept(read.partition(), read.offset(), read.record(), read.formats());
            positions.put(read.partition(), read.offset() + 1);
            if (i == half) {
                crashing.tick(positions);
            }
        }
        // The crash: no closeAll. A shard renamed just before the crash but never listed in the manifest:
        Path orphan = root.resolve("run-b/sft/part-00099.parquet");
        Files.copy(shardsOf(root.resolve("run-b/sft"), ".parquet").get(0), orphan);

        DatasetFiles restarted = files(3);
        Map<String, Long> checkpoint = restarted.checkpoint();
        assertThat(checkpoint).isNotEmpty();
        for (Read read : reads) {
            if (read.offset() >= checkpoint.getOrDefault(read.partition(), 0L)) {
                restarted.accept(read.partition(), read.offset(), read.record(), read.formats());
            }
        }
        restarted.closeAll(Map.of());

        Path run = root.resolve("run-b");
        assertThat(orphan).doesNotExist();
        List<Object> sftIds = rowsOf(run.resolve("sft")).stream().map(r -> r.get("task_id")).toList();
        List<Object> rlIds = Stream.concat(rowsOf(run.resolve("rl/main")).stream(),
                rowsOf(run.resolve("rl/easy")).stream()).map(r -> r.get("id")).toList();
        assertThat(sftIds).hasSize(12).doesNotHaveDuplicates();
        assertThat(rlIds).hasSize(12).doesNotHaveDuplicates();
        Manifest manifest = tasks.codec().mapper().readValue(run.resolve("manifest.json").toFile(), Manifest.class);
        assertThat(manifest.counts().sftRows()).isEqualTo(12);
        assertThat(manifest.counts().rlRows()).isEqualTo(12);
        assertThat(manifest.counts().rejections()).containsExactlyInAnyOrderEntriesOf(
                Map.of("verifier/no_consensus", 4L));
        try (Stream<Path> all = Files.walk(run)) {
            assertThat(all.filter(p -> p.getFileName().toString().startsWith(".")).toList()).isEmpty();
        }
    }

    @Test
    void theReportCountsClosedAndPendingRows() {
        DatasetFiles files = files(100);
        for (Read read : stream("run-c", 3, "{}", false)) {
            files.accept(read.partition(), read.offset(), read.record(), read.formats());
        }

        DatasetFiles.RunReport report = files.report("run-c").orElseThrow();
        assertThat(report.files().sftRows()).isZero();
        assertThat(report.pendingRows()).containsEntry("sft", 3L).containsEntry("rl_main", 2L)
                .containsEntry("rl_easy", 1L);
        assertThat(files.report("run-unknown")).isEmpty();

        files.closeAll(Map.of());
        assertThat(files.report("run-c").orElseThrow().files().sftRows()).isEqualTo(3);
    }

    private DatasetFiles files(int shardRows) {
        return new DatasetFiles(root, new ShardWriter(1000, "256MB"), tasks.codec().mapper(), shardRows,
                Duration.ofHours(1), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * The records of {@code count} tasks of a run as the writer reads them: SFT, RL and (for tasks 0, 3, 6...,
     * when {@code rejections}) a rejection, each topic its own partition, offsets counting up. Task 2 is easy.
     */
    private List<Read> stream(String runId, int count, String exportJson, boolean rejections) {
        List<Read> reads = new ArrayList<>();
        Map<String, Long> next = new HashMap<>();
        String letter = runId.substring(runId.length() - 1);
        for (int i = 0; i < count; i++) {
            AcceptedTasks.Variant variant = tasks.example().run(runId).id("task-" + letter + "-" + i)
                    .export(exportJson);
            if (i == 2) {
                variant.solvedByAll();
            }
            Accepted accepted = variant.build();
            for (TaskExport.Output output : export.of(accepted)) {
                String partition = output.topic() == Topic.EXPORT_SFT ? SFT : RL;
                reads.add(new Read(partition, next.merge(partition, 1L, Long::sum) - 1, output.message(),
                        output.fileFormats()));
            }
            if (rejections && i % 3 == 0) {
                Rejected rejection = Rejections.of("verifier", Rejected.Reason.NO_CONSENSUS, "no majority",
                        accepted, Map.of(), NOW);
                reads.add(new Read(REJECTED, next.merge(REJECTED, 1L, Long::sum) - 1, rejection, List.of()));
            }
        }
        return reads;
    }

    private static List<Map<String, Object>> rowsOf(Path directory) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Path shard : shardsOf(directory, ".parquet")) {
            rows.addAll(ParquetRows.read(shard));
        }
        return rows;
    }

    private static List<Path> shardsOf(Path directory, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)
                    && !f.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static List<String> columns(MessageType schema) {
        return schema.getFields().stream().map((Type t) -> t.getName() + "=" + ParquetRows.describe(t)).toList();
    }
}
