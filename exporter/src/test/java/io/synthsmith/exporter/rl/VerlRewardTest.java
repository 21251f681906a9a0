package io.synthsmith.exporter.rl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verl_reward.py, run by /usr/bin/python3 as verl's custom_reward_function calls it: {@code compute_score(
 * data_source=..., solution_str=..., ground_truth=<JSON string>, extra_info=<dict>)}. Problems, solutions and
 * expected outputs are written here by hand.
 */
class VerlRewardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Sum of n integers: the first line holds n, the second the integers. */
    private static final String SUM_TRUTH = stdin(List.of("3\n1 2 3\n", "1\n-7\n", "4\n10 20 30 40\n"),
            List.of("6", "-7", "100"));

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTheRewardFunction() throws IOException {
        Files.write(dir.resolve(VerlReward.FILE_NAME), VerlReward.source());
    }

    @Test
    void aGoldenThatReadsWithInputScoresOne() throws Exception {
        assertThat(score(answer("python", "n = int(input())\nprint(sum(map(int, input().split())))"), SUM_TRUTH))
                .isEqualTo(1.0);
    }

    @Test
    void aGoldenThatReadsSysStdinBufferScoresOne() throws Exception {
        String code = """
                import sys
                data = sys.stdin.buffer.read().split()
                n = int(data[0])
                sys.stdout.write(str(sum(int(x) for x in data[1:1 + n])) + "\\n")
                """;
        assertThat(score(answer("python", code), SUM_TRUTH)).isEqualTo(1.0);
    }

    @Test
    void aGoldenThatReadsLinesWithReadlineScoresOne() throws Exception {
        String code = "import sys\nsys.stdin.readline()\nprint(sum(int(x) for x in sys.stdin.readline().split()))";
        assertThat(score(answer("python", code), SUM_TRUTH)).isEqualTo(1.0);
    }

    @Test
    void aBrokenSolutionScoresZero() throws Exception {
        assertThat(score(answer("python", "input()\nprint(len(input().split()))"), SUM_TRUTH))
                .isEqualTo(0.0);
        assertThat(score(answer("python", "this is not python"), SUM_TRUTH)).isEqualTo(0.0);
    }

    @Test
    void theScoreIsTheFractionOfTestsPassedOrAllOrNothingWhenAsked() throws Exception {
        // Right except when the sum is negative: passes 2 of 3 tests.
        String partial = answer("python", "input()\nprint(abs(sum(map(int, input().split()))))");

        assertThat(score(partial, SUM_TRUTH)).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(score(partial, SUM_TRUTH, Map.of("SYNTHSMITH_REWARD_ALL_OR_NOTHING", "1"), "")).isEqualTo(0.0);
        assertThat(score(partial, SUM_TRUTH, Map.of(), ", all_or_nothing=True")).isEqualTo(0.0);
    }

    @Test
    void onlyTheFinalCodeBlockAfterTheReasoningCounts() throws Exception {
        String golden = "n = int(input())\nprint(sum(map(int, input().split())))";
        String wrong = "print(0)";
        assertThat(score("<think>\nFirst try:\n```python\n" + wrong + "\n```\nNo, sum them.\n</think>\n\nFinal:\n"
                + "```python\n" + golden + "\n```", SUM_TRUTH)).isEqualTo(1.0);
        assertThat(score("```python\n" + golden + "\n```\nOn second thought:\n```python\n" + wrong + "\n```",
                SUM_TRUTH)).isEqualTo(0.0);
        assertThat(score("<think>\n```python\n" + golden + "\n```\n(reasoning cut off by the length limit)",
                SUM_TRUTH)).as("an answer whose reasoning never ended").isEqualTo(0.0);
        assertThat(score("The answer is 6.", SUM_TRUTH)).as("no code block").isEqualTo(0.0);
    }

    @Test
    void outputsCompareAsTheVerifierComparesThem() throws Exception {
        String crlfAndTrailingSpaces = "import sys\ninput()\nsys.stdout.write(str(sum(map(int, input().split()))) + '   \\r\\n\\r\\n')";
        assertThat(score(answer("python", crlfAndTrailingSpaces), SUM_TRUTH)).isEqualTo(1.0);
        String leadingSpace = "input()\nprint(' ' + str(sum(map(int, input().split()))))";
        assertThat(score(answer("python", leadingSpace), SUM_TRUTH)).isEqualTo(0.0);
    }

    @Test
    void aSolutionThatRunsPastTheTimeLimitScoresZero() throws Exception {
        assertThat(score(answer("python", "while True:\n    pass"), SUM_TRUTH,
                Map.of("SYNTHSMITH_REWARD_TIME_LIMIT_SECONDS", "1"), "")).isEqualTo(0.0);
    }

    @Test
    void aSolutionThatAllocatesPastTheMemoryLimitScoresZero() throws Exception {
        String hog = "input()\nx = bytearray(2 * 1024 * 1024 * 1024)\nprint(sum(map(int, input().split())))";
        assertThat(score(answer("python", hog), SUM_TRUTH, Map.of("SYNTHSMITH_REWARD_MEMORY_LIMIT_MB", "512"), ""))
                .isEqualTo(0.0);
    }

    @Test
    void aCppGoldenCompiledWithGppScoresOne() throws Exception {
        String code = """
                #include <bits/stdc++.h>
                int main() { long long n, s = 0, x; std::cin >> n; while (n--) { std::cin >> x; s += x; } std::cout << s << "\\n"; }
                """;
        String cppTruth = SUM_TRUTH.replace("\"language\":\"python\"", "\"language\":\"cpp\"");
        assertThat(score(answer("cpp", code), cppTruth)).isEqualTo(1.0);
        assertThat(score(answer("cpp", "int main() { return }"), cppTruth)).as("does not compile").isEqualTo(0.0);
    }

    @Test
    void aLeetCodeRowIsCalledThroughItsSignatureWithTheExampleFormatInputs() throws Exception {
        String truth = leetcode("python", List.of("nums = [1,2,3,4], target = 5", "nums = [1,1,1], target = 0",
                "nums = [-3, 5], target = 2"), List.of("4", "0", "1"));
        String golden = """
                class Solution:
                    def countPairs(self, nums: List[int], target: int) -> int:
                        return sum(1 for i in range(len(nums)) for j in range(i + 1, len(nums)) if nums[i] + nums[j] <= target)
                """;
        assertThat(score(answer("python", golden), truth)).isEqualTo(1.0);
        assertThat(score(answer("python", golden.replace("<=", "<")), truth)).isCloseTo(1.0 / 3,
                org.assertj.core.data.Offset.offset(1e-9));
        String readsStdinInMain = golden + "\nif __name__ == \"__main__\":\n    print(Solution().countPairs(eval(input()), 0))\n";
        assertThat(score(answer("python", readsStdinInMain), truth)).as("a __main__ block is not run").isEqualTo(1.0);
    }

    @Test
    void aLeetCodeRowPrintsReturnValuesInLeetCodeLiteralFormAndComparesFloatsWithTheTolerance() throws Exception {
        String lists = words("python", List.of("words = [\"b\",\"a\"], flag = true", "words = ['c'], flag = false"),
                List.of("[\"a\",\"b\"]", "null"));
        assertThat(score(answer("python", """
                class Solution:
                    def sortWords(self, words, flag):
                        return sorted(words) if flag else None
                """), lists)).isEqualTo(1.0);
        String average = JSON.writeValueAsString(Map.of("inputs", List.of("nums = [1,2]"), "outputs", List.of("1.50000"),
                "language", "python", "float_tolerance", 1e-5,
                "signature", Map.of("className", "Solution", "methodName", "mean",
                        "parameters", List.of(Map.of("name", "nums", "type", "List[int]")), "returnType", "float"),
                "example_inputs", List.of("nums = [1,2]"), "example_outputs", List.of("1.50000")));
        assertThat(score(answer("python", "class Solution:\n    def mean(self, nums):\n        return sum(nums) / len(nums) + 1e-7"),
                average)).isEqualTo(1.0);
        assertThat(score(answer("python", "class Solution:\n    def mean(self, nums):\n        return 1.6"), average))
                .isEqualTo(0.0);
    }

    @Test
    void aCppLeetCodeRowIsCalledThroughItsSignature() throws Exception {
        String truth = leetcode("cpp", List.of("nums = [1,2,3,4], target = 5", "nums = [1,1,1], target = 0"),
                List.of("4", "0"));
        String golden = """
                class Solution {
                public:
                    int countPairs(vector<int>& nums, int target) {
                        int c = 0;
                        for (size_t i = 0; i < nums.size(); i++)
                            for (size_t j = i + 1; j < nums.size(); j++) c += nums[i] + nums[j] <= target;
                        return c;
                    }
                };
                """;
        assertThat(score(answer("cpp", golden), truth)).isEqualTo(1.0);
        String words = words("cpp", List.of("words = [\"b a\",\"a\"], flag = true"), List.of("[\"a\",\"b a\"]"));
        assertThat(score(answer("cpp", """
                class Solution {
                public:
                    vector<string> sortWords(vector<string> words, bool flag) { sort(words.begin(), words.end()); return words; }
                };
                """), words)).isEqualTo(1.0);
    }

    static String answer(String language, String code) {
        return "<think>\nLet me work it out.\n</think>\n\nHere is the solution.\n\n```" + language + "\n" + code.strip()
                + "\n```\n";
    }

    static String stdin(List<String> inputs, List<String> outputs) {
        try {
            return JSON.writeValueAsString(Map.of("inputs", inputs, "outputs", outputs, "language", "python"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code countPairs(nums: List[int], target: int) -> int}. */
    static String leetcode(String language, List<String> inputs, List<String> outputs) throws IOException {
        return callRow(language, "countPairs", List.of("nums", "List[int]", "target", "int"), "int", inputs, outputs);
    }

    /** {@code sortWords(words: List[str], flag: bool) -> List[str]}. */
    static String words(String language, List<String> inputs, List<String> outputs) throws IOException {
        return callRow(language, "sortWords", List.of("words", "List[str]", "flag", "bool"), "List[str]", inputs,
                outputs);
    }

    /** A LeetCode-style ground truth; {@code parameters} alternates names and types. */
    static String callRow(String language, String method, List<String> parameters, String returnType,
            List<String> inputs, List<String> outputs) throws IOException {
        List<Map<String, String>> params = new java.util.ArrayList<>();
        for (int i = 0; i < parameters.size(); i += 2) {
            params.add(Map.of("name", parameters.get(i), "type", parameters.get(i + 1)));
        }
        return JSON.writeValueAsString(Map.of("inputs", inputs, "outputs", outputs, "language", language,
                "fn_name", method,
                "signature", Map.of("className", "Solution", "methodName", method, "parameters", params,
                        "returnType", returnType),
                "example_inputs", inputs, "example_outputs", outputs));
    }

    static double score(String completion, String groundTruth) throws Exception {
        return score(completion, groundTruth, Map.of(), "");
    }

    /** compute_score called with verl's keyword arguments, in a fresh /usr/bin/python3 with {@code env} added. */
    static double score(String completion, String groundTruth, Map<String, String> env, String extraArguments)
            throws Exception {
        return score(dir, completion, groundTruth, env, extraArguments);
    }

    static double score(Path rewardDir, String completion, String groundTruth, Map<String, String> env,
            String extraArguments) throws Exception {
        Path call = Files.createTempDirectory(rewardDir, "call");
        Files.writeString(call.resolve("completion.txt"), completion);
        Files.writeString(call.resolve("truth.json"), groundTruth);
        String script = """
                import importlib.util, sys
                spec = importlib.util.spec_from_file_location("custom_module", sys.argv[1])
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                completion = open(sys.argv[2], encoding="utf-8").read()
                truth = open(sys.argv[3], encoding="utf-8").read()
                print(module.compute_score(data_source="synthsmith/test", solution_str=completion, ground_truth=truth,
                                           extra_info={"task_id": "t", "num_turns": None}EXTRA))
                """.replace("EXTRA", extraArguments);
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/python3", "-c", script,
                rewardDir.resolve(VerlReward.FILE_NAME).toString(), call.resolve("completion.txt").toString(),
                call.resolve("truth.json").toString()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("compute_score ran; output:\n%s", out).isZero();
        String[] lines = out.strip().split("\n");
        return Double.parseDouble(lines[lines.length - 1]);
    }
}
