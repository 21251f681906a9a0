package io.synthsmith.llm;

import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyOverHttpTest {

    private static final ChatRequest REQUEST = ChatRequest.of("system", "task");

    @Test
    void aBurstOf429sHalvesTheLimitOnceAndSuccessesBringItBackToTheCap() {
        // The 429s answer after 1.5 s, so that all eight requests are sent before the first one comes back, also on
        // a loaded machine: a 429 of a request sent after the limit was halved halves it again, by design.
        List<ScriptedResponse> replies = new ArrayList<>(Collections.nCopies(8,
                ScriptedResponse.slow(Duration.ofMillis(1500), ScriptedResponse.rateLimited(Duration.ofSeconds(1)))));
        replies.add(completion("ok"));
        try (var endpoint = ScriptedEndpoint.start(Script.of(new ScriptRule(null, null, replies, null)),
                settings -> settings.maxConcurrency(8))) {
            List<CompletionStage<ChatResult>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(endpoint.client.chat(REQUEST));
            }

            waitFor(() -> endpoint.counter("synthsmith.llm.errors", "kind", "rate_limited") == 8);
            assertThat(endpoint.client.concurrency().limit()).isEqualTo(4);
            assertThat(endpoint.registry.get("synthsmith.llm.concurrency.limit").gauge().value()).isEqualTo(4);

            calls.forEach(call -> assertThat(await(call).first().answer()).isEqualTo("ok"));
            for (int i = 0; i < 30; i++) {
                await(endpoint.client.chat(REQUEST));
            }
            assertThat(endpoint.client.concurrency().limit()).isEqualTo(8);
            assertThat(endpoint.client.concurrency().peakInFlight()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void neverHasMoreRequestsInFlightThanTheCap() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("ok")))
                .withLatency(Duration.ofMillis(100)), settings -> settings.maxConcurrency(4))) {
            List<CompletionStage<ChatResult>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(endpoint.client.chat(REQUEST));
            }

            waitFor(() -> endpoint.client.concurrency().waiting() > 0);
            assertThat(endpoint.registry.get("synthsmith.llm.in.flight").gauge().value()).isEqualTo(4);
            calls.forEach(call -> await(call));

            assertThat(endpoint.server.maxConcurrentRequests()).isEqualTo(4);
            assertThat(endpoint.client.concurrency().peakInFlight()).isEqualTo(4);
            assertThat(endpoint.server.chatRequestCount()).isEqualTo(40);
            assertThat(endpoint.client.concurrency().inFlight()).isZero();
        }
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
