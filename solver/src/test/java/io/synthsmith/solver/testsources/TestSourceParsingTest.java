package io.synthsmith.solver.testsources;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.FinishReason;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Solved;
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
    void directInputsWithoutStringsMalformedOrCutAreUnusableWithWhy() {
        assertThat(TestSourceParsing.directInputs(reply("```json\n[1, 2]\n```", FinishReason.STOP)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("no non-blank string"));
        assertThat(TestSourceParsing.directInputs(reply("```json\n[\"1\",]\n```", FinishReason.STOP)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("malformed"));
        assertThat(TestSourceParsing.directInputs(reply("[\"1\"]", FinishReason.LENGTH)))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class, u -> assertThat(u.why()).contains("length"));
    }

    @Test
    void aProgramIsItsSingleCodeBlockInPython() {
        assertThat(TestSourceParsing.program(reply("```python\nprint(5)\n```", FinishReason.STOP), "m"))
                .isEqualTo(new TestSourceReply.Usable<>(new Solved.Program(Language.PYTHON, "print(5)\n", "m")));
        assertThat(TestSourceParsing.program(reply("```python\na\n```\n```python\nb\n```", FinishReason.STOP), "m"))
                .isInstanceOfSatisfying(TestSourceReply.Unusable.class,
                        u -> assertThat(u.why()).contains("2 code blocks"));
        assertThat(TestSourceParsing.program(reply("no code", FinishReason.STOP), "m"))
                .isInstanceOf(TestSourceReply.Unusable.class);
    }
}
