package io.synthsmith.solver.candidates;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.FinishReason;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.solver.scripted.SolverScript;
import io.synthsmith.solver.scripted.TaskFixtures;
import org.junit.jupiter.api.Test;

class CandidateScreenTest {

    private static final String REASONING = "r".repeat(50);
    private static final Candidate.TokenUsage USAGE = new Candidate.TokenUsage(10L, 100L, 80L);

    private final CandidateScreen screen = new CandidateScreen(50);
    private final Task stdio = TaskFixtures.decode(TaskFixtures.codeforces("Screened"));
    private final Task leetcode = TaskFixtures.decode(TaskFixtures.leetcode());

    private Screening screen(Task task, String answer, String reasoning, FinishReason finish, Language language) {
        return screen.screen(new ChatChoice(0, answer, reasoning, finish), task, language, "m", "candidate-1", USAGE);
    }

    private DropReason dropped(Task task, String answer, String reasoning, FinishReason finish, Language language) {
        Screening screening = screen(task, answer, reasoning, finish, language);
        assertThat(screening).isInstanceOf(Screening.Dropped.class);
        return ((Screening.Dropped) screening).reason();
    }

    @Test
    void keepsOneCompleteBlockWithLongReasoningAndRecordsEverything() {
        Screening screening = screen(stdio, "Sort.\n```python\nprint(1)\n```\n", REASONING, FinishReason.STOP,
                Language.PYTHON);

        assertThat(screening).isInstanceOf(Screening.Kept.class);
        Candidate candidate = ((Screening.Kept) screening).candidate();
        assertThat(candidate.code()).isEqualTo("print(1)\n");
        assertThat(candidate.answer()).contains("Sort.");
        assertThat(candidate.reasoning()).isEqualTo(REASONING);
        assertThat(candidate.model()).isEqualTo("m");
        assertThat(candidate.language()).isEqualTo(Language.PYTHON);
        assertThat(candidate.finishReason()).isEqualTo("stop");
        assertThat(candidate.usage()).isEqualTo(USAGE);
        assertThat(candidate.id()).isEqualTo("candidate-1");
    }

    @Test
    void dropsEachKindOfUnusableAnswerWithItsReason() {
        String ok = "```python\nprint(1)\n```";
        assertThat(dropped(stdio, ok, REASONING, FinishReason.LENGTH, Language.PYTHON)).isEqualTo(DropReason.TRUNCATED);
        assertThat(dropped(stdio, "just prose", REASONING, FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.NO_CODE_BLOCK);
        assertThat(dropped(stdio, "```python\nprint(1)\n", REASONING, FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.UNTERMINATED_CODE_BLOCK);
        assertThat(dropped(stdio, "```python\n\n```", REASONING, FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.EMPTY_CODE_BLOCK);
        assertThat(dropped(stdio, "```cpp\nint main(){}\n```", REASONING, FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.WRONG_LANGUAGE);
        assertThat(dropped(stdio, ok, "short", FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.SHORT_REASONING);
    }

    @Test
    void untaggedBlocksAndLanguageAliasesFitTheRunsLanguage() {
        assertThat(screen(stdio, "```\nprint(1)\n```", REASONING, FinishReason.STOP, Language.PYTHON))
                .isInstanceOf(Screening.Kept.class);
        assertThat(screen(stdio, "```py\nprint(1)\n```", REASONING, FinishReason.STOP, Language.PYTHON))
                .isInstanceOf(Screening.Kept.class);
        Screening cpp = screen(stdio, "```c++\nint main() { return 0; }\n```", REASONING, FinishReason.STOP,
                Language.CPP);
        assertThat(cpp).isInstanceOf(Screening.Kept.class);
        assertThat(((Screening.Kept) cpp).candidate().language()).isEqualTo(Language.CPP);
    }

    @Test
    void leetcodeAnswersMustDefineTheSignaturesClassAndMethod() {
        assertThat(screen(leetcode, SolverScript.LEETCODE_ANSWER, REASONING, FinishReason.STOP, Language.PYTHON))
                .isInstanceOf(Screening.Kept.class);
        assertThat(dropped(leetcode, SolverScript.STDIO_ANSWER, REASONING, FinishReason.STOP, Language.PYTHON))
                .isEqualTo(DropReason.MISSING_SIGNATURE);
        assertThat(dropped(leetcode, "```python\nclass Solution:\n    def other(self, nums):\n        return 0\n```",
                REASONING, FinishReason.STOP, Language.PYTHON)).isEqualTo(DropReason.MISSING_SIGNATURE);
        assertThat(screen(leetcode, "```cpp\nclass Solution {\npublic:\n    int balancedSplits(vector<int>& nums) "
                + "{ return 0; }\n};\n```", REASONING, FinishReason.STOP, Language.CPP))
                .isInstanceOf(Screening.Kept.class);
    }

    @Test
    void keepsTheLastPythonBlockOfAnAnswerWithRunLinesAndSampleOutput() {
        // GPT-4o style answer: the solution, a bash line to run it and the output it prints.
        String answer = """
                Here is my solution:

                ```python
                import sys
                data = sys.stdin.read().split()
                print(sum(map(int, data[1:])))
                ```

                You can run it like this:

                ```bash
                echo "3 1 2 3" | python3 solution.py
                ```

                which prints

                ```text
                6
                ```
                """;

        Screening screening = screen(stdio, answer, REASONING, FinishReason.STOP, Language.PYTHON);

        assertThat(screening).isInstanceOf(Screening.Kept.class);
        assertThat(((Screening.Kept) screening).candidate().code()).startsWith("import sys\n").endsWith("[1:])))\n");
    }

    @Test
    void dropsPythonThatDoesNotCompileWithTheLineAndKeepsPythonThatDoes() {
        CandidateScreen checked = new CandidateScreen(0, PythonSyntax.using("/usr/bin/python3"));
        // A Qwen3-style slip: a C-style comment and a missing colon in the final code.
        String broken = "```python\nn = int(input())\n// read n\nfor i in range(n)\n    print(i)\n```";
        Screening screening = checked.screen(new ChatChoice(0, broken, "", FinishReason.STOP), stdio,
                Language.PYTHON, "m", "candidate-1", USAGE);

        assertThat(screening).isInstanceOfSatisfying(Screening.Dropped.class, drop -> {
            assertThat(drop.reason()).isEqualTo(DropReason.SYNTAX_ERROR);
            assertThat(drop.detail()).contains("line 2: SyntaxError");
        });
        assertThat(checked.screen(new ChatChoice(0, "```python\nfor i in range(3):\n    print(i)\n```", "",
                FinishReason.STOP), stdio, Language.PYTHON, "m", "candidate-1", USAGE))
                .isInstanceOf(Screening.Kept.class);
        assertThat(PythonSyntax.using("/nonexistent/python3").error("for i in")).isEmpty();
        assertThat(PythonSyntax.using("none").error("for i in")).isEmpty();
    }

    @Test
    void aMinimumOfZeroKeepsAnswersWithoutReasoning() {
        assertThat(new CandidateScreen(0).screen(new ChatChoice(0, "```python\nprint(1)\n```", "", FinishReason.STOP),
                stdio, Language.PYTHON, "m", "candidate-1", USAGE)).isInstanceOf(Screening.Kept.class);
    }
}
