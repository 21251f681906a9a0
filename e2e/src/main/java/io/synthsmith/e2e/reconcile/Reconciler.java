package io.synthsmith.e2e.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Accounts for every piece of work the pipeline was given, from what is on the topics and in the dataset files:
 * each seed must have become generation requests (or been rejected or dead-lettered), each generation request a
 * task (or a rejection, or a dead letter), and each task an export (or a rejection, or a dead letter). Work that
 * ended nowhere is {@code lost}; a task exported more than once, on the export streams or in the files, is a
 * {@code duplicate}. Only records of the given runs are counted (all runs when none are given).
 */
public final class Reconciler {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    private final TopicNames topics;
    private final Path datasets;
    private final Set<String> runs;

    public Reconciler(String bootstrapServers, TopicNames topics, Path datasets, Set<String> runs) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.datasets = datasets;
        this.runs = Set.copyOf(runs);
    }

    /** Reads the topics and files now, a record at a time: only ids are kept. */
    public Reconciliation reconcile() {
        Set<String> seeds = new LinkedHashSet<>();
        Map<String, String> requestSeed = new HashMap<>();
        Map<String, String> taskRequest = new HashMap<>();
        Set<String> rejectedIds = new HashSet<>();
        Map<String, Set<String>> rejectedByReason = new TreeMap<>();
        Map<String, Integer> rlPerTask = new HashMap<>();
        Map<String, Integer> sftPerId = new HashMap<>();
        Set<String> sftTasks = new HashSet<>();
        int[] exportRecords = {0, 0};
        Map<String, Integer> deadLetters = new TreeMap<>();
        Set<String> deadLetteredIds = new HashSet<>();
        try (TopicReader reader = new TopicReader(bootstrapServers)) {
            each(reader, Topic.SEEDS, seed -> seeds.add(seed.path("id").asText()));
            each(reader, Topic.GENERATION_REQUESTS,
                    request -> requestSeed.put(request.path("id").asText(), request.path("seedId").asText(null)));
            each(reader, Topic.TASKS, task -> taskRequest.put(task.path("id").asText(), task.path("requestId").asText(null)));
            each(reader, Topic.REJECTED, rejection -> {
                rejectedIds.addAll(idsOf(rejection));
                String subject = rejection.path("subjectId").asText(rejection.path("id").asText());
                rejectedByReason.computeIfAbsent(rejection.path("stage").asText() + "/"
                        + rejection.path("reason").asText(), reason -> new HashSet<>()).add(subject);
            });
            each(reader, Topic.EXPORT_SFT, sft -> {
                exportRecords[0]++;
                sftPerId.merge(sft.path("id").asText(), 1, Integer::sum);
                sftTasks.add(sft.path("taskId").asText());
            });
            each(reader, Topic.EXPORT_RL, rl -> {
                exportRecords[1]++;
                rlPerTask.merge(rl.path("extra_info").path("task_id").asText(), 1, Integer::sum);
            });
            for (Topic topic : Topic.values()) {
                if (!topic.hasDeadLetterTopic()) {
                    continue;
                }
                int[] counted = {0};
                reader.forEach(topics.deadLetterOf(topic), letter -> {
                    JsonNode original = json(letter);
                    if (original != null && !inRuns(original)) {
                        return;
                    }
                    counted[0]++;
                    if (original != null) {
                        deadLetteredIds.addAll(idsOf(original));
                    }
                });
                if (counted[0] > 0) {
                    deadLetters.put(topics.deadLetterOf(topic), counted[0]);
                }
            }
        }
        Set<String> exported = new HashSet<>(rlPerTask.keySet());
        exported.addAll(sftTasks);

        Set<String> seedsWithRequests = new HashSet<>(requestSeed.values());
        Set<String> requestsWithTasks = new HashSet<>(taskRequest.values());
        Predicate<String> ended = id -> rejectedIds.contains(id) || deadLetteredIds.contains(id);
        List<String> lost = new ArrayList<>();
        seeds.stream().filter(seed -> !seedsWithRequests.contains(seed) && !ended.test(seed))
                .map(seed -> "seed " + seed).forEach(lost::add);
        requestSeed.keySet().stream().filter(request -> !requestsWithTasks.contains(request) && !ended.test(request))
                .map(request -> "generation request " + request).forEach(lost::add);
        taskRequest.keySet().stream().filter(task -> !exported.contains(task) && !ended.test(task))
                .map(task -> "task " + task).forEach(lost::add);
        List<String> conflicting = exported.stream().filter(rejectedIds::contains).map(task -> "task " + task).toList();

        Map<String, Integer> streamDuplicates = new TreeMap<>();
        rlPerTask.forEach((task, count) -> {
            if (count > 1) {
                streamDuplicates.put(topics.of(Topic.EXPORT_RL) + " " + task, count);
            }
        });
        sftPerId.forEach((id, count) -> {
            if (count > 1) {
                streamDuplicates.put(topics.of(Topic.EXPORT_SFT) + " " + id, count);
            }
        });
        DatasetRows files = DatasetRows.read(datasets);

        Map<String, Integer> rejected = new TreeMap<>();
        rejectedByReason.forEach((reason, subjects) -> rejected.put(reason, subjects.size()));
        return new Reconciliation(seeds.size(), requestSeed.size(), taskRequest.size(), exported.size(),
                exportRecords[0], exportRecords[1], files.rows(), rejected,
                deadLetters, lost.size(), lost.stream().sorted().limit(20).toList(),
                streamDuplicates.size() + files.duplicates().size(),
                Stream.concat(streamDuplicates.keySet().stream(), files.duplicates().stream()).limit(20).toList(),
                conflicting.size());
    }

    /**
     * Records written more than once per topic between the stages ({@code records - distinct ids}, only topics with
     * repeats): the cost of at-least-once delivery after crashes, which ids make harmless. Read on demand, once a
     * run has ended, since it reads the larger topics too.
     */
    public Map<String, Integer> repeats() {
        Map<String, Integer> repeats = new TreeMap<>();
        try (TopicReader reader = new TopicReader(bootstrapServers)) {
            for (Topic topic : List.of(Topic.GENERATION_REQUESTS, Topic.TASKS, Topic.TASKS_UNIQUE, Topic.SOLVED, Topic.VERIFIED,
                    Topic.ACCEPTED, Topic.REJECTED)) {
                int[] records = {0};
                Set<String> distinct = new HashSet<>();
                each(reader, topic, node -> {
                    records[0]++;
                    distinct.add(node.path("id").asText());
                });
                if (records[0] > distinct.size()) {
                    repeats.put(topic.baseName(), records[0] - distinct.size());
                }
            }
        }
        return repeats;
    }

    /** Hands each record of {@code topic} that belongs to the runs counted to {@code handler}, parsed. */
    private void each(TopicReader reader, Topic topic, Consumer<JsonNode> handler) {
        reader.forEach(topics.of(topic), record -> {
            JsonNode node = json(record);
            if (node != null && inRuns(node)) {
                handler.accept(node);
            }
        });
    }

    private boolean inRuns(JsonNode node) {
        return runs.isEmpty() || runs.contains(node.path("runId").asText());
    }

    /** The ids a message speaks for: its own, its subject's, its parent's and every id on its lineage trail. */
    static Set<String> idsOf(JsonNode message) {
        Set<String> ids = new HashSet<>();
        addText(ids, message.path("id"));
        addText(ids, message.path("subjectId"));
        addText(ids, message.path("lineage").path("parentId"));
        for (JsonNode mark : message.path("lineage").path("trail")) {
            addText(ids, mark.path("id"));
        }
        if (message.path("subject").isObject()) {
            ids.addAll(idsOf(message.path("subject")));
        }
        return ids;
    }

    private static void addText(Set<String> ids, JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            ids.add(node.asText());
        }
    }

    private static JsonNode json(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(new String(record.value(), StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The rows of the dataset files (Parquet and JSONL) per kind, and the ids found in more than one row. */
    record DatasetRows(Map<String, Long> rows, List<String> duplicates) {

        static DatasetRows read(Path datasets) {
            Map<String, Long> rows = new TreeMap<>();
            List<String> duplicates = new ArrayList<>();
            if (datasets == null || !Files.isDirectory(datasets)) {
                return new DatasetRows(rows, duplicates);
            }
            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                    Stream<Path> runDirs = Files.list(datasets)) {
                for (Path run : runDirs.filter(Files::isDirectory)
                        .filter(dir -> !dir.getFileName().toString().startsWith("_")).sorted().toList()) {
                    for (String kind : List.of("sft", "rl")) {
                        for (String format : List.of("parquet", "jsonl")) {
                            List<Path> parts = parts(run.resolve(kind), format);
                            if (parts.isEmpty()) {
                                continue;
                            }
                            String list = parts.stream().map(path -> "'" + path.toString().replace("'", "''") + "'")
                                    .reduce((a, b) -> a + ", " + b).orElseThrow();
                            String source = format.equals("parquet") ? "read_parquet([" + list + "], union_by_name = true)"
                                    : "read_json_auto([" + list + "], format = 'newline_delimited', union_by_name = true)";
                            String label = run.getFileName() + "/" + kind + " (" + format + ")";
                            try (Statement statement = duckdb.createStatement();
                                    ResultSet result = statement.executeQuery("SELECT id, count(*) AS n FROM " + source
                                            + " GROUP BY id")) {
                                long total = 0;
                                while (result.next()) {
                                    total += result.getLong("n");
                                    if (result.getLong("n") > 1) {
                                        duplicates.add(label + " " + result.getString("id"));
                                    }
                                }
                                rows.put(label, total);
                            }
                        }
                    }
                }
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("cannot read the dataset files under " + datasets + ": " + e.getMessage(), e);
            }
            return new DatasetRows(rows, duplicates);
        }

        private static List<Path> parts(Path dir, String format) throws IOException {
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                return walk.filter(path -> path.getFileName().toString().startsWith("part-")
                        && path.getFileName().toString().endsWith("." + format)).sorted().toList();
            }
        }
    }
}
