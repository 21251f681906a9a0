package io.synthsmith.messaging.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Carries one task's trace through the pipeline's Kafka topics, so that its path (seed, tasks, solved, verified,
 * accepted, export) can be followed as one trace. A record's headers hold its W3C trace context ({@code traceparent},
 * {@code tracestate}); the inbound gate continues that trace in a CONSUMER span while the stage works, and each
 * record a stage writes gets a PRODUCER span, child of that work, whose context goes into the record's headers.
 *
 * <p>The W3C format is read and written here rather than through the SDK's configured propagators: it is the wire
 * contract between the services (and with any other Kafka client), and it must hold while span export is off
 * ({@code quarkus.otel.sdk.disabled=true}, the default), when the SDK's own propagators do nothing. Spans are still
 * made then, so trace and span ids still advance from record to record.
 */
@ApplicationScoped
public class MessageTracing {

    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

    private final Tracer tracer;

    public MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.synthsmith.messaging");
    }

    /**
     * Starts the CONSUMER span {@code <topic> process} of one record, a child of the context its headers carry or,
     * without one, the root of a new trace, and makes it current until the returned span is closed.
     */
    public ProcessingSpan process(ConsumerRecord<String, ?> record) {
        // From the root, not the current context: a record's parent is what its headers say, nothing else.
        Context parent = W3C.extract(Context.root(), record.headers(), KafkaHeaders.INSTANCE);
        SpanBuilder builder = tracer.spanBuilder(record.topic() + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setParent(parent)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(SpanAttributes.OPERATION_TYPE, "process")
                .setAttribute(SpanAttributes.DESTINATION, record.topic())
                .setAttribute(SpanAttributes.PARTITION, Integer.toString(record.partition()))
                .setAttribute(SpanAttributes.OFFSET, record.offset());
        if (record.key() != null) {
            builder.setAttribute(SpanAttributes.KEY, record.key());
        }
        Span span = builder.startSpan();
        return new ProcessingSpan(span, parent.with(span).makeCurrent());
    }

    /**
     * Writes one record to {@code topic}: runs {@code send} in a PRODUCER span {@code <topic> publish}, child of
     * the current context, whose context is first written into {@code headers} (the record's own headers), so the
     * record's reader continues this trace. A failure of {@code send} is recorded on the span and rethrown.
     */
    public void publish(String topic, String key, Headers headers, Runnable send) {
        SpanBuilder builder = tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setAttribute(SpanAttributes.MESSAGING_SYSTEM, SpanAttributes.KAFKA)
                .setAttribute(SpanAttributes.OPERATION_TYPE, "send")
                .setAttribute(SpanAttributes.DESTINATION, topic);
        if (key != null) {
            builder.setAttribute(SpanAttributes.KEY, key);
        }
        Span span = builder.startSpan();
        try {
            W3C.inject(Context.current().with(span), headers, KafkaHeaders.INSTANCE);
            send.run();
        } catch (RuntimeException failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.toString());
            throw failure;
        } finally {
            span.end();
        }
    }

    /**
     * Writes the current trace context into {@code headers}, for a record sent outside {@link #publish} (the
     * exporter's transactional sends): call it while the work that made the record is current.
     */
    public void injectCurrent(Headers headers) {
        W3C.inject(Context.current(), headers, KafkaHeaders.INSTANCE);
    }
}
