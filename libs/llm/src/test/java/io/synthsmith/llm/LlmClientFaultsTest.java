package io.synthsmith.llm;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LlmClientFaultsTest {

    private static final ChatRequest REQUEST = ChatRequest.of("You solve tasks.", "Solve two sum.");

    @Test
    void waitsTheRetryAfterSecondsOfA429ThenSucceeds() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                ScriptedResponse.rateLimited(Duration.ofSeconds(1)), completion("done"))))) {

            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("done");
            assertThat(result.attempts()).isEqualTo(2);
            var requests = endpoint.server.chatRequests();
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(endpoint.counter("synthsmith.llm.errors", "kind", "rate_limited")).isEqualTo(1);
            assertThat(endpoint.counter("synthsmith.llm.retries")).isEqualTo(1);
        }
    }

    @Test
    void waitsUntilTheRetryAfterHttpDateOfA429() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                ScriptedResponse.rateLimitedUntil(Duration.ofSeconds(2)), completion("done"))))) {

            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("done");
            var requests = endpoint.server.chatRequests();
            assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void retriesAServerErrorThenSucceeds() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                ScriptedResponse.httpError(500, "internal"), ScriptedResponse.httpError(503, "busy"),
                completion("done"))))) {

            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("done");
            assertThat(result.attempts()).isEqualTo(3);
            assertThat(endpoint.counter("synthsmith.llm.errors", "kind", "server_error")).isEqualTo(2);
            assertThat(endpoint.counter("synthsmith.llm.requests", "outcome", "success")).isEqualTo(1);
        }
    }

    @Test
    void retriesAnAttemptThatRunsPastTheTimeoutThenSucceeds() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                        ScriptedResponse.slow(Duration.ofSeconds(5), completion("too late")), completion("in time"))),
                settings -> settings.timeout(Duration.ofMillis(400)))) {

            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("in time");
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
            assertThat(endpoint.counter("synthsmith.llm.errors", "kind", "timeout")).isEqualTo(1);
            assertThat(endpoint.client.concurrency().inFlight()).isZero();
        }
    }

    @Test
    void givesUpWithATypedErrorWhenTheConnectionIsRefused() {
        ScriptedLlmServer gone = ScriptedLlmServer.start(Script.of(ScriptRule.always(completion("x"))));
        String deadUrl = gone.baseUrl();
        gone.close();
        Vertx vertx = Vertx.vertx();
        try (LlmClient client = new LlmClient(vertx, ScriptedEndpoint.defaults(deadUrl).retries(3, Duration.ofMinutes(1))
                .build(), new SimpleMeterRegistry())) {

            LlmException.GaveUp failure = catchThrowableOfType(LlmException.GaveUp.class,
                    () -> await(client.chat(REQUEST)));

            assertThat(failure.attempts()).isEqualTo(3);
            assertThat(failure.exhausted()).isEqualTo(LlmException.Exhausted.ATTEMPTS);
            assertThat(failure.lastFailure()).isInstanceOf(AttemptFailure.ConnectionFailed.class);
            assertThat(failure.status()).isEmpty();
            assertThat(failure.getMessage()).contains("stage 'solver'", "3 attempts", "connection failed",
                    "max-attempts");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    @Test
    void retriesAMalformedJsonReplyAndSaysWhatWasWrongWhenItPersists() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(
                ScriptRule.forStage("solver", ScriptedResponse.malformedBody(), completion("done"))))) {
            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("done");
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(endpoint.counter("synthsmith.llm.errors", "kind", "malformed_reply")).isEqualTo(1);
        }
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(ScriptedResponse.malformedBody())))) {
            LlmException.GaveUp failure = catchThrowableOfType(LlmException.GaveUp.class,
                    () -> await(endpoint.client.chat(REQUEST)));

            assertThat(failure.attempts()).isEqualTo(4);
            assertThat(failure.lastFailure()).isInstanceOfSatisfying(AttemptFailure.MalformedReply.class,
                    malformed -> assertThat(malformed.detail()).contains("not valid JSON", "chatcmpl-scripted"));
        }
    }

    @Test
    void retriesAReplyWhoseBodyBreaksOff() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                ScriptedResponse.truncatedBody(completion("a long answer ".repeat(200))), completion("whole"))))) {

            ChatResult result = await(endpoint.client.chat(REQUEST));

            assertThat(result.first().answer()).isEqualTo("whole");
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(endpoint.counter("synthsmith.llm.errors", "kind", "truncated_reply")).isEqualTo(1);
        }
    }

    @Test
    void surfacesAnAnswerCutByTheTokenLimit() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                completion("def solve(nums):\n    for").withFinishReason("length"))))) {

            ChatChoice choice = await(endpoint.client.chat(REQUEST)).first();

            assertThat(choice.finishReason()).isEqualTo(FinishReason.LENGTH);
            assertThat(choice.truncated()).isTrue();
            assertThat(choice.answer()).startsWith("def solve");
        }
    }

    @Test
    void givesUpAfterMaxAttemptsWithStatusAttemptsAndLastCause() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                ScriptedResponse.httpError(503, "model is loading"))))) {

            LlmException.GaveUp failure = catchThrowableOfType(LlmException.GaveUp.class,
                    () -> await(endpoint.client.chat(REQUEST)));

            assertThat(failure.attempts()).isEqualTo(4);
            assertThat(failure.status()).hasValue(503);
            assertThat(failure.exhausted()).isEqualTo(LlmException.Exhausted.ATTEMPTS);
            assertThat(failure.getMessage()).contains("HTTP 503", "model is loading", "4 attempts");
            assertThat(endpoint.server.chatRequestCount()).isEqualTo(4);
            assertThat(endpoint.counter("synthsmith.llm.requests", "outcome", "gave_up")).isEqualTo(1);
        }
    }

    @Test
    void givesUpWhenTheNextWaitWouldEndPastTheRetryBudget() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(
                        ScriptedResponse.rateLimited(Duration.ofSeconds(30)))),
                settings -> settings.retries(10, Duration.ofSeconds(5)))) {

            LlmException.GaveUp failure = catchThrowableOfType(LlmException.GaveUp.class,
                    () -> await(endpoint.client.chat(REQUEST)));

            assertThat(failure.attempts()).isEqualTo(1);
            assertThat(failure.exhausted()).isEqualTo(LlmException.Exhausted.TIME);
            assertThat(failure.status()).hasValue(429);
            assertThat(failure.elapsed()).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void failsAtOnceOnAStatusThatRetryingCannotFix() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(
                ScriptRule.always(ScriptedResponse.httpError(400, "max_tokens is too large"))))) {

            LlmException.Rejected failure = catchThrowableOfType(LlmException.Rejected.class,
                    () -> await(endpoint.client.chat(REQUEST)));

            assertThat(failure.attempts()).isEqualTo(1);
            assertThat(failure.status()).hasValue(400);
            assertThat(failure.getMessage()).contains("max_tokens is too large", "not retried");
            assertThat(endpoint.server.chatRequestCount()).isEqualTo(1);
            assertThat(endpoint.counter("synthsmith.llm.requests", "outcome", "rejected")).isEqualTo(1);
        }
        for (int status : new int[] {401, 403, 404, 422}) {
            try (var endpoint = ScriptedEndpoint.start(Script.of(
                    ScriptRule.always(ScriptedResponse.httpError(status, "no"))))) {
                LlmException.Rejected failure = catchThrowableOfType(LlmException.Rejected.class,
                        () -> await(endpoint.client.chat(REQUEST)));
                assertThat(failure.status()).hasValue(status);
                assertThat(endpoint.server.chatRequestCount()).isEqualTo(1);
            }
        }
    }
}
