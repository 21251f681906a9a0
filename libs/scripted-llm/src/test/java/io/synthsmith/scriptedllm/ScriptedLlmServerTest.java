package io.synthsmith.scriptedllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedLlmServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ScriptedLlmServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersWithAsManyChoicesAsNAndRecordsTheRequest() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("42").withReasoning("thought"))));

        HttpResponse<String> response = post("solver", "{\"model\":\"m1\",\"n\":3,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"what is six times seven\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("server")).hasValueSatisfying(v -> assertThat(v).contains("not a model"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("model").asText()).isEqualTo("m1");
        assertThat(body.path("choices")).hasSize(3);
        assertThat(body.path("choices").get(2).path("message").path("content").asText()).isEqualTo("42");
        assertThat(body.path("choices").get(0).path("message").path("reasoning_content").asText()).isEqualTo("thought");
        assertThat(body.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
        assertThat(body.path("usage").path("completion_tokens").asInt()).isPositive();
        assertThat(body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt()).isPositive();
        RecordedRequest recorded = server.chatRequests().get(0);
        assertThat(recorded.n()).hasValue(3);
        assertThat(recorded.stage()).hasValue("solver");
        assertThat(recorded.header("Authorization")).hasValue("Bearer test-key");
        assertThat(recorded.lastUserMessage()).isEqualTo("what is six times seven");
        assertThat(server.chatRequestCount()).isEqualTo(1);
    }

    @Test
    void firstMatchingRuleWinsAndItsRepliesAreUsedInOrderThenTheLastRepeats() throws Exception {
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.forStage("solver", completion("solution 1"), completion("solution 2"))
                        .whenLastUserMessageMatches("two sum"),
                ScriptRule.forStage("solver", completion("other solver task")),
                ScriptRule.always(completion("any stage"))));

        assertThat(content(post("solver", chat("solve the two sum problem")))).isEqualTo("solution 1");
        assertThat(content(post("solver", chat("solve two sum again")))).isEqualTo("solution 2");
        assertThat(content(post("solver", chat("and two sum once more")))).isEqualTo("solution 2");
        assertThat(content(post("solver", chat("a graph task")))).isEqualTo("other solver task");
        assertThat(content(post("task-evolver", chat("two sum")))).isEqualTo("any stage");
    }

    @Test
    void ignoringNAnswersOneChoiceAndReasoningCanUseTheReasoningField() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("only one").ignoringN()
                .withReasoning("r").withReasoningField(ScriptedResponse.ReasoningField.REASONING)
                .withFinishReason("length").withUsage(11, 22, 5))));

        JsonNode body = JSON.readTree(post("solver", "{\"model\":\"m\",\"n\":4,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body());

        assertThat(body.path("choices")).hasSize(1);
        JsonNode choice = body.path("choices").get(0);
        assertThat(choice.path("message").path("reasoning").asText()).isEqualTo("r");
        assertThat(choice.path("message").has("reasoning_content")).isFalse();
        assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
        assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(11);
        assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(22);
        assertThat(body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(5);
    }

    @Test
    void injectsRateLimitsWithRetryAfterInSecondsOrAsAnHttpDate() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(
                ScriptedResponse.rateLimited(Duration.ofMillis(1500)),
                ScriptedResponse.rateLimitedUntil(Duration.ofSeconds(30)),
                ScriptedResponse.rateLimited(null))));

        HttpResponse<String> seconds = post("s", chat("x"));
        HttpResponse<String> date = post("s", chat("x"));
        HttpResponse<String> none = post("s", chat("x"));

        assertThat(seconds.statusCode()).isEqualTo(429);
        assertThat(seconds.headers().firstValue("retry-after")).hasValue("2");
        assertThat(date.statusCode()).isEqualTo(429);
        Instant until = ZonedDateTime.parse(date.headers().firstValue("retry-after").orElseThrow(),
                DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        assertThat(until).isBetween(Instant.now().plusSeconds(25), Instant.now().plusSeconds(32));
        assertThat(none.statusCode()).isEqualTo(429);
        assertThat(none.headers().firstValue("retry-after")).isEmpty();
    }

    @Test
    void injectsServerErrorsMalformedBodiesAndTruncatedBodies() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(
                ScriptedResponse.httpError(503, "overloaded"),
                ScriptedResponse.malformedBody(),
                ScriptedResponse.truncatedBody(completion("a long answer ".repeat(100))))));

        HttpResponse<String> error = post("s", chat("x"));
        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(error.body()).path("error").path("message").asText()).isEqualTo("overloaded");

        HttpResponse<String> malformed = post("s", chat("x"));
        assertThat(malformed.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> JSON.readTree(malformed.body())).isInstanceOf(IOException.class);

        assertThatThrownBy(() -> post("s", chat("x"))).isInstanceOf(IOException.class);
    }

    @Test
    void slowRepliesComeAfterTheirDelayOnTopOfTheLatency() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(
                ScriptedResponse.slow(Duration.ofMillis(600), completion("late")))).withLatency(Duration.ofMillis(200)));

        long started = System.nanoTime();
        HttpResponse<String> response = post("s", chat("x"));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(780));
        assertThat(content(response)).isEqualTo("late");
    }

    @Test
    void requestsBeyondCapacityQueueUntilASlotFrees() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("ok")))
                .withLatency(Duration.ofMillis(300)).withCapacity(2));

        long started = System.nanoTime();
        List<HttpResponse<String>> responses = postConcurrently(6);

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(server.maxConcurrentRequests()).isEqualTo(6);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(880));
    }

    @Test
    void requestsBeyondCapacityAreRejectedWith429WhenTheScriptSaysSo() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("ok")))
                .withLatency(Duration.ofMillis(500)).withCapacityRejecting(1, Duration.ofSeconds(3)));

        List<HttpResponse<String>> responses = postConcurrently(3);

        assertThat(responses).filteredOn(r -> r.statusCode() == 200).hasSize(1);
        assertThat(responses).filteredOn(r -> r.statusCode() == 429).hasSize(2)
                .allSatisfy(r -> assertThat(r.headers().firstValue("retry-after")).hasValue("3"));
    }

    @Test
    void randomFaultsFollowTheirProbability() throws Exception {
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.forStage("always-failing", completion("never")).withRandomFault(1.0,
                        ScriptedResponse.httpError(500, "boom")),
                ScriptRule.always(completion("fine")).withRandomFault(0.0, ScriptedResponse.httpError(500, "no"))));

        assertThat(post("always-failing", chat("x")).statusCode()).isEqualTo(500);
        assertThat(post("always-failing", chat("x")).statusCode()).isEqualTo(500);
        assertThat(content(post("other", chat("x")))).isEqualTo("fine");
    }

    @Test
    void aRequestNoRuleMatchesGetsA400ThatSaysSo() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.forStage("solver", completion("x"))));

        HttpResponse<String> response = post("verifier", chat("hello"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no rule of the script matches stage 'verifier'").contains("hello");
    }

    @Test
    void listsTheScriptedModel() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("x"))));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/models"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("data").get(0).path("id").asText())
                .isEqualTo(ScriptedLlmServer.MODEL_ID);
    }

    @Test
    void keepsOnlyTheMostRecentRequestsUpToTheRecordLimit() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("x"))).withRecordLimit(2));

        post("s", chat("first"));
        post("s", chat("second"));
        post("s", chat("third"));

        assertThat(server.chatRequests()).extracting(RecordedRequest::lastUserMessage)
                .containsExactly("second", "third");
        assertThat(server.chatRequestCount()).isEqualTo(3);
    }

    @Test
    void templateRepliesNumberEachRequestAndCarryNumbersFromThePrompt() throws Exception {
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.forStage("task-evolver", completion("[brief #{{seq}}]").asTemplate())
                        .whenLastUserMessageMatches("^Task: select"),
                ScriptRule.forStage("task-evolver", completion("fee {{match.1}}, sample answer {{match.1 * 3 + 6}}")
                                .withReasoning("brief {{match.1}} is request {{seq}} of this rule").asTemplate())
                        .whenLastUserMessageMatches("\\[brief #(\\d+)\\]")));

        assertThat(content(post("task-evolver", chat("Task: select features")))).isEqualTo("[brief #1]");
        assertThat(content(post("task-evolver", chat("Task: select features")))).isEqualTo("[brief #2]");
        assertThat(content(post("task-evolver", chat("Task: select features")))).isEqualTo("[brief #3]");
        HttpResponse<String> statement = post("task-evolver", chat("Task: write statement\nbrief: [brief #2]"));
        HttpResponse<String> another = post("task-evolver", chat("Task: write statement\nbrief: [brief #13]"));

        assertThat(content(statement)).isEqualTo("fee 2, sample answer 12");
        assertThat(reasoning(statement)).isEqualTo("brief 2 is request 1 of this rule");
        assertThat(content(another)).isEqualTo("fee 13, sample answer 45");
        assertThat(reasoning(another)).isEqualTo("brief 13 is request 2 of this rule");
    }

    @Test
    void templateArithmeticHasPrecedenceParenthesesAndFloorDivision() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion(
                "{{7 - 2 * 3}} {{(7 - 2) * 3}} {{-7 % 3}} {{-7 / 2}} {{17 % 5}} {{ match.0 }} {{seq % 2}}")
                .asTemplate()).whenLastUserMessageMatches("007")));

        assertThat(content(post("s", chat("agent 007")))).isEqualTo("1 15 2 -4 2 007 1");
        assertThat(content(post("s", chat("agent 007")))).isEqualTo("1 15 2 -4 2 007 0");
    }

    @Test
    void repliesThatAreNotTemplatesAreSentAsWritten() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("{{seq}} and {{match.9}}"))));

        assertThat(content(post("s", chat("x")))).isEqualTo("{{seq}} and {{match.9}}");
    }

    @Test
    void templatesAreFilledInsideSlowAndTruncatedReplies() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(
                ScriptedResponse.slow(Duration.ofMillis(50), completion("late {{seq}}").asTemplate()),
                ScriptedResponse.slow(Duration.ofMillis(50), completion("again {{seq * 10}}").asTemplate()))));

        assertThat(content(post("s", chat("x")))).isEqualTo("late 1");
        assertThat(content(post("s", chat("x")))).isEqualTo("again 20");
    }

    @Test
    void aCyclingRuleStartsItsRepliesOverAndSeqKeepsCounting() throws Exception {
        server = ScriptedLlmServer.start(Script.of(ScriptRule.always(
                completion("A#{{seq}}").asTemplate(), completion("B#{{seq}}").asTemplate(), completion("C")).cycling()));

        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            contents.add(content(post("s", chat("x"))));
        }

        assertThat(contents).containsExactly("A#1", "B#2", "C", "A#4", "B#5", "C", "A#7");
    }

    @Test
    void aTemplateThatCannotBeFilledForARequestGetsA500NamingTheRuleAndTheProblem() throws Exception {
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.always(completion("never")).whenLastUserMessageMatches("^never$"),
                ScriptRule.always(completion("next {{match.1 + 1}}").asTemplate())
                        .whenLastUserMessageMatches("n=(\\w+)|m=(\\d+)")));

        assertThat(content(post("s", chat("n=41")))).isEqualTo("next 42");
        HttpResponse<String> notANumber = post("s", chat("n=abc"));
        HttpResponse<String> noGroup = post("s", chat("m=5"));

        assertThat(notANumber.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(notANumber.body()).path("error").path("message").asText())
                .contains("script rule 1 ($.rules[1]").contains("request 2 of the rule")
                .contains("{{match.1 + 1}}: group 1 is 'abc', not an integer");
        assertThat(noGroup.statusCode()).isEqualTo(500);
        assertThat(noGroup.body()).contains("group 1 of the rule's lastUserMessage regex matched nothing");
    }

    @Test
    void aMalformedTemplateOrOneNamingAMissingGroupIsRefusedWhenTheScriptIsBuilt() {
        assertThatThrownBy(() -> completion("{{seq +}}").asTemplate())
                .hasMessageContaining("template content: the placeholder {{seq +}} ends where a value belongs");
        assertThatThrownBy(() -> completion("ok").withReasoning("{{sq}}").asTemplate())
                .hasMessageContaining("template reasoning: the placeholder {{sq}} has the unknown name 'sq'");
        assertThatThrownBy(() -> completion("total {{seq").asTemplate())
                .hasMessageContaining("is never closed with }}");
        assertThatThrownBy(() -> completion("{{(seq}}").asTemplate())
                .hasMessageContaining("misses a closing parenthesis");
        assertThatThrownBy(() -> Script.of(ScriptRule.always(completion("ok")),
                ScriptRule.always(completion("x"), completion("{{match.2}}").asTemplate())
                        .whenLastUserMessageMatches("brief #(\\d+)")))
                .hasMessageContaining("rule 1: replies[1].content: {{match.2}} refers to group 2, but the rule's "
                        + "lastUserMessage regex has 1 group(s)");
        assertThatThrownBy(() -> Script.of(ScriptRule.always(completion("{{match.1}}").asTemplate())))
                .hasMessageContaining("rule 0: replies[0].content: {{match.1}} refers to match.1, but the rule has "
                        + "no lastUserMessage regex");
        assertThatThrownBy(() -> Script.of(ScriptRule.always(completion("x"))
                .withRandomFault(0.5, ScriptedResponse.truncatedBody(completion("{{match.0}}").asTemplate()))))
                .hasMessageContaining("rule 0: randomFault.reply.content: {{match.0}} refers to match.0");
    }

    private List<HttpResponse<String>> postConcurrently(int count) {
        List<CompletableFuture<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(http.sendAsync(request("s", chat("x")), HttpResponse.BodyHandlers.ofString()));
        }
        return futures.stream().map(CompletableFuture::join).toList();
    }

    private HttpResponse<String> post(String stage, String body) throws IOException, InterruptedException {
        return http.send(request(stage, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String stage, String body) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chat/completions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer test-key")
                .header(ScriptedLlmServer.STAGE_HEADER, stage)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String chat(String userMessage) {
        return JSON.createObjectNode().put("model", "m").set("messages",
                JSON.createArrayNode().add(JSON.createObjectNode().put("role", "user").put("content", userMessage)))
                .toString();
    }

    private static String reasoning(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("choices").get(0).path("message").path("reasoning_content").asText();
    }

    private static String content(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("choices").get(0).path("message").path("content").asText();
    }
}
