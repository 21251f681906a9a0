package io.synthsmith.scriptedllm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptFileTest {

    @Test
    void readsEveryKindOfReplyFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("script.json");
        Files.writeString(file, """
                {
                  "latencyMs": 200, "capacity": 64, "overflow": "reject", "overflowRetryAfterSeconds": 2,
                  "seed": 7, "recordLimit": 5,
                  "rules": [
                    { "stage": "solver", "lastUserMessage": "two sum",
                      "replies": [
                        { "fault": "rate-limited", "retryAfterSeconds": 1 },
                        { "fault": "rate-limited", "retryAfterSeconds": 1, "retryAfterFormat": "http-date" },
                        { "fault": "http-error", "status": 503, "message": "busy" },
                        { "fault": "malformed-body" },
                        { "fault": "truncated-body", "content": "cut" },
                        { "content": "late", "delayMs": 5000 },
                        { "content": "def f(): pass", "reasoning": "think", "reasoningField": "reasoning",
                          "finishReason": "length", "usage": { "promptTokens": 1, "completionTokens": 2 },
                          "n": "ignore" }
                      ],
                      "randomFault": { "probability": 0.25, "reply": { "fault": "http-error", "status": 500 } } },
                    { "replies": [ { "content": null } ] }
                  ]
                }
                """);

        Script script = ScriptFile.load(file);

        assertThat(script.latency()).isEqualTo(Duration.ofMillis(200));
        assertThat(script.capacity()).isEqualTo(64);
        assertThat(script.overflow()).isEqualTo(Script.Overflow.REJECT);
        assertThat(script.overflowRetryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(script.seed()).isEqualTo(7);
        assertThat(script.recordLimit()).isEqualTo(5);
        ScriptRule rule = script.rules().get(0);
        assertThat(rule.stage()).isEqualTo("solver");
        assertThat(rule.lastUserMessage().pattern()).isEqualTo("two sum");
        assertThat(rule.randomFault().probability()).isEqualTo(0.25);
        assertThat(rule.replies()).hasSize(7);
        assertThat(rule.replies().get(0)).isEqualTo(new ScriptedResponse.RateLimited(Duration.ofSeconds(1),
                ScriptedResponse.RetryAfterFormat.SECONDS));
        assertThat(rule.replies().get(1)).isEqualTo(ScriptedResponse.rateLimitedUntil(Duration.ofSeconds(1)));
        assertThat(rule.replies().get(2)).isEqualTo(ScriptedResponse.httpError(503, "busy"));
        assertThat(rule.replies().get(3)).isEqualTo(ScriptedResponse.malformedBody());
        assertThat(rule.replies().get(4)).isEqualTo(ScriptedResponse.truncatedBody(ScriptedResponse.completion("cut")));
        assertThat(rule.replies().get(5)).isEqualTo(ScriptedResponse.slow(Duration.ofSeconds(5),
                ScriptedResponse.completion("late")));
        assertThat(rule.replies().get(6)).isEqualTo(ScriptedResponse.completion("def f(): pass").withReasoning("think")
                .withReasoningField(ScriptedResponse.ReasoningField.REASONING).withFinishReason("length")
                .withUsage(1, 2, null).ignoringN());
        assertThat(script.rules().get(1).stage()).isNull();
        assertThat(script.rules().get(1).replies().get(0)).isEqualTo(ScriptedResponse.completion(null));
    }

    @Test
    void readsTemplateRepliesAndCyclingRules() {
        Script script = ScriptFile.parse("""
                { "rules": [
                    { "lastUserMessage": "brief #(\\\\d+)", "cycle": true,
                      "replies": [
                        { "content": "fee {{match.1 + 1}}", "reasoning": "request {{seq}}", "template": true },
                        { "content": "{{seq}} as written", "template": false },
                        { "fault": "truncated-body", "content": "cut at {{seq}}", "template": true } ] } ] }""",
                "inline script");

        ScriptRule rule = script.rules().get(0);
        assertThat(rule.cycle()).isTrue();
        assertThat(rule.replies().get(0)).isEqualTo(ScriptedResponse.completion("fee {{match.1 + 1}}")
                .withReasoning("request {{seq}}").asTemplate());
        assertThat(rule.replies().get(1)).isEqualTo(ScriptedResponse.completion("{{seq}} as written"));
        assertThat(rule.replies().get(2)).isEqualTo(ScriptedResponse.truncatedBody(
                ScriptedResponse.completion("cut at {{seq}}").asTemplate()));
    }

    @Test
    void templateErrorsNameTheJsonPath() {
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "replies": [ { "content": "{{seq * }}", "template": true } ] } ] }""", "s.json"))
                .hasMessageContaining("s.json: $.rules[0].replies[0]: template content: the placeholder {{seq * }}");
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "lastUserMessage": "#(\\\\d+)",
                  "replies": [ { "content": "x" }, { "content": "{{match.2}}", "template": true } ] } ] }""",
                "s.json"))
                .hasMessageContaining("s.json: $.rules[0].replies[1].content: {{match.2}} refers to group 2, but "
                        + "the rule's lastUserMessage regex has 1 group(s)");
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "replies": [ { "content": "x", "template": "yes" } ] } ] }""", "s.json"))
                .hasMessageContaining("$.rules[0].replies[0].template: expected true or false");
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "cycle": 1, "replies": [ { "content": "x" } ] } ] }""", "s.json"))
                .hasMessageContaining("$.rules[0].cycle: expected true or false");
    }

    @Test
    void errorsNameTheSourceAndTheJsonPath() {
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "replies": [ { "content": "x", "finsihReason": "stop" } ] } ] }""", "replay.json"))
                .hasMessageContaining("replay.json: $.rules[0].replies[0].finsihReason: unknown field");
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "lastUserMessage": "(", "replies": [ { "content": "x" } ] } ] }""", "s.json"))
                .hasMessageContaining("s.json: $.rules[0].lastUserMessage: not a valid regex");
        assertThatThrownBy(() -> ScriptFile.parse("""
                { "rules": [ { "replies": [ { "fault": "teapot" } ] } ] }""", "s.json"))
                .hasMessageContaining("$.rules[0].replies[0].fault: expected one of");
        assertThatThrownBy(() -> ScriptFile.parse("{ \"rules\": [ ", "s.json"))
                .hasMessageContaining("s.json: not valid JSON at line 1");
        assertThatThrownBy(() -> ScriptFile.parse("{ \"rules\": [ { \"replies\": [] } ] }", "s.json"))
                .hasMessageContaining("$.rules[0].replies: expected a non-empty array");
    }
}
