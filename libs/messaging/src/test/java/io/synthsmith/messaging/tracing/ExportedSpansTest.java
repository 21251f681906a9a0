package io.synthsmith.messaging.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With span export on, a record's path through a stage is a CONSUMER span that continues the upstream trace, and
 * a PRODUCER span per record written, whose context is the one the written record carries.
 */
@QuarkusTest
@TestProfile(ExportedSpansTest.SpanExportOn.class)
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class ExportedSpansTest {

    /** The SDK on, as a deployment with a collector runs it; spans go to {@link CollectedSpans}. */
    public static class SpanExportOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "PT0.1S");
        }
    }

    private final TaskRecords records = new TaskRecords();

    @Inject
    CollectedSpans spans;

    @Test
    void aStageRecordsAConsumerSpanUnderTheUpstreamOneAndAProducerSpanPerRecordItWrites() {
        String id = "exported-" + UUID.randomUUID();
        TraceParent upstream = TraceParent.random();
        records.produce(id, records.task(id), Map.of("traceparent", upstream.header()));
        String tasks = records.topic(Topic.TASKS);
        String solved = records.topic(Topic.SOLVED);

        ConsumerRecord<String, byte[]> written = records.awaitOne(solved, id);
        TraceParent continued = TraceParent.parse(TopicProbe.header(written, "traceparent"));

        List<SpanData> trace = awaitSpans(upstream.traceId(), 2);
        SpanData consumer = only(trace, tasks + " process");
        SpanData producer = only(trace, solved + " publish");
        assertThat(consumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(consumer.getParentSpanId()).isEqualTo(upstream.spanId());
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo(tasks);
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.destination.partition.id")))
                .matches("\\d+");
        assertThat(consumer.getAttributes().get(AttributeKey.longKey("messaging.kafka.offset"))).isNotNull();
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo(id);
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("synthsmith.run.id"))).isEqualTo("demo");
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getParentSpanId()).isEqualTo(consumer.getSpanId());
        assertThat(producer.getSpanId()).as("the written record's parent is its producer span")
                .isEqualTo(continued.spanId());
    }

    @Test
    void aDeadLetteredRecordsSpanSaysWhy() {
        String id = "exported-broken-" + UUID.randomUUID();
        TraceParent upstream = TraceParent.random();
        records.produce(id, "not json".getBytes(StandardCharsets.UTF_8), Map.of("traceparent", upstream.header()));
        String tasks = records.topic(Topic.TASKS);

        ConsumerRecord<String, byte[]> letter = records.awaitOne(tasks + ".dlq", id);

        List<SpanData> trace = awaitSpans(upstream.traceId(), 2);
        SpanData consumer = only(trace, tasks + " process");
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getAttributes().get(AttributeKey.stringKey("synthsmith.dead_letter.kind")))
                .isEqualTo("NOT_JSON");
        assertThat(only(trace, tasks + ".dlq publish").getSpanId())
                .isEqualTo(TraceParent.parse(TopicProbe.header(letter, "traceparent")).spanId());
    }

    private List<SpanData> awaitSpans(String traceId, int count) {
        return Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> spans.ofTrace(traceId), found -> found.size() >= count);
    }

    private static SpanData only(List<SpanData> trace, String name) {
        List<SpanData> named = trace.stream().filter(span -> span.getName().equals(name)).toList();
        assertThat(named).as("spans named %s in %s", name, trace).hasSize(1);
        return named.getFirst();
    }
}
