package io.synthsmith.evolver.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.evolver.diversity.RunDiversity;
import io.synthsmith.evolver.documents.SynthLlmLevels;
import io.synthsmith.evolver.evolution.FeatureEvolution;
import io.synthsmith.evolver.evolution.FeatureExtraction;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeatureTreeReader;
import io.synthsmith.evolver.generation.AnsweredRequests;
import io.synthsmith.evolver.generation.TaskGeneration;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.evolver.runs.RunConfigStore;
import io.synthsmith.evolver.sampling.SamplingShape;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.seeds.SeedIntake;
import io.synthsmith.evolver.state.ServerCache;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.settings.LlmSettingsResolver;
import io.synthsmith.messages.codec.MessageCodec;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;
import org.infinispan.client.hotrod.RemoteCacheManager;

/** Builds the evolver's plain classes from its configuration; the classes themselves know nothing of CDI. */
@ApplicationScoped
public class EvolverBeans {

    /** The stage name under which the LLM endpoint is configured ({@code synthsmith.task-evolver.llm.*}). */
    public static final String LLM_STAGE = "task-evolver";

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    LlmClient llm(Vertx vertx, Config config, MeterRegistry registry) {
        return new LlmClient(vertx, LlmSettingsResolver.resolve(config, LLM_STAGE), registry);
    }

    void close(@Disposes LlmClient llm) {
        llm.close();
    }

    @Produces
    @Singleton
    PromptBook prompts(EvolverConfig config) {
        return new PromptBook(config.promptsVersion());
    }

    @Produces
    @Singleton
    FeatureNames featureNames() {
        return FeatureNames.standard();
    }

    @Produces
    @Singleton
    LlmConversation conversation(LlmClient llm, PromptBook prompts, MeterRegistry registry) {
        return new LlmConversation(llm, prompts, registry);
    }

    @Produces
    @Singleton
    FeatureTreeStore trees(RemoteCacheManager manager, EvolverConfig config, MeterRegistry registry) {
        EvolverConfig.Tree tree = config.tree();
        return new FeatureTreeStore(manager, tree.cachePrefix(), tree.cacheConfiguration(), tree.seedsPerNode(),
                tree.snapshotMaxAge(), registry);
    }

    @Produces
    @Singleton
    RunConfigStore runs(RemoteCacheManager manager, EvolverConfig config, MessageCodec codec) {
        return new RunConfigStore(new ServerCache(manager, config.runs().cacheName(), config.runs().cacheConfiguration()),
                codec);
    }

    @Produces
    @Singleton
    AnsweredRequests answeredRequests(RemoteCacheManager manager, EvolverConfig config, Clock clock) {
        return new AnsweredRequests(new ServerCache(manager, config.answered().cacheName(),
                config.answered().cacheConfiguration()), clock);
    }

    @Produces
    @Singleton
    SubtreeSampler sampler(EvolverConfig config) {
        EvolverConfig.Sampling s = config.sampling();
        return new SubtreeSampler(new SamplingShape(s.roots(), s.inner(), s.leavesMin(), s.leavesMax(), s.temperature(),
                s.minLeaves(), s.subtreeLeaves(), s.attempts(), s.walkProbability(), s.walkLength(),
                s.maxCandidates()));
    }

    @Produces
    @Singleton
    SeedIntake seedIntake(LlmConversation llm, PromptBook prompts, FeatureNames names, FeatureTreeStore trees,
            SubtreeSampler sampler, EvolverConfig config, Clock clock, MeterRegistry registry) {
        EvolverConfig.Seeds seeds = config.seeds();
        EvolverConfig.Evolution evolution = config.evolution();
        FeatureExtraction extraction = new FeatureExtraction(llm, prompts,
                new FeatureTreeReader(names, seeds.maxDepth()), seeds.maxDepth(), seeds.maxConcepts(),
                seeds.maxAttempts());
        FeatureEvolution evolver = new FeatureEvolution(llm, prompts, names, evolution.minSiblings(), seeds.maxDepth(),
                evolution.maxAttempts());
        return new SeedIntake(extraction, evolver, trees, sampler, evolution.branching(), evolution.treeSubtrees(),
                new SynthLlmLevels(config.documents().levelWeights()), seeds.maxChars(), clock, registry);
    }

    @Produces
    @Singleton
    RunDiversity runDiversity(MeterRegistry registry) {
        return new RunDiversity(registry);
    }

    @Produces
    @Singleton
    TaskGeneration taskGeneration(LlmConversation llm, PromptBook prompts, FeatureTreeStore trees,
            SubtreeSampler sampler, FeatureNames names, EvolverConfig config, Clock clock, RunDiversity diversity) {
        EvolverConfig.Generation g = config.generation();
        return new TaskGeneration(llm, prompts, trees, sampler, names, config.sampling().minLeaves(), g.minSelected(),
                g.minSamples(), g.maxAttempts(), clock, diversity);
    }
}
