package io.synthsmith.solver.solving;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The solver's meters, all named {@code synthsmith.solver.*}. */
public final class SolverMetrics {

    private final MeterRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter tasksIn;
    private final DistributionSummary tokensPerTask;

    public SolverMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.tasksIn = Counter.builder("synthsmith.solver.tasks.in")
                .description("Tasks the solver started on").register(registry);
        this.tokensPerTask = DistributionSummary.builder("synthsmith.solver.task.tokens")
                .description("Tokens (prompt and completion) the endpoint reported for all calls of one task")
                .baseUnit("tokens").register(registry);
        Gauge.builder("synthsmith.solver.tasks.in.flight", inFlight, AtomicInteger::get)
                .description("Tasks being solved right now").register(registry);
    }

    void taskStarted() {
        tasksIn.increment();
        inFlight.incrementAndGet();
    }

    void taskFinished(long tokens) {
        inFlight.decrementAndGet();
        tokensPerTask.record(tokens);
    }

    void candidateKept() {
        Counter.builder("synthsmith.solver.candidates").description("Candidate answers, kept or dropped by reason")
                .tag("outcome", "kept").tag("reason", "none").register(registry).increment();
    }

    void candidatesDropped(String reason, int count) {
        Counter.builder("synthsmith.solver.candidates").description("Candidate answers, kept or dropped by reason")
                .tag("outcome", "dropped").tag("reason", reason).register(registry).increment(count);
    }

    void testSourceMissing(String source) {
        Counter.builder("synthsmith.solver.test.sources.missing")
                .description("Test sources whose reply was unusable, by source").tag("source", source)
                .register(registry).increment();
    }

    void llmCall(String call, boolean succeeded, Duration latency) {
        Timer.builder("synthsmith.solver.llm.latency")
                .description("Latency of the solver's LLM calls, retries and queueing included")
                .tag("call", call).tag("outcome", succeeded ? "success" : "failure")
                .register(registry).record(latency);
    }

    /** Counts a task written to its output topic. */
    public void taskOut(SolveOutcome outcome) {
        String reason = outcome instanceof SolveOutcome.Rejection rejection
                ? rejection.message().reason().wire() : "none";
        Counter.builder("synthsmith.solver.tasks.out")
                .description("Tasks written to the solved or rejected topic")
                .tag("outcome", outcome instanceof SolveOutcome.Solved ? "solved" : "rejected")
                .tag("reason", reason).register(registry).increment();
    }
}
