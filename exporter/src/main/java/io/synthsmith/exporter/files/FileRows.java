package io.synthsmith.exporter.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.messages.ChatMessage;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.Lineage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the dataset files and their columns, one layout per kind of shard. The column types are DuckDB's;
 * the README's "Dataset files" section documents them as Parquet types. JSONL shards hold the same rows.
 */
public final class FileRows {

    /**
     * Files format version, recorded in every manifest. 2: SFT rows gain {@code reasoning_chars} and
     * {@code reasoning_hidden}; RL {@code extra_info} gains {@code difficulty_by} and the probe's figures; the RL
     * split {@code hard}; the manifest counts RL tasks by {@code difficultyBy}.
     */
    public static final int FILE_SCHEMA_VERSION = 2;

    private static final String CHAT = "STRUCT(role VARCHAR, content VARCHAR)[]";
    private static final String COST = "STRUCT(prompt_tokens BIGINT, completion_tokens BIGINT, reasoning_tokens BIGINT,"
            + " sandbox_cpu_seconds DOUBLE)";
    private static final String ORIGINS = "STRUCT(sample INTEGER, direct INTEGER, generated INTEGER)";

    /** The column layout of a shard. */
    public enum Layout {
        SFT_MESSAGES(sftColumns("messages", CHAT)),
        SFT_QUERY_RESPONSE(sftColumns("query", "VARCHAR", "response", "VARCHAR")),
        RL(rlColumns());

        private final Map<String, String> columns;

        Layout(Map<String, String> columns) {
            this.columns = columns;
        }

        /** Column name to DuckDB type, in file order. */
        public Map<String, String> columns() {
            return columns;
        }
    }

    private final ObjectMapper mapper;

    public FileRows(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static Layout layoutOf(ExportSft sample) {
        return ExportSft.FORMAT_MESSAGES.equals(sample.format()) ? Layout.SFT_MESSAGES : Layout.SFT_QUERY_RESPONSE;
    }

    /** An SFT sample as a file row. */
    public ObjectNode row(ExportSft sample) {
        ObjectNode row = mapper.createObjectNode();
        row.put("id", sample.id());
        row.put("run_id", sample.runId());
        row.put("task_id", sample.taskId());
        row.put("candidate_id", sample.candidateId());
        row.put("golden", sample.golden());
        row.put("style", sample.style().wire());
        row.put("language", sample.language().wire());
        if (layoutOf(sample) == Layout.SFT_MESSAGES) {
            row.set("messages", chat(sample.messages()));
        } else {
            row.put("query", sample.query());
            row.put("response", sample.response());
        }
        row.set("seed_ids", strings(sample.lineage().seedIds()));
        row.set("feature_paths", strings(sample.lineage().featurePaths()));
        row.put("reasoning_chars", sample.reasoningChars());
        row.put("reasoning_hidden", sample.reasoningHidden());
        Lineage.Cost cost = sample.lineage().cost();
        row.set("cost", cost == null ? null : cost(ExportRl.TaskCost.of(cost)));
        row.put("created_at", sample.createdAt().toString());
        return row;
    }

    /** An RL record as a file row, with verl's columns. */
    public ObjectNode row(ExportRl task) {
        ObjectNode row = mapper.createObjectNode();
        row.put("id", task.id());
        row.put("data_source", task.dataSource());
        row.set("prompt", chat(task.prompt()));
        row.put("ability", task.ability());
        ObjectNode reward = row.putObject("reward_model");
        reward.put("style", task.rewardModel().style());
        reward.put("ground_truth", task.rewardModel().groundTruth());
        ExportRl.ExtraInfo info = task.extraInfo();
        ObjectNode extra = row.putObject("extra_info");
        extra.put("task_id", info.taskId());
        extra.put("run_id", info.runId());
        extra.put("style", info.style().wire());
        extra.set("features", strings(info.features()));
        if (info.difficulty() == null) {
            extra.putNull("difficulty");
        } else {
            extra.put("difficulty", info.difficulty());
        }
        extra.put("difficulty_level", info.difficultyLevel() == null ? null : info.difficultyLevel().wire());
        extra.put("split", info.split());
        extra.set("seed_ids", strings(info.seedIds()));
        extra.put("language", info.language() == null ? null : info.language().wire());
        extra.put("tests_kept", info.testsKept());
        extra.put("tests_labelled", info.testsLabelled());
        extra.put("max_tests", info.maxTests());
        extra.put("max_ground_truth_bytes", info.maxGroundTruthBytes());
        extra.set("cost", info.cost() == null ? null : cost(info.cost()));
        if (info.testsByOrigin() == null) {
            extra.putNull("tests_by_origin");
        } else {
            ObjectNode origins = extra.putObject("tests_by_origin");
            for (String origin : List.of("sample", "direct", "generated")) {
                origins.put(origin, info.testsByOrigin().getOrDefault(origin, 0));
            }
        }
        if (info.majorityShare() == null) {
            extra.putNull("majority_share");
        } else {
            extra.put("majority_share", info.majorityShare());
        }
        extra.put("difficulty_by", info.difficultyBy());
        extra.put("probe_model", info.probeModel());
        extra.put("probe_difficulty", info.probeDifficulty());
        extra.put("probe_attempts", info.probeAttempts());
        extra.put("probe_solved_attempts", info.probeSolvedAttempts());
        row.put("created_at", task.createdAt().toString());
        return row;
    }

    private ObjectNode cost(ExportRl.TaskCost cost) {
        ObjectNode node = mapper.createObjectNode();
        node.put("prompt_tokens", cost.promptTokens());
        node.put("completion_tokens", cost.completionTokens());
        if (cost.reasoningTokens() == null) {
            node.putNull("reasoning_tokens");
        } else {
            node.put("reasoning_tokens", cost.reasoningTokens());
        }
        node.put("sandbox_cpu_seconds", cost.sandboxCpuSeconds());
        return node;
    }

    private ArrayNode chat(List<ChatMessage> messages) {
        ArrayNode array = mapper.createArrayNode();
        for (ChatMessage message : messages) {
            array.addObject().put("role", message.role()).put("content", message.content());
        }
        return array;
    }

    private ArrayNode strings(List<String> values) {
        ArrayNode array = mapper.createArrayNode();
        if (values != null) {
            values.forEach(array::add);
        }
        return array;
    }

    private static Map<String, String> sftColumns(String... specific) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "VARCHAR");
        columns.put("run_id", "VARCHAR");
        columns.put("task_id", "VARCHAR");
        columns.put("candidate_id", "VARCHAR");
        columns.put("golden", "BOOLEAN");
        columns.put("style", "VARCHAR");
        columns.put("language", "VARCHAR");
        for (int i = 0; i < specific.length; i += 2) {
            columns.put(specific[i], specific[i + 1]);
        }
        columns.put("seed_ids", "VARCHAR[]");
        columns.put("feature_paths", "VARCHAR[]");
        columns.put("reasoning_chars", "INTEGER");
        columns.put("reasoning_hidden", "BOOLEAN");
        columns.put("cost", COST);
        columns.put("created_at", "VARCHAR");
        return Collections.unmodifiableMap(columns);
    }

    private static Map<String, String> rlColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "VARCHAR");
        columns.put("data_source", "VARCHAR");
        columns.put("prompt", CHAT);
        columns.put("ability", "VARCHAR");
        columns.put("reward_model", "STRUCT(style VARCHAR, ground_truth VARCHAR)");
        columns.put("extra_info", "STRUCT(task_id VARCHAR, run_id VARCHAR, style VARCHAR, features VARCHAR[],"
                + " difficulty DOUBLE, difficulty_level VARCHAR, split VARCHAR, seed_ids VARCHAR[], language VARCHAR,"
                + " tests_kept INTEGER, tests_labelled INTEGER, max_tests INTEGER, max_ground_truth_bytes BIGINT,"
                + " cost " + COST + ", tests_by_origin " + ORIGINS + ", majority_share DOUBLE, difficulty_by VARCHAR,"
                + " probe_model VARCHAR, probe_difficulty DOUBLE, probe_attempts INTEGER,"
                + " probe_solved_attempts INTEGER)");
        columns.put("created_at", "VARCHAR");
        return Collections.unmodifiableMap(columns);
    }
}
