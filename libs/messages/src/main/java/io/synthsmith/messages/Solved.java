package io.synthsmith.messages;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A task with its candidate solutions and the sources of its tests, on the solved topic. */
public record Solved(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        Task task,
        List<Candidate> candidates,
        TestSources testSources,
        Map<String, Integer> dropped,
        Map<String, String> missingTestSources,
        String promptVersion,
        Probe probe) implements Envelope {

    public static final String SCHEMA = "synthsmith.solved/v1";

    public Solved {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        dropped = dropped == null ? Map.of() : Map.copyOf(dropped);
        missingTestSources = missingTestSources == null ? Map.of() : Map.copyOf(missingTestSources);
    }

    /** A solved message without a probe (as published before revision 3). */
    public Solved(String schema, String runId, String id, Lineage lineage, Instant createdAt, Task task,
            List<Candidate> candidates, TestSources testSources, Map<String, Integer> dropped,
            Map<String, String> missingTestSources, String promptVersion) {
        this(schema, runId, id, lineage, createdAt, task, candidates, testSources, dropped, missingTestSources,
                promptVersion, null);
    }

    /** A solved message without the optional fields added after v1 was published (missing sources, prompt version). */
    public Solved(String schema, String runId, String id, Lineage lineage, Instant createdAt, Task task,
            List<Candidate> candidates, TestSources testSources, Map<String, Integer> dropped) {
        this(schema, runId, id, lineage, createdAt, task, candidates, testSources, dropped, null, null, null);
    }

    /**
     * Where the tests will come from: the statement's samples, inputs the model wrote directly, programs that
     * generate and validate inputs, and (optional, added in revision 2 of v1) a brute-force reference: the simplest
     * obviously-correct solution, slow but right on small inputs, with the same input/output contract as the
     * candidates. None of it has run: the verifier runs it in its sandbox.
     */
    public record TestSources(List<Task.Sample> samples, List<String> directInputs, Program generator,
            Program validator, Program bruteForce) {

        public TestSources {
            samples = samples == null ? List.of() : List.copyOf(samples);
            directInputs = directInputs == null ? List.of() : List.copyOf(directInputs);
        }

        /** Test sources without a brute force (as published before revision 2). */
        public TestSources(List<Task.Sample> samples, List<String> directInputs, Program generator,
                Program validator) {
            this(samples, directInputs, generator, validator, null);
        }
    }

    /** A program written by a model: an input generator, an input validator or a brute-force reference. */
    public record Program(Language language, String code, String model) {
    }

    /**
     * The run's probe model's attempts at the task (revision 3, optional): asked with the candidates' prompt, they are
     * not candidates, never vote and are never golden; the verifier scores them on the labelled tests to measure the
     * task's difficulty for that model.
     */
    public record Probe(String model, List<ProbeAttempt> attempts) {

        public Probe {
            attempts = attempts == null ? List.of() : List.copyOf(attempts);
        }
    }

    /**
     * One probe attempt: the program extracted from the reply ({@code code}, null when there is none), the reply's
     * finish reason ({@code error} when the call failed), why the attempt has no program ({@code error}: the failed
     * call's error, or what the reply lacked), and the attempt's share of the request's tokens.
     */
    public record ProbeAttempt(Language language, String code, String finishReason, String error,
            Candidate.TokenUsage usage) {

        /** The finish reason of an attempt whose call failed. */
        public static final String CALL_FAILED = "error";
    }
}
