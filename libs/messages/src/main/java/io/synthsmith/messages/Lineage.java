package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a message came from: the seeds behind it, the feature paths it combines, the message it was made
 * from, the models that wrote it, the trail of stages it passed and, optionally, what making it cost so far.
 * Every stage extends the lineage of its input, so an exported sample can be traced back to its seeds.
 *
 * <p>{@code cost} (optional, null when not measured) is the LLM tokens and sandbox CPU spent on this message and
 * what it was made from, with shared work split: the task-evolver puts a seed's extraction and evolution tokens,
 * divided by the requests made from the seed, on each request, and adds each task's own selection and statement
 * calls; the exporter adds the candidates' tokens and the verifier's sandbox CPU. In JSON:
 * {@code "cost": {"promptTokens": 1200, "completionTokens": 5400, "reasoningTokens": 3100, "sandboxCpuMillis": 870}}.
 *
 * <p>{@code synthLlmLevel} (optional, null for tasks not made from a document seed) is the SynthLLM level a task made
 * from a document seed was generated at: 1, questions from the one document; 2, the document's own concepts
 * recombined; 3, concepts joined across documents by a random walk over the concept graph.
 */
public record Lineage(
        List<String> seedIds,
        List<String> featurePaths,
        String parentId,
        List<ModelUse> models,
        List<StageMark> trail,
        Cost cost,
        Integer synthLlmLevel) {

    @JsonCreator
    public Lineage {
        seedIds = seedIds == null ? List.of() : List.copyOf(seedIds);
        featurePaths = featurePaths == null ? List.of() : List.copyOf(featurePaths);
        models = models == null ? List.of() : List.copyOf(models);
        trail = trail == null ? List.of() : List.copyOf(trail);
    }

    /** A lineage with no cost recorded. */
    public Lineage(List<String> seedIds, List<String> featurePaths, String parentId, List<ModelUse> models,
            List<StageMark> trail) {
        this(seedIds, featurePaths, parentId, models, trail, null, null);
    }

    /** A lineage with no SynthLLM level. */
    public Lineage(List<String> seedIds, List<String> featurePaths, String parentId, List<ModelUse> models,
            List<StageMark> trail, Cost cost) {
        this(seedIds, featurePaths, parentId, models, trail, cost, null);
    }

    /**
     * What producing a message cost: LLM tokens as the endpoint reported them ({@code reasoningTokens} null when it
     * reports none) and CPU time of sandboxed runs in milliseconds.
     */
    public record Cost(long promptTokens, long completionTokens, Long reasoningTokens, long sandboxCpuMillis) {

        public static final Cost ZERO = new Cost(0, 0, null, 0);

        /** This cost plus {@code other}; reasoning is known when either knows it. */
        public Cost plus(Cost other) {
            if (other == null) {
                return this;
            }
            Long reasoning;
            if (reasoningTokens == null || other.reasoningTokens == null) {
                reasoning = reasoningTokens == null ? other.reasoningTokens : reasoningTokens;
            } else {
                reasoning = reasoningTokens + other.reasoningTokens;
            }
            return new Cost(promptTokens + other.promptTokens, completionTokens + other.completionTokens, reasoning,
                    sandboxCpuMillis + other.sandboxCpuMillis);
        }

        /** This cost split evenly over {@code parts} (rounded down, at least 1 part). */
        public Cost share(int parts) {
            int n = Math.max(1, parts);
            return new Cost(promptTokens / n, completionTokens / n, reasoningTokens == null ? null
                    : reasoningTokens / n, sandboxCpuMillis / n);
        }
    }

    /** A model that wrote part of the work, and in which stage. */
    public record ModelUse(String stage, String model) {
    }

    /** A stage the work passed: the stage, the id of the message it produced there, and when. */
    public record StageMark(String stage, String id, Instant at) {
    }

    public static Lineage empty() {
        return new Lineage(List.of(), List.of(), null, List.of(), List.of());
    }

    /** The lineage of a seed as it enters the pipeline. */
    public static Lineage ofSeed(String seedId, Instant at) {
        return new Lineage(List.of(seedId), List.of(), null, List.of(),
                List.of(new StageMark("seed", seedId, at)));
    }

    /** This lineage continued by a stage that made message {@code id} from message {@code parentId}. */
    public Lineage next(String stage, String parentId, String id, Instant at) {
        List<StageMark> longer = new ArrayList<>(trail);
        longer.add(new StageMark(stage, id, at));
        return new Lineage(seedIds, featurePaths, parentId, models, longer, cost, synthLlmLevel);
    }

    /** This lineage with a model recorded for a stage (recorded once). */
    public Lineage withModel(String stage, String model) {
        ModelUse use = new ModelUse(stage, model);
        if (models.contains(use)) {
            return this;
        }
        List<ModelUse> more = new ArrayList<>(models);
        more.add(use);
        return new Lineage(seedIds, featurePaths, parentId, more, trail, cost, synthLlmLevel);
    }

    /** This lineage with more seeds and feature paths (duplicates dropped, order kept). */
    public Lineage withSources(List<String> moreSeedIds, List<String> moreFeaturePaths) {
        LinkedHashSet<String> seeds = new LinkedHashSet<>(seedIds);
        seeds.addAll(moreSeedIds);
        LinkedHashSet<String> paths = new LinkedHashSet<>(featurePaths);
        paths.addAll(moreFeaturePaths);
        return new Lineage(List.copyOf(seeds), List.copyOf(paths), parentId, models, trail, cost, synthLlmLevel);
    }

    /** This lineage with {@code more} added to its cost (a lineage without one starts from zero). */
    public Lineage withCost(Cost more) {
        if (more == null) {
            return this;
        }
        return new Lineage(seedIds, featurePaths, parentId, models, trail, (cost == null ? Cost.ZERO : cost).plus(more),
                synthLlmLevel);
    }

    /** This lineage with its cost replaced by {@code total}. */
    public Lineage withTotalCost(Cost total) {
        return new Lineage(seedIds, featurePaths, parentId, models, trail, total, synthLlmLevel);
    }

    /** This lineage with the SynthLLM level its task was generated at (1 to 3; null for none). */
    public Lineage withSynthLlmLevel(Integer level) {
        if (level != null && (level < 1 || level > 3)) {
            throw new IllegalArgumentException("a SynthLLM level is 1, 2 or 3, got " + level);
        }
        return new Lineage(seedIds, featurePaths, parentId, models, trail, cost, level);
    }
}
