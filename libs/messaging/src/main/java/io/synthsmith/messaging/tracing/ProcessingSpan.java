package io.synthsmith.messaging.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.synthsmith.messages.Envelope;

/**
 * The CONSUMER span of one inbound record, current on the thread that opened it until it is closed: log lines of
 * the stage carry its trace id, and records the stage writes carry its context. Close it on the same thread.
 */
public final class ProcessingSpan implements AutoCloseable {

    private final Span span;
    private final Scope scope;

    ProcessingSpan(Span span, Scope scope) {
        this.span = span;
        this.scope = scope;
    }

    /** Names the message the record holds, once it is decoded: its id and, when it has one, its run. */
    public void identify(Envelope message) {
        span.setAttribute(SpanAttributes.MESSAGE_ID, message.id());
        span.setAttribute(SpanAttributes.SCHEMA, message.schema());
        if (message.runId() != null) {
            span.setAttribute(SpanAttributes.RUN_ID, message.runId());
        }
    }

    /** Marks the record as sent to its dead-letter topic, with the kind of error and the error. */
    public void deadLettered(String kind, String error) {
        span.setAttribute(SpanAttributes.DEAD_LETTER_KIND, kind);
        span.setStatus(StatusCode.ERROR, error);
    }

    /** Records a failure that escaped the stage or the dead-letter topic. */
    public void failed(Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.toString());
    }

    @Override
    public void close() {
        scope.close();
        span.end();
    }
}
