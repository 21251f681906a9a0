package io.synthsmith.solver.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.llm.ChatRequest;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.solver.scripted.TaskFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolverPromptsTest {

    private final SolverPrompts prompts = new SolverPrompts(PromptTemplates.current());
    private final Task stdio = TaskFixtures.decode(TaskFixtures.codeforces("Festival {{Lights}}"));
    private final Task leetcode = TaskFixtures.decode(TaskFixtures.leetcode());

    private static String system(ChatRequest request) {
        return request.messages().get(0).content();
    }

    private static String user(ChatRequest request) {
        return request.messages().get(1).content();
    }

    @Test
    void everyRequestCarriesTheStatementAndLeavesNoPlaceholderUnfilled() {
        for (ChatRequest request : List.of(prompts.candidates(stdio, Language.PYTHON),
                prompts.candidates(stdio, Language.CPP), prompts.candidates(leetcode, Language.PYTHON),
                prompts.candidates(leetcode, Language.CPP), prompts.directInputs(stdio, 10),
                prompts.directInputs(leetcode, 10), prompts.generator(stdio), prompts.generator(leetcode),
                prompts.validator(stdio), prompts.validator(leetcode), prompts.bruteForce(stdio),
                prompts.bruteForce(leetcode))) {
            assertThat(request.messages()).hasSize(2);
            assertThat(system(request)).doesNotContain("{{");
            String user = user(request);
            assertThat(user.replace("Festival {{Lights}}", "")).doesNotContain("{{");
            assertThat(user).containsAnyOf(stdio.statement(), leetcode.statement());
        }
        assertThat(user(prompts.candidates(stdio, Language.PYTHON))).startsWith("# Task: Festival {{Lights}}")
                .contains(stdio.statement());
    }

    @Test
    void candidatePromptsShowTheTaskWithItsExamplesAsTheContestWould() {
        assertThat(user(prompts.candidates(stdio, Language.PYTHON))).startsWith("# Task: Festival {{Lights}}\n")
                .contains(stdio.statement() + "\n\nExamples\n\nInput\n```\n5 2 3\n1 3 2\n2 5 1\n```\nOutput\n```\n3 3 2\n```",
                        "Note\nIn example 1: Brightness ends as 2 3 3 1 1.");
        String leetcodePrompt = user(prompts.candidates(leetcode, Language.PYTHON));
        assertThat(leetcodePrompt.indexOf("Example 1:")).as("examples the statement already shows, once")
                .isEqualTo(leetcodePrompt.lastIndexOf("Example 1:"));
    }

    @Test
    void candidatePromptsAskForOneBlockInTheRunsLanguage() {
        ChatRequest python = prompts.candidates(stdio, Language.PYTHON);
        assertThat(system(python)).contains("exactly one", "code block");
        assertThat(user(python)).contains("```python", "complete Python 3 program");
        assertThat(user(prompts.candidates(stdio, Language.CPP))).contains("```cpp", "C++17", "int main()");
    }

    @Test
    void leetcodePromptsGiveTheSignatureAndForbidStdio() {
        String python = user(prompts.candidates(leetcode, Language.PYTHON));
        assertThat(python).contains("class Solution:", "def balancedSplits(self, nums: List[int]) -> int:",
                "Do not", "read input");
        assertThat(user(prompts.candidates(leetcode, Language.CPP))).contains("class `Solution`",
                "`balancedSplits`", "`nums` (List[int])", "Do not write `main`");
        assertThat(user(prompts.directInputs(leetcode, 10))).contains("nums = [1,2,3,0,3]");
    }

    @Test
    void testSourcePromptsSaySeedSizeClassesAndExitStatus() {
        assertThat(user(prompts.directInputs(stdio, 7))).startsWith("# Direct test inputs for: ")
                .contains("Write 7 test inputs", "JSON array of strings", "edge cases");
        assertThat(user(prompts.generator(stdio))).startsWith("# Input generator for: ")
                .contains("<seed>", "`small`", "`medium`", "`max`", "standard library only");
        assertThat(user(prompts.validator(stdio))).startsWith("# Input validator for: ")
                .contains("non-zero status", "status 0");
    }

    @Test
    void theBruteForcePromptAsksForTheSimplestCorrectProgramWithTheCandidatesContract() {
        assertThat(user(prompts.bruteForce(stdio))).startsWith("# Brute force for: Festival {{Lights}}\n")
                .contains("obviously correct", "exhaustive search", "Exponential time is fine", "literally",
                        "complete Python 3 program", "standard output");
        assertThat(user(prompts.bruteForce(leetcode))).startsWith("# Brute force for: ")
                .contains("def balancedSplits(self, nums: List[int]) -> int:", "a harness calls the method");
    }

    @Test
    void aTemplateWithAPlaceholderWithoutValueFailsNamingIt() {
        assertThatThrownBy(() -> PromptTemplates.current().render("candidates.user", Map.of("title", "t")))
                .hasMessageContaining("{{statement}}").hasMessageContaining("solver/v1/candidates.user.md");
        assertThat(PromptTemplates.VERSION).isEqualTo("solver-prompts/v1");
    }
}
