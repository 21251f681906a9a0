package io.synthsmith.evolver.generation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.messages.Style;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The statements of the replay script (examples/replay/llm-script.json) pass the statement checks of every style. */
class ReplayScriptStatementsTest {

    @Test
    void everyStatementReplyOfTheReplayScriptIsAccepted() throws Exception {
        JsonNode script = new ObjectMapper().readTree(Files.readString(
                Path.of("..", "examples", "replay", "llm-script.json")));
        ForbiddenTerms forbidden = new ForbiddenTerms(new PromptBook("v1").lines("forbidden-terms.txt"));
        int checked = 0;
        for (JsonNode rule : script.path("rules")) {
            String matcher = rule.path("lastUserMessage").asText("");
            if (!rule.path("stage").asText().equals("task-evolver")
                    || !(matcher.contains("write statement") || matcher.contains("canned brief"))) {
                continue;
            }
            for (JsonNode reply : rule.path("replies")) {
                String content = reply.path("content").asText();
                if (matcher.contains("style leetcode")) {
                    assertThat(Statement.parse(content, Style.LEETCODE, 2, forbidden).signature()).isNotNull();
                } else {
                    assertThat(Statement.parse(content, Style.CODEFORCES, 2, forbidden).samples()).hasSizeGreaterThan(1);
                    assertThat(Statement.parse(content, Style.ATCODER, 2, forbidden).title()).isNotBlank();
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(8);
    }
}
