package io.synthsmith.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.deadletter.DeadLetterHeaders;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Trace context travels through a stage on the real broker with the default configuration (span export off): what
 * the stage writes, dead letters included, continues the trace of the record it read, in a span of its own.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class TracePropagationTest {

    private final TaskRecords records = new TaskRecords();

    @Inject
    TaskRelay relay;

    @Test
    void whatAStageWritesContinuesTheTraceOfTheRecordItRead() {
        String id = "traced-" + UUID.randomUUID();
        TraceParent upstream = TraceParent.random();
        records.produce(id, records.task(id), Map.of("traceparent", upstream.header(), "tracestate", "upstream=1"));

        ConsumerRecord<String, byte[]> written = records.awaitOne(records.topic(Topic.SOLVED), id);

        assertThat(written.headers().headers("traceparent")).hasSize(1);
        TraceParent continued = TraceParent.parse(TopicProbe.header(written, "traceparent"));
        assertThat(continued.traceId()).isEqualTo(upstream.traceId());
        assertThat(continued.spanId()).isNotEqualTo(upstream.spanId());
        assertThat(continued.flags()).isEqualTo("01");
        assertThat(TopicProbe.header(written, "tracestate")).isEqualTo("upstream=1");
        assertThat(relay.loggedTraceId(id)).as("the trace id in the stage's log lines").isEqualTo(upstream.traceId());
    }

    @Test
    void aRecordWithoutTraceContextStartsANewTrace() {
        String first = "untraced-" + UUID.randomUUID();
        String second = "untraced-" + UUID.randomUUID();
        records.produce(first, records.task(first), Map.of());
        records.produce(second, records.task(second), Map.of());

        TraceParent one = TraceParent.parse(TopicProbe.header(records.awaitOne(records.topic(Topic.SOLVED), first),
                "traceparent"));
        TraceParent other = TraceParent.parse(TopicProbe.header(records.awaitOne(records.topic(Topic.SOLVED), second),
                "traceparent"));

        assertThat(one.traceId()).isNotEqualTo(other.traceId());
        assertThat(relay.loggedTraceId(first)).isEqualTo(one.traceId());
    }

    @Test
    void deadLettersCarryTheTraceOfTheRecordTheyStandFor() {
        String broken = "broken-" + UUID.randomUUID();
        String failing = "fail-" + UUID.randomUUID();
        TraceParent brokenTrace = TraceParent.random();
        TraceParent failingTrace = TraceParent.random();
        records.produce(broken, "{\"schema\": ".getBytes(StandardCharsets.UTF_8),
                Map.of("traceparent", brokenTrace.header()));
        records.produce(failing, records.task(failing), Map.of("traceparent", failingTrace.header()));

        String deadLetters = records.topic(Topic.TASKS) + ".dlq";
        ConsumerRecord<String, byte[]> brokenLetter = records.awaitOne(deadLetters, broken);
        ConsumerRecord<String, byte[]> failedLetter = records.awaitOne(deadLetters, failing);

        assertThat(TopicProbe.header(brokenLetter, DeadLetterHeaders.ERROR_KIND)).isEqualTo("NOT_JSON");
        TraceParent brokenContinued = TraceParent.parse(TopicProbe.header(brokenLetter, "traceparent"));
        assertThat(brokenContinued.traceId()).isEqualTo(brokenTrace.traceId());
        assertThat(brokenContinued.spanId()).isNotEqualTo(brokenTrace.spanId());
        assertThat(TopicProbe.header(failedLetter, DeadLetterHeaders.ERROR_KIND))
                .isEqualTo(DeadLetterHeaders.PROCESSING_FAILED);
        assertThat(TraceParent.parse(TopicProbe.header(failedLetter, "traceparent")).traceId())
                .isEqualTo(failingTrace.traceId());
    }
}
