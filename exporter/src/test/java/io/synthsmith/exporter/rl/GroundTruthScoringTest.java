package io.synthsmith.exporter.rl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.exporter.fixtures.AcceptedTasks;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.ExportSft;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth the exporter writes, scored as a trainer scores it: by verl_reward.py (verl's
 * custom_reward_function) and by our own reimplementation of the contract of verl's built-in code reward
 * ({@code builtin_contract.py}: StringIO stdin, {@code fn_name} call-based), with the golden SFT answer.
 */
class GroundTruthScoringTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String BALANCED_SPLITS = """
            class Solution:
                def balancedSplits(self, nums: List[int]) -> int:
                    total, left, count = sum(nums), 0, 0
                    for i in range(len(nums) - 1):
                        left += nums[i]
                        count += left == total - left
                    return count""";

    private final AcceptedTasks tasks = new AcceptedTasks();
    private final PromptWriter prompts = new PromptWriter("{statement}", "{statement}\n{signature}");
    private final RlRecords rl = new RlRecords(prompts, "synthsmith/{runId}", "code", tasks.codec().mapper());
    private final SftRecords sft = new SftRecords(prompts);

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTheScripts() throws IOException {
        Files.write(dir.resolve(VerlReward.FILE_NAME), VerlReward.source());
        try (InputStream contract = GroundTruthScoringTest.class.getResourceAsStream("/verl/builtin_contract.py")) {
            Files.write(dir.resolve("builtin_contract.py"), contract.readAllBytes());
        }
    }

    @Test
    void aStdinRowsGoldenScoresOneUnderVerlRewardAndABrokenCandidateZero() throws Exception {
        Accepted accepted = stdinTask();
        String truth = rl.of(accepted, NOW).rewardModel().groundTruth();

        assertThat(VerlRewardTest.score(dir, goldenAnswer(accepted), truth, Map.of(), "")).isEqualTo(1.0);
        // Candidate 2 ends each range one light early (d[r] instead of d[r + 1]).
        var broken = accepted.verified().candidates().get(1).candidate();
        assertThat(VerlRewardTest.score(dir, broken.answer(), truth, Map.of(), "")).isEqualTo(0.0);
    }

    @Test
    void underTheBuiltInContractAStdinGoldenScoresOneUnlessItReadsSysStdinBuffer() throws Exception {
        Accepted accepted = stdinTask();
        String truth = rl.of(accepted, NOW).rewardModel().groundTruth();
        String golden = accepted.verified().candidates().get(0).candidate().code();

        assertThat(golden).contains("sys.stdin.buffer");
        assertThat(builtin(truth, golden)).as("verl's StringIO stdin has no .buffer").isEqualTo(0.0);
        assertThat(builtin(truth, golden.replace("sys.stdin.buffer.read()", "sys.stdin.read()"))).isEqualTo(1.0);
    }

    @Test
    void aLeetCodeRowScoresOneUnderBothAndItsGroundTruthHasVerlsCallBasedForm() throws Exception {
        Accepted accepted = tasks.example().leetcode()
                .tests(1, "nums = [1,2,3,0,3]", "0", "nums = [5,5]", "1", "nums = [1, 1, 2]", "1", "[0,0,0,0]", "3")
                .code(0, BALANCED_SPLITS).build();
        ExportRl record = rl.of(accepted, NOW);
        String truth = record.rewardModel().groundTruth();
        JsonNode json = tasks.codec().mapper().readTree(truth);

        assertThat(json.get("fn_name").asText()).isEqualTo("balancedSplits");
        assertThat(json.get("inputs")).extracting(JsonNode::asText)
                .containsExactly("[1,2,3,0,3]", "[5,5]", "[1,1,2]", "[0,0,0,0]");
        assertThat(json.get("outputs")).extracting(JsonNode::asText).containsExactly("0", "1", "1", "3");
        assertThat(json.get("example_inputs").get(2).asText()).isEqualTo("nums = [1, 1, 2]");
        assertThat(VerlRewardTest.score(dir, goldenAnswer(accepted), truth, Map.of(), "")).isEqualTo(1.0);
        assertThat(builtin(truth, BALANCED_SPLITS)).isEqualTo(1.0);
        String broken = BALANCED_SPLITS.replace("left == total - left", "left > total - left");
        assertThat(VerlRewardTest.score(dir, VerlRewardTest.answer("python", broken), truth, Map.of(), ""))
                .isEqualTo(0.0);
        assertThat(builtin(truth, broken)).isEqualTo(0.0);
    }

    @Test
    void theTestCapKeepsSamplesThenDisagreementThenSizeAndIsRecorded() throws Exception {
        Accepted accepted = tasks.example().leetcode()
                .tests(2, "nums = [1,2,3,0,3]", "2", "nums = [5,5]", "1", "nums = [1, -1, 0]", "2",
                        "nums = [0,0,0,0,0,0,0,0,0,0,0,0]", "11", "nums = [2,2]", "1")
                .sample(4).export("""
                        {"maxTestsPerRow": 3}""").build();
        ExportRl record = rl.of(accepted, NOW);
        JsonNode truth = tasks.codec().mapper().readTree(record.rewardModel().groundTruth());

        // The sample (test 5), the two disagreed on (tests 1 and 2), in the verifier's order; not the largest (test 4).
        assertThat(truth.get("example_inputs")).extracting(JsonNode::asText)
                .containsExactly("nums = [1,2,3,0,3]", "nums = [5,5]", "nums = [2,2]");
        assertThat(record.extraInfo().testsKept()).isEqualTo(3);
        assertThat(record.extraInfo().testsLabelled()).isEqualTo(5);
        assertThat(record.extraInfo().maxTests()).isEqualTo(3);

        ExportRl bytesCapped = rl.of(tasks.example().leetcode()
                .tests(0, "nums = [1,2,3,0,3]", "2", "nums = [5,5]", "1", "nums = [0,0,0,0,0,0,0,0,0,0,0,0]", "11")
                .export("""
                        {"maxGroundTruthBytes": 40}""").build(), NOW);
        // Largest first while it fits: the 34-byte test; the 19- and 13-byte ones would each take it past 40.
        assertThat(tasks.codec().mapper().readTree(bytesCapped.rewardModel().groundTruth()).get("example_inputs"))
                .extracting(JsonNode::asText).containsExactly("nums = [0,0,0,0,0,0,0,0,0,0,0,0]");
        assertThat(bytesCapped.extraInfo().maxGroundTruthBytes()).isEqualTo(40L);
    }

    /** The example task (add v to lights l..r, print the k brightest) with tests worked out by hand. */
    private Accepted stdinTask() {
        return tasks.example().tests(0, "5 2 3\n1 3 2\n2 5 1\n", "3 3 2", "1 1 1\n1 1 7\n", "7",
                "3 1 3\n1 3 5\n", "5 5 5", "4 2 2\n1 2 1000000000\n2 4 999999999\n", "1999999999 1000000000").build();
    }

    private String goldenAnswer(Accepted accepted) {
        ExportSft golden = sft.of(accepted, NOW).getFirst();
        return golden.messages().getLast().content();
    }

    private static double builtin(String groundTruth, String code) throws Exception {
        Path call = Files.createTempDirectory(dir, "builtin");
        Files.writeString(call.resolve("truth.json"), groundTruth);
        Files.writeString(call.resolve("code.py"), code);
        Process process = new ProcessBuilder("/usr/bin/python3", dir.resolve("builtin_contract.py").toString(),
                call.resolve("truth.json").toString(), call.resolve("code.py").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        List<String> lines = out.strip().lines().toList();
        return Double.parseDouble(lines.getLast());
    }
}
