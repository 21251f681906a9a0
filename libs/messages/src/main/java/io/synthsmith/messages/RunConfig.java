package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a run, on the runs topic (compacted, keyed by run id). Every field may be left out;
 * {@link #withDefaults()} fills in the published defaults.
 */
public record RunConfig(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        Integer tasksPerSeed,
        Integer evolutionRounds,
        String featureTreeScope,
        Map<String, Double> styles,
        Integer candidatesPerTask,
        Integer minUsableCandidates,
        Integer testsPerTask,
        Language language,
        Models models,
        Export export,
        Probe probe) implements Envelope {

    public static final String SCHEMA = "synthsmith.run/v1";

    /** The default number of attempts a probe makes at each task. */
    public static final int DEFAULT_PROBE_ATTEMPTS = 4;

    /** A run configuration without a probe (as published before revision 3). */
    public RunConfig(String schema, String runId, String id, Lineage lineage, Instant createdAt, Integer tasksPerSeed,
            Integer evolutionRounds, String featureTreeScope, Map<String, Double> styles, Integer candidatesPerTask,
            Integer minUsableCandidates, Integer testsPerTask, Language language, Models models, Export export) {
        this(schema, runId, id, lineage, createdAt, tasksPerSeed, evolutionRounds, featureTreeScope, styles,
                candidatesPerTask, minUsableCandidates, testsPerTask, language, models, export, null);
    }

    /**
     * The model a run measures difficulty against (revision 3, optional): typically the base model of the policy
     * being trained, on any OpenAI-compatible endpoint. The solver asks it {@code attempts} times for each task, with
     * the prompt the candidates get; the verifier scores the attempts on the labelled tests; the exporter splits RL
     * rows by that pass rate. Its attempts never vote and are never golden.
     *
     * @param baseUrl   the endpoint's OpenAI-style base URL, e.g. {@code http://localhost:8000/v1}
     * @param model     the model name sent in each request
     * @param attempts  attempts per task (k), default {@value #DEFAULT_PROBE_ATTEMPTS}
     * @param dialect   the endpoint's dialect preset as libs/llm names them ({@code vllm}, {@code openai}, ...);
     *                  none: the solver's configured dialect
     * @param apiKeyEnv the name of an environment variable of the solver holding the endpoint's API key; none: no key
     */
    public record Probe(String baseUrl, String model, Integer attempts, String dialect, String apiKeyEnv) {
    }

    /**
     * Model names per stage for this run, overriding what the services are configured with. An empty solver list
     * (no override) is left out of the JSON, which allows only a non-empty one.
     */
    public record Models(String evolver, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> solver) {

        public Models {
            solver = solver == null ? List.of() : List.copyOf(solver);
        }
    }

    /**
     * What the exporter writes for this run. {@code dataSource}: verl's {@code data_source} of the RL rows (none:
     * the exporter's configured default); {@code license}: the dataset card's licence ({@code unknown} when not
     * set); {@code maxTestsPerRow} and {@code maxGroundTruthBytes}: caps on the tests in one RL row's ground truth
     * (none: every labelled test).
     */
    public record Export(String sftFormat, Integer solutionsPerTask, String solutionSelection, Boolean thinkTags,
            List<String> fileFormats, Boolean easySplit, String dataSource, String license, Integer maxTestsPerRow,
            Long maxGroundTruthBytes) {

        public Export(String sftFormat, Integer solutionsPerTask, String solutionSelection, Boolean thinkTags,
                List<String> fileFormats, Boolean easySplit) {
            this(sftFormat, solutionsPerTask, solutionSelection, thinkTags, fileFormats, easySplit, null, null, null,
                    null);
        }
    }

    /** The configuration of a run that was never configured explicitly. */
    public static RunConfig defaults(String runId) {
        return new RunConfig(SCHEMA, runId, runId, Lineage.empty(), null, null, null, null, null, null, null, null,
                null, null, null).withDefaults();
    }

    /** This configuration with every missing field set to its default. */
    public RunConfig withDefaults() {
        Export e = export == null ? new Export(null, null, null, null, null, null) : export;
        Export filledExport = new Export(
                or(e.sftFormat(), ExportSft.FORMAT_MESSAGES),
                or(e.solutionsPerTask(), 1),
                or(e.solutionSelection(), "golden"),
                or(e.thinkTags(), true),
                or(e.fileFormats(), List.of("parquet")),
                or(e.easySplit(), true),
                e.dataSource(),
                or(e.license(), "unknown"),
                e.maxTestsPerRow(),
                e.maxGroundTruthBytes());
        return new RunConfig(schema, runId, id, lineage == null ? Lineage.empty() : lineage, createdAt,
                or(tasksPerSeed, 4),
                or(evolutionRounds, 2),
                or(featureTreeScope, "global"),
                or(styles, Map.of(
                        Style.CODEFORCES.wire(), Style.CODEFORCES.defaultWeight(),
                        Style.LEETCODE.wire(), Style.LEETCODE.defaultWeight(),
                        Style.ATCODER.wire(), Style.ATCODER.defaultWeight())),
                or(candidatesPerTask, 8),
                or(minUsableCandidates, 3),
                or(testsPerTask, 20),
                or(language, Language.PYTHON),
                models == null ? new Models(null, List.of()) : models,
                filledExport,
                probe == null ? null : new Probe(probe.baseUrl(), probe.model(),
                        or(probe.attempts(), DEFAULT_PROBE_ATTEMPTS), probe.dialect(), probe.apiKeyEnv()));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
