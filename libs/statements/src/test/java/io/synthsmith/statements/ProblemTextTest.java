package io.synthsmith.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemTextTest {

    private static final String STDIO_STATEMENT = """
            A street has n lanterns; lantern i has brightness a_i. Answer q questions: the total brightness of lanterns l..r.

            Input
            The first line contains n and q. The second line contains a_1, ..., a_n. Each of the next q lines contains l and r.

            Output
            Print q lines.

            Constraints
            1 <= n, q <= 10^5""";

    private static final List<Task.Sample> STDIO_SAMPLES = List.of(
            new Task.Sample("5 3\n1 2 3 4 5\n1 3\n2 5\n4 4\n", "6\n14\n4\n", "1+2+3 = 6 and 2+3+4+5 = 14."),
            new Task.Sample("1 1\n-7\n1 1\n", "-7\n", null));

    private static final String LEETCODE_STATEMENT = """
            You are given an integer array nums and an integer target. Return the number of pairs (i, j) with i < j and nums[i] + nums[j] <= target.

            Constraints:
            2 <= nums.length <= 10^5""";

    private static final List<Task.Sample> LEETCODE_SAMPLES = List.of(
            new Task.Sample("nums = [1,2,3,4], target = 5", "4", "The pairs (0,1), (0,2), (0,3) and (1,2)."),
            new Task.Sample("nums = [1,1,1], target = 0", "0", null));

    private static final Task.Signature SIGNATURE = new Task.Signature("Solution", "countPairs",
            List.of(new Task.Signature.Parameter("nums", "List[int]"), new Task.Signature.Parameter("target", "int")),
            "int");

    @Test
    void codeforcesTasksGetAnExamplesSectionWithInputOutputBlocksAndANote() {
        String text = ProblemText.render(task(Style.CODEFORCES, STDIO_STATEMENT, STDIO_SAMPLES, null));

        assertThat(text).startsWith(STDIO_STATEMENT).endsWith("""
                Examples

                Input
                ```
                5 3
                1 2 3 4 5
                1 3
                2 5
                4 4
                ```
                Output
                ```
                6
                14
                4
                ```

                Input
                ```
                1 1
                -7
                1 1
                ```
                Output
                ```
                -7
                ```

                Note
                In example 1: 1+2+3 = 6 and 2+3+4+5 = 14.""");
    }

    @Test
    void atCoderTasksGetNumberedSampleInputsAndOutputsEachWithItsExplanation() {
        String text = ProblemText.render(task(Style.ATCODER, STDIO_STATEMENT, STDIO_SAMPLES, null));

        assertThat(text).startsWith(STDIO_STATEMENT).endsWith("""
                Sample Input 1
                ```
                5 3
                1 2 3 4 5
                1 3
                2 5
                4 4
                ```

                Sample Output 1
                ```
                6
                14
                4
                ```

                1+2+3 = 6 and 2+3+4+5 = 14.

                Sample Input 2
                ```
                1 1
                -7
                1 1
                ```

                Sample Output 2
                ```
                -7
                ```""");
    }

    @Test
    void leetCodeTasksGetTheirExamplesBeforeTheConstraints() {
        String text = ProblemText.render(task(Style.LEETCODE, LEETCODE_STATEMENT, LEETCODE_SAMPLES, SIGNATURE));

        assertThat(text).isEqualTo("""
                You are given an integer array nums and an integer target. Return the number of pairs (i, j) with i < j and nums[i] + nums[j] <= target.

                Example 1:

                Input: nums = [1,2,3,4], target = 5
                Output: 4
                Explanation: The pairs (0,1), (0,2), (0,3) and (1,2).

                Example 2:

                Input: nums = [1,1,1], target = 0
                Output: 0

                Constraints:
                2 <= nums.length <= 10^5""");
    }

    @Test
    void leetCodeTasksEndWithTheMethodToCompleteInTheRunsLanguage() {
        Task task = task(Style.LEETCODE, LEETCODE_STATEMENT, LEETCODE_SAMPLES, SIGNATURE);

        assertThat(ProblemText.render(task, Language.PYTHON)).endsWith("""
                2 <= nums.length <= 10^5

                ```python
                class Solution:
                    def countPairs(self, nums: List[int], target: int) -> int:
                ```""");
        assertThat(ProblemText.render(task, Language.CPP)).endsWith("""
                ```cpp
                class Solution {
                public:
                    int countPairs(vector<int>& nums, int target) {

                    }
                };
                ```""");
    }

    @Test
    void stdinTasksHaveNoStub() {
        Task task = task(Style.CODEFORCES, STDIO_STATEMENT, STDIO_SAMPLES, null);

        assertThat(ProblemText.stub(task, Language.PYTHON)).isEmpty();
        assertThat(ProblemText.render(task, Language.CPP)).isEqualTo(ProblemText.render(task));
    }

    @Test
    void examplesTheStatementAlreadyShowsAreNotRepeated() {
        String embedded = """
                Return the number of pairs (i, j) with i < j and nums[i] + nums[j] <= target.

                Example 1:
                Input: nums = [1, 2, 3, 4], target = 5
                Output: 4

                Example 2:
                Input: nums = [1,1,1], target = 0
                Output: 0

                Constraints:
                2 <= nums.length <= 10^5""";

        assertThat(ProblemText.render(task(Style.LEETCODE, embedded, LEETCODE_SAMPLES, SIGNATURE))).isEqualTo(embedded);
    }

    @Test
    void onlyTheExamplesMissingFromTheStatementAreAddedWithTheirOwnNumbers() {
        String oneShown = STDIO_STATEMENT + "\n\nSample Input 1\n5 3\n1 2 3 4 5\n1 3\n2 5\n4 4\n\nSample Output 1\n6\n14\n4";

        String text = ProblemText.render(task(Style.ATCODER, oneShown, STDIO_SAMPLES, null));

        assertThat(text).startsWith(oneShown).contains("Sample Input 2\n```\n1 1\n-7\n1 1\n```")
                .doesNotContain("Sample Input 1\n```");
    }

    @Test
    void aSampleInputThatOnlyHappensToOccurInTheStoryIsStillRendered() {
        List<Task.Sample> tiny = List.of(new Task.Sample("1\n", "1\n", null));
        String text = ProblemText.render(task(Style.CODEFORCES, "Print 1 if n is 1.\n\nInput\nOne integer n.", tiny, null));

        assertThat(text).endsWith("Example\n\nInput\n```\n1\n```\nOutput\n```\n1\n```");
    }

    @Test
    void aTaskWithoutSamplesIsItsStatement() {
        assertThat(ProblemText.render(task(Style.CODEFORCES, "  " + STDIO_STATEMENT + "\n", List.of(), null)))
                .isEqualTo(STDIO_STATEMENT);
    }

    @Test
    void signatureTypesBecomeCppTypes() {
        assertThat(ProblemText.cppType("List[List[int]]", true)).isEqualTo("vector<vector<int>>&");
        assertThat(ProblemText.cppType("List[str]", false)).isEqualTo("vector<string>");
        assertThat(ProblemText.cppType("float", false)).isEqualTo("double");
        assertThat(ProblemText.cppType("bool", true)).isEqualTo("bool");
        assertThat(ProblemText.cppType("vector<int>&", true)).isEqualTo("vector<int>&");
    }

    private static Task task(Style style, String statement, List<Task.Sample> samples, Task.Signature signature) {
        return new Task(Task.SCHEMA, "run", "task-1", null, null, "request-1", style, "Lantern Street Sums", statement,
                List.of(), null, samples, signature, null);
    }
}
