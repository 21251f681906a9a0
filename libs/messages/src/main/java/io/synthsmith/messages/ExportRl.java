package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One RL task on the export.rl topic, shaped as verl reads it. The verl fields keep verl's snake_case names;
 * the envelope stays as on every other topic.
 */
public record ExportRl(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        @JsonProperty("data_source") String dataSource,
        List<ChatMessage> prompt,
        String ability,
        @JsonProperty("reward_model") RewardModel rewardModel,
        @JsonProperty("extra_info") ExtraInfo extraInfo) implements Envelope {

    public static final String SCHEMA = "synthsmith.export.rl/v1";

    /** verl's rule reward: {@code ground_truth} is a JSON string holding the tests. */
    public record RewardModel(String style, @JsonProperty("ground_truth") String groundTruth) {
    }

    /**
     * What verl passes through to the reward function and logs. The test counts say how many labelled tests the
     * ground truth keeps of how many the verifier labelled, under the run's caps ({@code null}: no cap);
     * {@code cost}, {@code testsByOrigin} and {@code majorityShare} are optional (null when not known). Optional
     * (revision 3): {@code difficulty_by}, whose pass rate chose the split ({@code probe} or {@code solver}), and the
     * run's probe model with its mean pass rate, attempts and attempts passing every test ({@code difficulty} stays
     * the candidates' rate).
     */
    public record ExtraInfo(
            @JsonProperty("task_id") String taskId,
            @JsonProperty("run_id") String runId,
            Style style,
            List<String> features,
            Double difficulty,
            @JsonProperty("difficulty_level") Verified.Difficulty.Level difficultyLevel,
            String split,
            @JsonProperty("seed_ids") List<String> seedIds,
            Language language,
            @JsonProperty("tests_kept") Integer testsKept,
            @JsonProperty("tests_labelled") Integer testsLabelled,
            @JsonProperty("max_tests") Integer maxTests,
            @JsonProperty("max_ground_truth_bytes") Long maxGroundTruthBytes,
            TaskCost cost,
            @JsonProperty("tests_by_origin") Map<String, Integer> testsByOrigin,
            @JsonProperty("majority_share") Double majorityShare,
            @JsonProperty("difficulty_by") String difficultyBy,
            @JsonProperty("probe_model") String probeModel,
            @JsonProperty("probe_difficulty") Double probeDifficulty,
            @JsonProperty("probe_attempts") Integer probeAttempts,
            @JsonProperty("probe_solved_attempts") Integer probeSolvedAttempts) {

        /** {@code difficulty_by} of a row split by the candidates' pass rate. */
        public static final String BY_SOLVER = "solver";
        /** {@code difficulty_by} of a row split by the probe's pass rate. */
        public static final String BY_PROBE = "probe";

        @JsonCreator
        public ExtraInfo {
        }

        /** Without the probe's figures (as published before revision 3). */
        public ExtraInfo(String taskId, String runId, Style style, List<String> features, Double difficulty,
                Verified.Difficulty.Level difficultyLevel, String split, List<String> seedIds, Language language,
                Integer testsKept, Integer testsLabelled, Integer maxTests, Long maxGroundTruthBytes, TaskCost cost,
                Map<String, Integer> testsByOrigin, Double majorityShare) {
            this(taskId, runId, style, features, difficulty, difficultyLevel, split, seedIds, language, testsKept,
                    testsLabelled, maxTests, maxGroundTruthBytes, cost, testsByOrigin, majorityShare, null, null, null,
                    null, null);
        }

        /** Without the optional figures. */
        public ExtraInfo(String taskId, String runId, Style style, List<String> features, Double difficulty,
                Verified.Difficulty.Level difficultyLevel, String split, List<String> seedIds) {
            this(taskId, runId, style, features, difficulty, difficultyLevel, split, seedIds, null, null, null, null,
                    null, null, null, null);
        }
    }

    /**
     * What making a task cost, over every LLM call behind it and the verifier's sandboxed runs
     * ({@link Lineage.Cost} in verl's snake_case, CPU in seconds).
     */
    public record TaskCost(
            @JsonProperty("prompt_tokens") long promptTokens,
            @JsonProperty("completion_tokens") long completionTokens,
            @JsonProperty("reasoning_tokens") Long reasoningTokens,
            @JsonProperty("sandbox_cpu_seconds") double sandboxCpuSeconds) {

        public static TaskCost of(Lineage.Cost cost) {
            return new TaskCost(cost.promptTokens(), cost.completionTokens(), cost.reasoningTokens(),
                    cost.sandboxCpuMillis() / 1000.0);
        }
    }
}
