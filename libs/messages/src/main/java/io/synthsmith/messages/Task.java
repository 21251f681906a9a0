package io.synthsmith.messages;

import java.time.Instant;
import java.util.List;

/**
 * A generated task on the tasks topic. Its id derives from the generation request that made it, so a
 * redelivered request yields the same task id. It carries the resolved configuration of its run, so that every
 * later stage works under the configuration the task was made with, without a look-up.
 */
public record Task(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        String requestId,
        Style style,
        String title,
        String statement,
        List<String> features,
        String integrationStrategy,
        List<Sample> samples,
        Signature signature,
        RunConfig run) implements Envelope {

    public static final String SCHEMA = "synthsmith.task/v1";

    public Task {
        features = features == null ? List.of() : List.copyOf(features);
        samples = samples == null ? List.of() : List.copyOf(samples);
    }

    /** The configuration this task was made under: the one it carries, or the defaults when it carries none. */
    public RunConfig runConfig() {
        return run == null ? RunConfig.defaults(runId) : run.withDefaults();
    }

    /** A sample from the statement: input, expected output, and the note that explains it. */
    public record Sample(String input, String output, String explanation) {
    }

    /** The call signature of a LeetCode-style task. */
    public record Signature(String className, String methodName, List<Parameter> parameters, String returnType) {

        public Signature {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }

        /** A named, typed parameter, the type as the statement writes it (for example {@code List[int]}). */
        public record Parameter(String name, String type) {
        }
    }
}
