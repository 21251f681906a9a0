package io.synthsmith.messages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Where a message came from: the seeds behind it, the feature paths it combines, the message it was made
 * from, the models that wrote it, and the trail of stages it passed. Every stage extends the lineage of
 * its input, so an exported sample can be traced back to its seeds.
 */
public record Lineage(
        List<String> seedIds,
        List<String> featurePaths,
        String parentId,
        List<ModelUse> models,
        List<StageMark> trail) {

    public Lineage {
        seedIds = seedIds == null ? List.of() : List.copyOf(seedIds);
        featurePaths = featurePaths == null ? List.of() : List.copyOf(featurePaths);
        models = models == null ? List.of() : List.copyOf(models);
        trail = trail == null ? List.of() : List.copyOf(trail);
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
        return new Lineage(seedIds, featurePaths, parentId, models, longer);
    }

    /** This lineage with a model recorded for a stage (recorded once). */
    public Lineage withModel(String stage, String model) {
        ModelUse use = new ModelUse(stage, model);
        if (models.contains(use)) {
            return this;
        }
        List<ModelUse> more = new ArrayList<>(models);
        more.add(use);
        return new Lineage(seedIds, featurePaths, parentId, more, trail);
    }

    /** This lineage with more seeds and feature paths (duplicates dropped, order kept). */
    public Lineage withSources(List<String> moreSeedIds, List<String> moreFeaturePaths) {
        LinkedHashSet<String> seeds = new LinkedHashSet<>(seedIds);
        seeds.addAll(moreSeedIds);
        LinkedHashSet<String> paths = new LinkedHashSet<>(featurePaths);
        paths.addAll(moreFeaturePaths);
        return new Lineage(List.copyOf(seeds), List.copyOf(paths), parentId, models, trail);
    }
}
