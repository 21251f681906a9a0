package io.synthsmith.evolver.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.llm.settings.LlmEndpointSettings;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.vertx.core.Vertx;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bounded retries with the parse error fed back, through the real client and the scripted server over HTTP. */
class LlmConversationTest {

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ScriptedLlmServer server;
    private LlmClient client;

    @AfterEach
    void stop() {
        client.close();
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void anUnparsableReplyIsAnsweredWithItsErrorAndTheNextOneIsUsed() {
        LlmConversation conversation = start(ScriptRule.always(
                ScriptedResponse.completion("no JSON here").withUsage(100, 20, 7),
                ScriptedResponse.completion("{\"answer\": 42}").withUsage(130, 9, 4)));

        Exchange<Integer> exchange = conversation.ask("selection", "system", "Task: answer (run r)\nWhat is it?",
                LlmConversationTest::answer, 3);

        assertThat(exchange).isInstanceOfSatisfying(Exchange.Parsed.class, parsed -> {
            assertThat(parsed.value()).isEqualTo(42);
            assertThat(parsed.model()).isEqualTo("scripted");
            assertThat(parsed.attempts()).isEqualTo(2);
        });
        // the tokens of both attempts: the unusable reply was paid for too
        assertThat(exchange.cost()).isEqualTo(new io.synthsmith.messages.Lineage.Cost(230, 29, 11L, 0));
        List<RecordedRequest> requests = server.chatRequests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).lastUserMessage()).startsWith("Task: answer (run r)")
                .contains("Your previous reply could not be used").contains("no JSON object");
        assertThat(requests.get(1).json().path("messages")).hasSize(4);
        assertThat(registry.counter("synthsmith.task-evolver.replies", "step", "selection", "outcome", "unparsable")
                .count()).isEqualTo(1);
    }

    @Test
    void repliesThatNeverParseOrAreCutOffGiveUpAfterTheAttemptsWithEveryError() {
        LlmConversation conversation = start(ScriptRule.always(
                ScriptedResponse.completion("{\"answer\": ").withFinishReason("length"),
                ScriptedResponse.completion("{\"answer\": \"many\"}")));

        Exchange<Integer> exchange = conversation.ask("statement", "system", "Task: answer (run r)",
                LlmConversationTest::answer, 3);

        assertThat(exchange).isInstanceOf(Exchange.Unparsable.class);
        Exchange.Unparsable<Integer> failed = (Exchange.Unparsable<Integer>) exchange;
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.errors()).hasSize(3);
        assertThat(failed.errors().get(0)).contains("cut off by the token limit");
        assertThat(failed.lastError()).contains("\"answer\" must be a number");
        assertThat(server.chatRequests()).hasSize(3);
    }

    @Test
    void aReplyThatParsesButFailsACheckIsCountedApartFromUnparsableOnes() {
        LlmConversation conversation = start(ScriptRule.always(ScriptedResponse.completion("{\"answer\": -1}"),
                ScriptedResponse.completion("{\"answer\": 7}")));

        Exchange<Integer> exchange = conversation.ask("statement", "system", "Task: answer (run r)",
                reply -> {
                    int value = answer(reply);
                    if (value < 0) {
                        throw new io.synthsmith.llm.reply.ReplyCheckException("\"answer\" must not be negative");
                    }
                    return value;
                }, 3);

        assertThat(exchange).isInstanceOfSatisfying(Exchange.Parsed.class, parsed -> {
            assertThat(parsed.value()).isEqualTo(7);
            assertThat(parsed.attempts()).isEqualTo(2);
        });
        assertThat(registry.counter("synthsmith.task-evolver.replies", "step", "statement", "outcome", "failed_check")
                .count()).isEqualTo(1);
        assertThat(registry.find("synthsmith.task-evolver.replies").tag("step", "statement")
                .tag("outcome", "unparsable").counter()).isNull();
    }

    private static Integer answer(String reply) {
        var node = ReplyJson.extractObject(reply).orThrow().path("answer");
        if (!node.isInt()) {
            throw new io.synthsmith.llm.reply.ReplyFormatException("\"answer\" must be a number");
        }
        return node.asInt();
    }

    private LlmConversation start(ScriptRule rule) {
        server = ScriptedLlmServer.start(Script.of(rule));
        client = new LlmClient(vertx, LlmEndpointSettings.builder("task-evolver", server.baseUrl(), "scripted")
                .build(), registry);
        return new LlmConversation(client, new PromptBook("v1"), registry);
    }
}
