package io.synthsmith.evolver.seeds;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.evolver.documents.SynthLlmLevels;
import io.synthsmith.evolver.evolution.EvolvedFeatures;
import io.synthsmith.evolver.evolution.FeatureEvolution;
import io.synthsmith.evolver.evolution.FeatureExtraction;
import io.synthsmith.evolver.features.ExtractedFeatures;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.generation.TaskGeneration;
import io.synthsmith.evolver.llm.Exchange;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.tree.FeatureNode;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.evolver.tree.SeedMerge;
import io.synthsmith.evolver.tree.TreeSnapshot;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Seed;
import io.synthsmith.messages.ids.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Stages 2 and 3 of the method for one seed: extract its features (or a document's concepts and their
 * co-occurrence), evolve them for the run's number of rounds, merge everything into the run's feature tree, and
 * emit the run's {@code tasksPerSeed} generation requests. A seed already merged (a redelivery) is not merged again;
 * its requests are emitted again with the same ids.
 */
public final class SeedIntake {

    private final FeatureExtraction extraction;
    private final FeatureEvolution evolution;
    private final FeatureTreeStore trees;
    private final SubtreeSampler sampler;
    private final List<Integer> branching;
    private final int treeSubtrees;
    private final SynthLlmLevels levels;
    private final int maxSeedChars;
    private final Clock clock;
    private final MeterRegistry registry;

    public SeedIntake(FeatureExtraction extraction, FeatureEvolution evolution, FeatureTreeStore trees,
            SubtreeSampler sampler, List<Integer> branching, int treeSubtrees, SynthLlmLevels levels, int maxSeedChars,
            Clock clock, MeterRegistry registry) {
        this.extraction = extraction;
        this.evolution = evolution;
        this.trees = trees;
        this.sampler = sampler;
        this.branching = List.copyOf(branching);
        this.treeSubtrees = treeSubtrees;
        this.levels = levels;
        this.maxSeedChars = maxSeedChars;
        this.clock = clock;
        this.registry = registry;
    }

    public SeedOutcome take(Seed arrived, RunConfig runConfig) {
        Instant now = clock.instant();
        Seed seed = arrived.onIntake(now);
        RunConfig run = runConfig.withDefaults();
        String kind = seed.content() instanceof Seed.Code ? "code" : "document";
        int chars = switch (seed.content()) {
            case Seed.Code code -> code.snippet().length() + (code.problem() == null ? 0 : code.problem().length());
            case Seed.Document document -> document.title().length() + document.text().length();
        };
        if (chars > maxSeedChars) {
            return decline(seed, kind, Rejected.Reason.OVERSIZE, "the seed holds " + chars + " characters, more than "
                    + "the " + maxSeedChars + " this service sends to the LLM (synthsmith.task-evolver.seeds.max-chars);"
                    + " split it or raise the limit", Map.of("chars", chars, "maxChars", maxSeedChars));
        }
        String treeId = FeatureTreeStore.treeIdOf(run);
        if (trees.isMerged(treeId, seed.id())) {
            seeds(kind, "redelivered").increment();
            return new SeedOutcome.Merged(0, 0, true, requests(seed, run, now, null, List.of()));
        }
        Exchange<ExtractedFeatures> extracted = extraction.extract(seed);
        if (extracted instanceof Exchange.Unparsable<ExtractedFeatures> failed) {
            return decline(seed, kind, Rejected.Reason.UNPARSABLE_REPLY, "the extraction reply could not be used "
                    + "after " + failed.attempts() + " attempts: " + failed.lastError(),
                    Map.of("step", "extraction", "attempts", failed.attempts(), "errors", failed.errors()));
        }
        ExtractedFeatures features = ((Exchange.Parsed<ExtractedFeatures>) extracted).value();
        features.dropped().forEach((reason, n) -> counter("synthsmith.task-evolver.features.dropped",
                "Features an extraction or evolution turned down, by reason", "reason", reason).increment(n));
        if (features.paths().isEmpty()) {
            return decline(seed, kind, Rejected.Reason.INVALID_SEED, "the seed yields no competitive-programming "
                    + "feature (" + features.droppedCount() + " dropped: " + features.dropped() + ")",
                    Map.of("dropped", features.dropped()));
        }
        SeedMerge merge = trees.merge(treeId, seed.id()).add(features.paths());
        counter("synthsmith.task-evolver.features.extracted", "Features merged from extractions", "kind", kind)
                .increment(features.paths().size());
        if (seed.content() instanceof Seed.Document) {
            merge.link(features.leaves());
        }
        Lineage.Cost[] spent = {extracted.cost()};
        int evolved = evolve(seed, run, treeId, features, merge, spent);
        merge.commit();
        seeds(kind, "merged").increment();
        return new SeedOutcome.Merged(features.paths().size(), evolved, false, requests(seed, run, now, spent[0],
                features.leaves()));
    }

    /**
     * Runs the evolution rounds of a merged seed, each over a subtree of its own features and {@code treeSubtrees}
     * subtrees sampled from the whole tree, gathering what they add into its {@code merge}; adds their tokens to
     * {@code spent[0]}.
     */
    private int evolve(Seed seed, RunConfig run, String treeId, ExtractedFeatures features, SeedMerge merge,
            Lineage.Cost[] spent) {
        Set<FeaturePath> local = new LinkedHashSet<>(features.paths());
        Random random = new Random(TaskGeneration.seedOf(seed.id()));
        int added = 0;
        for (int round = 0; round < run.evolutionRounds(); round++) {
            TreeSnapshot global = trees.snapshot(treeId);
            TreeSnapshot mine = snapshotOf(local);
            List<FeaturePath> subtree = sampler.sampleForEvolution(mine, global, branching, treeSubtrees, random);
            if (subtree.isEmpty()) {
                break;
            }
            Set<String> nearby = new LinkedHashSet<>();
            for (FeaturePath node : subtree) {
                global.childrenOf(node.parent()).forEach(p -> nearby.add(p.name()));
                mine.childrenOf(node.parent()).forEach(p -> nearby.add(p.name()));
                global.childrenOf(node).forEach(p -> nearby.add(p.name()));
            }
            Exchange<EvolvedFeatures> outcome = evolution.evolve(seed.runId(), subtree,
                    path -> global.contains(path) || local.contains(path), nearby);
            spent[0] = spent[0].plus(outcome.cost());
            if (outcome instanceof Exchange.Parsed<EvolvedFeatures> parsed) {
                EvolvedFeatures result = parsed.value();
                result.rejected().forEach((reason, n) -> counter("synthsmith.task-evolver.features.dropped",
                        "Features an extraction or evolution turned down, by reason", "reason", reason).increment(n));
                if (!result.added().isEmpty()) {
                    merge.add(result.added());
                    local.addAll(result.added());
                    added += result.added().size();
                    counter("synthsmith.task-evolver.features.evolved", "Features added by evolution rounds",
                            "kind", seed.content() instanceof Seed.Code ? "code" : "document")
                            .increment(result.added().size());
                }
            }
        }
        return added;
    }

    /**
     * The seed's generation requests, each carrying an even share of {@code seedCost} (its extraction and evolution
     * tokens; null for a redelivered seed, whose calls were counted when it was first merged). A document seed's
     * requests each draw a SynthLLM level (seeded from the request id, so a redelivery draws the same) and carry
     * the document and its {@code concepts} for levels 1 and 2; a redelivered document's concepts are not known
     * again (its extraction is not repeated), and its level 1 and 2 requests fall back to level 3 when generated.
     */
    private List<GenerationRequest> requests(Seed seed, RunConfig run, Instant now, Lineage.Cost seedCost,
            List<FeaturePath> concepts) {
        Lineage.Cost share = seedCost == null ? null : seedCost.share(run.tasksPerSeed());
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < run.tasksPerSeed(); i++) {
            String id = Ids.derive("request", seed.runId(), GenerationRequest.Origin.SEED.wire(), seed.id(),
                    Integer.toString(i));
            GenerationRequest.DocumentSource source = null;
            if (seed.content() instanceof Seed.Document document) {
                int level = levels.pick(new Random(TaskGeneration.seedOf(id)));
                source = new GenerationRequest.DocumentSource(level, level < 3 ? document.title() : null,
                        level == 1 ? document.text() : null,
                        level < 3 ? concepts.stream().map(FeaturePath::toString).toList() : List.of());
            }
            requests.add(new GenerationRequest(GenerationRequest.SCHEMA, seed.runId(), id,
                    seed.lineage().withCost(share).next(TaskGeneration.STAGE, seed.id(), id, now), now,
                    GenerationRequest.Origin.SEED, seed.id(), seed.id(), i, run, source));
        }
        return requests;
    }

    private static TreeSnapshot snapshotOf(Set<FeaturePath> paths) {
        Map<FeaturePath, FeatureNode> nodes = new HashMap<>();
        for (FeaturePath path : paths) {
            nodes.put(path, new FeatureNode(path, 1, List.of()));
        }
        return new TreeSnapshot("seed", nodes, Map.of());
    }

    private SeedOutcome decline(Seed seed, String kind, Rejected.Reason reason, String detail,
            Map<String, Object> evidence) {
        seeds(kind, "rejected").increment();
        return new SeedOutcome.Declined(Rejections.of(TaskGeneration.STAGE, reason, detail, seed,
                new LinkedHashMap<>(evidence), clock.instant()));
    }

    private Counter seeds(String kind, String outcome) {
        return Counter.builder("synthsmith.task-evolver.seeds")
                .description("Seeds taken in, by kind and outcome: merged, redelivered, rejected")
                .tag("kind", kind).tag("outcome", outcome).register(registry);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return Counter.builder(name).description(description).tag(tag, value).register(registry);
    }
}
