package io.synthsmith.verifier.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxFixture;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LeetCode-style solutions run through the call harness in the real sandbox. */
class LeetCodeHarnessTest {

    private static Sandbox sandbox;
    private static ProgramRunner runner;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.sandbox(1);
        runner = new ProgramRunner(sandbox, "/usr/bin/g++", SandboxFixture.LIMITS, (l, o) -> {
        });
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void exampleInputBecomesArgumentsAndTheReturnValueIsPrintedAsALiteral() {
        Task.Signature signature = new Task.Signature("Solution", "describe", List.of(
                new Task.Signature.Parameter("nums", "List[int]"), new Task.Signature.Parameter("k", "int"),
                new Task.Signature.Parameter("word", "str"), new Task.Signature.Parameter("grid", "List[List[str]]")),
                "List");
        String code = """
                class Solution:
                    def describe(self, nums: List[int], k: int, word: str, grid: List[List[str]]) -> list:
                        return [sum(nums) + k, word.upper(), k > 2, None, [len(r) for r in grid], 2.5, (1, 2)]
                """;
        assertThat(run(code, signature, "nums = [1,2,3], k = 3, word = \"a, b\", grid = [[\"x\",\"y\"],[\"z\"]]"))
                .isEqualTo("[9,\"A, B\",true,null,[2,1],2.50000,[1,2]]\n");
        assertThat(run(code, signature, "nums = [-1]\nk = 0\nword = \"\"\ngrid = []"))
                .isEqualTo("[-1,\"\",false,null,[],2.50000,[1,2]]\n");
    }

    @Test
    void aBalancedSplitsSolutionAnswersItsExamples() {
        Task.Signature signature = new Task.Signature("Solution", "balancedSplits",
                List.of(new Task.Signature.Parameter("nums", "List[int]")), "int");
        String code = """
                class Solution:
                    def balancedSplits(self, nums: List[int]) -> int:
                        total, prefix, count = sum(nums), 0, 0
                        for x in nums[:-1]:
                            prefix += x
                            count += prefix * 2 == total
                        return count
                """;
        assertThat(run(code, signature, "nums = [1,2,3,0,3,3]")).isEqualTo("2\n");
        assertThat(run(code, signature, "nums = [5,5]")).isEqualTo("1\n");
    }

    private static String run(String code, Task.Signature signature, String input) {
        try (PreparedProgram program = runner.prepare(Language.PYTHON, code, Optional.of(signature))) {
            RunOutcome outcome = runner.runAll(program, List.of(RunInput.of(input)), SandboxFixture.LIMITS).get(0);
            assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
            return ((RunOutcome.Completed) outcome).stdout();
        }
    }
}
