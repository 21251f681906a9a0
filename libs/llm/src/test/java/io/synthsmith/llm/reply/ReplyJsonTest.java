package io.synthsmith.llm.reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyJsonTest {

    @Test
    void takesTheLastObjectSoADraftBeforeTheFinalAnswerLoses() {
        // DeepSeek-R1 style answer: a first attempt, a correction, the final block.
        String reply = """
                Let me first draft the tree:

                ```json
                {"features": {"algorithms": ["sorting"]}}
                ```

                Wait, I forgot the data structures used. The final answer:

                ```json
                {"features": {"algorithms": ["sorting"], "data structures": ["heap"]}}
                ```
                """;

        JsonExtraction result = ReplyJson.extractObject(reply, "features");

        assertThat(result).isInstanceOfSatisfying(JsonExtraction.Found.class, found -> {
            assertThat(found.value().path("features").has("data structures")).isTrue();
            assertThat(found.line()).isEqualTo(10);
        });
    }

    @Test
    void prefersTheLastObjectWithTheNamedFieldsOverALaterExample() {
        // GPT-4o style: the answer, then a remark that quotes a small object.
        String reply = """
                ```json
                {"selected": ["algorithms / sorting"], "integrationStrategy": "Sort, then sweep."}
                ```
                Note that each annotation has the form {"feature": "...", "use": "..."}.
                """;

        assertThat(ReplyJson.extractObject(reply, "selected").orThrow().path("integrationStrategy").asText())
                .isEqualTo("Sort, then sweep.");
        assertThat(ReplyJson.extractObject(reply).orThrow().has("use")).isTrue();
    }

    @Test
    void findsTheFinalObjectAfterALongAnswerFullOfCodeBraces() {
        StringBuilder reply = new StringBuilder("Here is the C++ I considered:\n```cpp\n");
        for (int i = 0; i < 3000; i++) {
            reply.append("for (int i = 0; i < n; i++) { if (a[i] > b[i]) { swap(a[i], b[i]); } }\n");
        }
        reply.append("```\nFinal answer:\n```json\n{\"inputs\": [\"1\\n\"]}\n```\n");

        assertThat(ReplyJson.extractObject(reply.toString(), "inputs").orThrow().path("inputs").get(0).asText())
                .isEqualTo("1\n");
    }

    @Test
    void findsJsonSurroundedByProseAndSkipsBracesThatAreNotJson() {
        String reply = "Using the set {a, b} we get:\n{\"inputs\": [\"1 2\", \"3 4\"]}\nHope this helps!";

        assertThat(ReplyJson.extractObject(reply).orThrow().path("inputs").get(1).asText()).isEqualTo("3 4");
    }

    @Test
    void findsTopLevelArraysNotTheArraysInsideAnObject() {
        assertThat(ReplyJson.extractArray("Tests: [\"1\", \"2\"] done").orThrow()).hasSize(2);
        assertThat(ReplyJson.extract("```\n[1, 2, 3]\n```").orThrow()).hasSize(3);
        assertThat(ReplyJson.extractArray("{\"inputs\": [\"1\"]}"))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("only an object at line 1"));
    }

    @Test
    void toleratesTrailingCommasCommentsAndRawNewlines() {
        // Qwen3 style: comments in the block, a trailing comma, a multi-line string written raw.
        String reply = """
                ```json
                {
                  // the statement
                  "title": "Hiker\\'s Pack",
                  "statement": "A hiker packs items.
                Input
                The first line holds n.",
                  /* samples follow */
                  "samples": [
                    {"input": "3\\n1 2 3\\n", "output": "6\\n",},
                  ],
                }
                ```
                """;

        JsonNode value = ReplyJson.extractObject(reply).orThrow();

        assertThat(value.path("statement").asText()).isEqualTo("A hiker packs items.\nInput\nThe first line holds n.");
        assertThat(value.path("samples").get(0).path("input").asText()).isEqualTo("3\n1 2 3\n");
        assertThat(value.path("title").asText()).isEqualTo("Hiker's Pack");
    }

    @Test
    void keepsLatexBackslashesExactlyInARealStatement() {
        // gpt-oss / R1 style: LaTeX written with single backslashes inside the JSON string, next to real \n escapes.
        String reply = """
                ```json
                {
                  "title": "Balanced Teams",
                  "statement": "Split $n$ players into two teams.\\n\\nInput\\nThe first line contains $n$ ($1 \\le n \\le 2 \\times 10^5$) and $k$ ($k \\neq 0$).\\nPrint $\\frac{a}{b} \\bmod 998244353$, i.e. $\\binom{n}{k}$ with $a \\rightarrow b$, over $\\{1,\\,2\\}$; each $a_i \\ne a_j$, $\\theta \\to \\tau$, $\\text{even}$, $\\nu$, $\\u0041$ and \\\\ stays.\\tTabbed\\nThe end.",
                  "samples": []
                }
                ```
                """;

        String statement = ReplyJson.extractObject(reply).orThrow().path("statement").asText();

        assertThat(statement).isEqualTo("Split $n$ players into two teams.\n\nInput\nThe first line contains $n$ "
                + "($1 \\le n \\le 2 \\times 10^5$) and $k$ ($k \\neq 0$).\nPrint $\\frac{a}{b} \\bmod 998244353$, "
                + "i.e. $\\binom{n}{k}$ with $a \\rightarrow b$, over $\\{1,\\,2\\}$; each $a_i \\ne a_j$, "
                + "$\\theta \\to \\tau$, $\\text{even}$, $\\nu$, $A$ and \\ stays.\tTabbed\nThe end.");
        assertThat(statement).doesNotContain("\f", "\b", "\r");
    }

    @Test
    void readsCorrectlyEscapedLatexTheSameWay() {
        String reply = "{\"statement\": \"$1 \\\\le n \\\\le 10^5$, $a \\\\times b$, $\\\\frac{1}{2}$\"}";

        assertThat(ReplyJson.extractObject(reply).orThrow().path("statement").asText())
                .isEqualTo("$1 \\le n \\le 10^5$, $a \\times b$, $\\frac{1}{2}$");
    }

    @Test
    void saysWhereMalformedJsonBroke() {
        String reply = "```json\n{\n  \"a\": 1,\n  \"b\": two\n}\n```";

        JsonExtraction result = ReplyJson.extractObject(reply);

        assertThat(result).isInstanceOfSatisfying(JsonExtraction.Malformed.class, malformed -> {
            assertThat(malformed.line()).isEqualTo(4);
            assertThat(malformed.column()).isEqualTo(8);
            assertThat(malformed.problem()).contains("'two' is not a JSON value");
        });
        assertThatThrownBy(result::orThrow).isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining("malformed at line 4, column 8");
    }

    @Test
    void saysWhenTheJsonIsCut() {
        assertThat(ReplyJson.extract("```json\n{\"a\": [1, 2"))
                .isInstanceOfSatisfying(JsonExtraction.Malformed.class,
                        malformed -> assertThat(malformed.problem()).containsIgnoringCase("end-of-input"));
    }

    @Test
    void saysWhenThereIsNoJsonOrOnlyTheWrongShape() {
        assertThat(ReplyJson.extractObject("I cannot help with that."))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("no JSON object"));
        assertThat(ReplyJson.extractObject("values: [1, 2]"))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("only an array at line 1"));
    }
}
