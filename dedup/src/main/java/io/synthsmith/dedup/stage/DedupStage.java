package io.synthsmith.dedup.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.synthsmith.dedup.config.DedupConfig;
import io.synthsmith.dedup.decision.Decision;
import io.synthsmith.dedup.decision.Deduplicator;
import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.index.SharedIndex;
import io.synthsmith.dedup.stats.RunStatistics;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.outbound.OutboundPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.infinispan.client.hotrod.exceptions.HotRodClientException;

/**
 * The dedup stage: decides each task and writes the outcome, a unique task to the output topic and any other to
 * the rejected topic with its reason and evidence. Placed after the verifier it reads verified tasks and writes
 * accepted ones; placed before the solver it reads and writes tasks. Its pre-solve stage ({@link #screen}) checks
 * the evolver's tasks against the same index before they are solved, and {@link #release} gives up the in-flight
 * claims of tasks rejected downstream. At most {@code max-in-flight} tasks are
 * decided at once; the others wait for a slot.
 */
@ApplicationScoped
public class DedupStage {

    static final String STAGE = "dedup";

    private final Deduplicator deduplicator;
    private final RunStatistics statistics;
    private final OutboundPublisher publisher;
    private final DedupConfig config;
    private final Semaphore inFlight;
    private final MeterRegistry registry;
    private final Timer lookups;
    private final AtomicLong indexSize = new AtomicLong();

    public DedupStage(Deduplicator deduplicator, SharedIndex index, RunStatistics statistics,
            OutboundPublisher publisher, DedupConfig config, MeterRegistry registry) {
        if (config.inputTopic().equals(config.outputTopic())) {
            throw new IllegalArgumentException("synthsmith.dedup.input-topic and output-topic are both "
                    + config.inputTopic() + "; unique tasks would be read again forever");
        }
        if (config.preSolve().enabled() && config.preSolve().inputTopic().equals(config.preSolve().outputTopic())) {
            throw new IllegalArgumentException("synthsmith.dedup.pre-solve.input-topic and output-topic are both "
                    + config.preSolve().inputTopic() + "; unique tasks would be read again forever");
        }
        this.deduplicator = deduplicator;
        this.statistics = statistics;
        this.publisher = publisher;
        this.config = config;
        this.inFlight = new Semaphore(config.maxInFlight(), true);
        this.registry = registry;
        this.lookups = Timer.builder("synthsmith.dedup.lookup")
                .description("Time to decide one task: benchmark check, index claims and recording the verdict")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("synthsmith.dedup.index.size", indexSize, AtomicLong::get)
                .description("Tasks held in the shared index (every namespace), as last counted by this replica")
                .register(registry);
        FunctionCounter.builder("synthsmith.dedup.index.operations", index, SharedIndex::operations)
                .description("Remote operations this replica sent to the index")
                .register(registry);
        try {
            indexSize.set(statistics.indexSize());
        } catch (HotRodClientException unavailable) {
            // The gauge catches up with the first unique task once Infinispan answers.
            indexSize.set(0);
        }
    }

    /** The message type of the configured input. */
    public MessageType inputType() {
        return config.input() == DedupConfig.InputKind.TASK ? MessageType.TASK : MessageType.VERIFIED;
    }

    /** Decides one admitted task and writes its outcome; returns once the output is on the broker. */
    public void process(Envelope message) {
        Task task = message instanceof Verified verified ? verified.task() : (Task) message;
        Decision decision;
        inFlight.acquireUninterruptibly();
        try {
            decision = lookups.record(() -> deduplicator.decide(message.runId(), message.id(), task.statement()));
            if (!decision.replayed()) {
                statistics.count(message.runId(), decision.verdict().outcome());
                // A task confirmed from its in-flight entry was indexed (and counted) by the pre-solve stage.
                if (decision.verdict() instanceof Verdict.Unique && !decision.confirmedInFlight()) {
                    indexSize.set(statistics.indexed(decision.namespace()));
                }
            }
        } finally {
            inFlight.release();
        }
        count("synthsmith.dedup.seen", "Tasks decided (redeliveries included)", "none");
        count("synthsmith.dedup.verdicts", "Verdicts by outcome (redeliveries included)",
                decision.verdict().outcome());
        publish(message, task, decision, config.outputTopic(), Map.of());
    }

    /**
     * The pre-solve stage: decides one task from the evolver against the same index before any solver request
     * is made. A unique task is forwarded to the pre-solve output topic and stays in flight in the index; another
     * is rejected with the task it copies. Returns once the output is on the broker.
     */
    public void screen(Task task) {
        Decision decision;
        inFlight.acquireUninterruptibly();
        try {
            decision = lookups.record(() -> deduplicator.screen(task.runId(), task.id(), task.statement()));
            if (!decision.replayed()) {
                boolean unique = decision.verdict() instanceof Verdict.Unique;
                int callsSaved = unique ? 0 : task.runConfig().candidatesPerTask();
                statistics.countPreSolve(task.runId(), decision.verdict().outcome(), callsSaved);
                if (unique) {
                    indexSize.set(statistics.indexed(decision.namespace()));
                } else {
                    Counter.builder("synthsmith.dedup.pre-solve.solver-calls-saved")
                            .description("Candidates the solver would have asked for, for the tasks rejected before"
                                    + " solving (the run's candidatesPerTask per rejected task)")
                            .register(registry).increment(callsSaved);
                }
            }
        } finally {
            inFlight.release();
        }
        count("synthsmith.dedup.pre-solve.checked", "Tasks checked before solving (redeliveries included)", "none");
        count("synthsmith.dedup.pre-solve.verdicts", "Verdicts before solving by outcome (redeliveries included)",
                decision.verdict().outcome());
        publish(task, task, decision, config.preSolve().outputTopic(), Map.of("placement", "pre-solve"));
    }

    /**
     * Sees one rejection: when its subject is a task still in flight from the pre-solve stage (rejected by the
     * solver or the verifier), the task's claims are given up so that a later copy of it gets its chance.
     */
    public void release(Rejected rejection) {
        if (STAGE.equals(rejection.stage()) || rejection.subjectId() == null || rejection.runId() == null) {
            return;
        }
        if (deduplicator.release(rejection.runId(), rejection.subjectId())) {
            statistics.countReleased(rejection.runId());
            count("synthsmith.dedup.pre-solve.released", "In-flight tasks released after their rejection downstream",
                    rejection.stage());
        }
    }

    private void publish(Envelope message, Task task, Decision decision, String outputTopic,
            Map<String, Object> placement) {
        Instant now = Instant.now();
        switch (decision.verdict()) {
            case Verdict.Unique unique -> publisher.publish(outputTopic,
                    unique(message, task, decision, unique, now));
            case Verdict.Duplicate duplicate -> reject(message, Rejected.Reason.DUPLICATE,
                    "exact copy of " + duplicate.of() + " after normalisation (statement hash "
                            + duplicate.statementHash().substring(0, 16) + "...)",
                    evidence(decision, Map.of("duplicateOf", duplicate.of(), "similarity", 1.0), placement), now);
            case Verdict.NearDuplicate near -> reject(message, Rejected.Reason.NEAR_DUPLICATE,
                    String.format(Locale.ROOT, "near-copy of %s (estimated Jaccard %.2f >= %.2f)", near.of(),
                            near.similarity(), near.threshold()),
                    evidence(decision, Map.of("duplicateOf", near.of(), "similarity", near.similarity(),
                            "threshold", near.threshold()), placement), now);
            case Verdict.Contaminated c -> reject(message, Rejected.Reason.CONTAMINATED,
                    c.ngram() != null
                            ? "shares the " + c.ngram().split(" ").length + "-word n-gram \"" + c.ngram()
                                    + "\" with benchmark problem " + c.benchmark() + "/" + c.benchmarkId()
                            : String.format(Locale.ROOT, "estimated Jaccard %.2f to benchmark problem %s/%s",
                                    c.similarity(), c.benchmark(), c.benchmarkId()),
                    evidence(decision, contaminationEvidence(c), placement), now);
        }
    }

    private Envelope unique(Envelope message, Task task, Decision decision, Verdict.Unique unique, Instant now) {
        if (message instanceof Verified verified) {
            return new Accepted(Accepted.SCHEMA, verified.runId(), verified.id(),
                    verified.lineage().next(STAGE, verified.id(), verified.id(), now), now, verified,
                    new Accepted.Dedup(decision.statementHash(), deduplicator.scope(), unique.nearestSimilarity()));
        }
        return new Task(task.schema(), task.runId(), task.id(), task.lineage().next(STAGE, task.id(), task.id(), now),
                task.createdAt(), task.requestId(), task.style(), task.title(), task.statement(), task.features(),
                task.integrationStrategy(), task.samples(), task.signature(), task.run());
    }

    private void reject(Envelope message, Rejected.Reason reason, String detail, Map<String, Object> evidence,
            Instant now) {
        publisher.publish(Topic.REJECTED, Rejections.of(STAGE, reason, detail, message, evidence, now));
    }

    private Map<String, Object> evidence(Decision decision, Map<String, Object> facts, Map<String, Object> placement) {
        Map<String, Object> evidence = new LinkedHashMap<>(facts);
        evidence.putAll(placement);
        evidence.put("statementHash", decision.statementHash());
        evidence.put("scope", deduplicator.scope().wire());
        return evidence;
    }

    private static Map<String, Object> contaminationEvidence(Verdict.Contaminated c) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("benchmark", c.benchmark());
        evidence.put("benchmarkId", c.benchmarkId());
        if (c.ngram() != null) {
            evidence.put("ngram", c.ngram());
        } else {
            evidence.put("similarity", c.similarity());
        }
        return evidence;
    }

    private void count(String name, String description, String outcome) {
        Counter.builder(name).description(description).tag("outcome", outcome).register(registry).increment();
    }
}
