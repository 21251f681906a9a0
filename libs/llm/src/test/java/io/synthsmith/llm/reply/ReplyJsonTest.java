package io.synthsmith.llm.reply;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplyJsonTest {

    @Test
    void takesTheJsonFencedBlockOverJsonInTheProse() {
        String reply = """
                The tree is {"draft": true}, but here is the final one:

                ```json
                {"features": [{"name": "prefix sums", "children": []}]}
                ```
                """;

        JsonExtraction result = ReplyJson.extractObject(reply);

        assertThat(result).isInstanceOfSatisfying(JsonExtraction.Found.class, found -> {
            assertThat(found.value().path("features").get(0).path("name").asText()).isEqualTo("prefix sums");
            assertThat(found.line()).isEqualTo(4);
        });
    }

    @Test
    void findsJsonSurroundedByProseAndSkipsBracesThatAreNotJson() {
        String reply = "Using the set {a, b} we get:\n{\"inputs\": [\"1 2\", \"3 4\"]}\nHope this helps!";

        assertThat(ReplyJson.extractObject(reply).orThrow().path("inputs").get(1).asText()).isEqualTo("3 4");
    }

    @Test
    void findsArraysWhenAnArrayIsExpected() {
        assertThat(ReplyJson.extractArray("Tests: [\"1\", \"2\"] done").orThrow()).hasSize(2);
        assertThat(ReplyJson.extract("```\n[1, 2, 3]\n```").orThrow()).hasSize(3);
    }

    @Test
    void saysWhereMalformedJsonBroke() {
        String reply = "```json\n{\n  \"a\": 1,\n  \"b\": 2,\n}\n```";

        JsonExtraction result = ReplyJson.extractObject(reply);

        assertThat(result).isInstanceOfSatisfying(JsonExtraction.Malformed.class, malformed -> {
            assertThat(malformed.line()).isEqualTo(5);
            assertThat(malformed.column()).isEqualTo(1);
            assertThat(malformed.problem()).contains("double-quote to start field name");
        });
        assertThatThrownBy(result::orThrow).isInstanceOf(ReplyFormatException.class)
                .hasMessageContaining("malformed at line 5, column 1");
    }

    @Test
    void reportsTheMostCompleteAttemptWhenProseJsonIsBroken() {
        String reply = "Let {x} be the answer:\n{\"answer\": 42, \"proof\": \"trivial\",}";

        JsonExtraction result = ReplyJson.extractObject(reply);

        assertThat(result).isInstanceOfSatisfying(JsonExtraction.Malformed.class, malformed -> {
            assertThat(malformed.line()).isEqualTo(2);
            assertThat(malformed.near()).contains("trivial");
        });
    }

    @Test
    void saysWhenAJsonBlockHoldsMoreThanOneValueOrIsCut() {
        assertThat(ReplyJson.extract("```json\n{\"a\": 1} {\"b\": 2}\n```"))
                .isInstanceOfSatisfying(JsonExtraction.Malformed.class,
                        malformed -> assertThat(malformed.problem()).contains("unexpected text after the JSON value"));
        assertThat(ReplyJson.extract("```json\n{\"a\": [1, 2"))
                .isInstanceOfSatisfying(JsonExtraction.Malformed.class,
                        malformed -> assertThat(malformed.problem()).containsIgnoringCase("end-of-input"));
    }

    @Test
    void saysWhenThereIsNoJsonOrOnlyTheWrongShape() {
        assertThat(ReplyJson.extractObject("I cannot help with that."))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("no JSON object"));
        assertThat(ReplyJson.extractObject("```json\n[1]\n```"))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("expected a JSON object", "an array"));
        assertThat(ReplyJson.extractObject("values: [1, 2]"))
                .isInstanceOfSatisfying(JsonExtraction.NotFound.class,
                        notFound -> assertThat(notFound.reason()).contains("only an array at line 1"));
    }
}
