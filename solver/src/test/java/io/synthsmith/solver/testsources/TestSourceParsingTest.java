package io.synthsmith.solver.testsources;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.FinishReason;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Solved;
import io.synthsmith.solver.candidates.PythonSyntax;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestSourceParsingTest {

    private static ChatChoice reply(String answer, FinishReason finish) {
        return new ChatChoice(0, answer, "", finish);
    }

    @Test
    void directInputsAreTheStringsOfTheJsonArray() {
        TestSourceReply<List<String>> reply = TestSourceParsing.directInputs(reply(
                "Here:\n```json\n[\"1 2\\n\", \"  \", 7, \"3 4\\n\"]\n```", FinishReason.STOP));

        assertThat(reply).isEqualTo(new TestSourceReply.Usable<>(List.of("1 2\n", "3 4\n")));
    }

    @Test
    void directInputsAreReadFromTheLastArrayOrAWrappingObjectWithTrailingCommas() {
        // Qwen3 style: a draft list, then the final one with a trailing comma; gpt-oss style: wrapped in an object.
        assertThat(TestSourceParsing.directInputs(reply("Draft: [\"1\"]\n\nFinal:\n```json\n[\n  \"1 2\\n\",\n"
                + "  \"5 5\\n\",\n]\n```", FinishReason.STOP)))
                .isEqualTo(new TestSourceReply.Usable<>(List.of("1 2\n", "5 5\n")));
        assertThat(TestSourceParsing.directInputs(reply("{\"inputs\": [\"7\\n\"]}", FinishReason.STOP)))
                .isEqualTo(new TestSourceReply.Usable<>(List.of("7\n")));
    }

    @Test
    void directInputsWithoutStringsMalformedOrCutAreUnusableWithWhy() {
        assertThat(TestSourceParsing.directInputs(reply("```json\n[1, 2]\n```", FinishReason.STOP)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("no non-blank string"));
        assertThat(TestSourceParsing.directInputs(reply("```json\n[\"1\", 1 2]\n```", FinishReason.STOP)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("malformed"));
        assertThat(TestSourceParsing.directInputs(reply("[\"1\"]", FinishReason.LENGTH)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class, u -> assertThat(u.why()).contains("length"));
    }

    @Test
    void aProgramIsTheLastPythonBlockAndMustCompile() {
        PythonSyntax syntax = PythonSyntax.using("/usr/bin/python3");
        assertThat(TestSourceParsing.program(reply("```python\nprint(5)\n```", FinishReason.STOP), "m", syntax))
                .isEqualTo(new TestSourceReply.Usable<>(new Solved.Program(Language.PYTHON, "print(5)\n", "m")));
        assertThat(TestSourceParsing.program(reply("```python\na = 1\n```\nBetter:\n```python\nb = 2\n```\n"
                + "Run: ```bash\npython3 gen.py 1 max\n```", FinishReason.STOP), "m", syntax))
                .isEqualTo(new TestSourceReply.Usable<>(new Solved.Program(Language.PYTHON, "b = 2\n", "m")));
        assertThat(TestSourceParsing.program(reply("```python\ndef main(:\n    pass\n```", FinishReason.STOP), "m",
                syntax)).isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("does not compile", "line 1"));
        assertThat(TestSourceParsing.program(reply("no code", FinishReason.STOP), "m", syntax))
                .isInstanceOf(TestSourceReply.Unusable.class);
    }
}
