package io.synthsmith.llm;

import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import org.junit.jupiter.api.Test;

import static io.synthsmith.llm.ScriptedEndpoint.await;
import static io.synthsmith.scriptedllm.ScriptedResponse.completion;
import static org.assertj.core.api.Assertions.assertThat;

class SamplesTest {

    private static final ChatRequest REQUEST = ChatRequest.of("system", "task");

    @Test
    void asksForAllSamplesInOneRequest() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("candidate"))))) {

            ChatResult result = await(endpoint.client.chat(REQUEST.withSamples(8)));

            assertThat(result.choices()).hasSize(8).extracting(ChatChoice::index)
                    .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(result.attempts()).isEqualTo(1);
            assertThat(endpoint.server.chatRequests()).singleElement()
                    .satisfies(request -> assertThat(request.n()).hasValue(8));
            assertThat(endpoint.client.endpointIgnoresN()).isFalse();
        }
    }

    @Test
    void usesTheStagesNWhenTheRequestDoesNotSay() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("candidate"))),
                settings -> settings.samples(3))) {

            assertThat(await(endpoint.client.chat(REQUEST)).choices()).hasSize(3);
            assertThat(endpoint.server.chatRequests().get(0).n()).hasValue(3);
        }
    }

    @Test
    void fallsBackToParallelSingleRequestsWhenTheEndpointIgnoresNAndRemembersIt() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("a").ignoringN(),
                completion("b").ignoringN(), completion("c").ignoringN(), completion("d").ignoringN(),
                completion("e").ignoringN())))) {

            ChatResult first = await(endpoint.client.chat(REQUEST.withSamples(4)));

            assertThat(first.choices()).hasSize(4).extracting(ChatChoice::index).containsExactly(0, 1, 2, 3);
            assertThat(first.choices()).extracting(ChatChoice::answer).containsExactlyInAnyOrder("a", "b", "c", "d");
            assertThat(first.attempts()).isEqualTo(4);
            assertThat(endpoint.client.endpointIgnoresN()).isTrue();
            assertThat(endpoint.server.chatRequests()).extracting(request -> request.n().orElse(1))
                    .containsExactly(4, 1, 1, 1);

            ChatResult second = await(endpoint.client.chat(REQUEST.withSamples(3)));

            assertThat(second.choices()).hasSize(3);
            assertThat(endpoint.server.chatRequests()).hasSize(7);
            assertThat(endpoint.server.chatRequests().subList(4, 7))
                    .allSatisfy(request -> assertThat(request.n()).isEmpty());
            assertThat(endpoint.counter("synthsmith.llm.n.fallbacks")).isEqualTo(2);
        }
    }

    @Test
    void sendsNoNForASingleSample() {
        try (var endpoint = ScriptedEndpoint.start(Script.of(ScriptRule.always(completion("x"))))) {
            await(endpoint.client.chat(REQUEST));

            assertThat(endpoint.server.chatRequests()).extracting(RecordedRequest::n)
                    .allSatisfy(n -> assertThat(n).isEmpty());
        }
    }
}
