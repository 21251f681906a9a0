package io.synthsmith.evolver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The task evolver's configuration ({@code synthsmith.task-evolver.*}). Every key can be set by environment
 * variable, for example {@code SYNTHSMITH_TASK_EVOLVER_SAMPLING_TEMPERATURE}. The LLM endpoint of this stage is
 * read by {@code LlmSettingsResolver} under {@code synthsmith.task-evolver.llm.*} (see libs/llm/README.md).
 */
@ConfigMapping(prefix = "synthsmith.task-evolver")
public interface EvolverConfig {

    /** The version of the prompt files under {@code prompts/} in the resources, for example {@code v1}. */
    @WithDefault("v1")
    String promptsVersion();

    /** Seeds processed at once per replica (each on a virtual thread; the others wait for a permit). */
    @WithDefault("128")
    int seedsInFlight();

    /** Generation requests processed at once per replica (each on a virtual thread). */
    @WithDefault("128")
    int requestsInFlight();

    /**
     * The LLM endpoint of this stage ({@code base-url}, {@code model}, sampling, limits), as documented in
     * libs/llm/README.md. Read by {@code LlmSettingsResolver}; declared here so that the keys belong to this mapping.
     */
    Map<String, String> llm();

    /** Seeds: size limits and extraction. */
    Seeds seeds();

    /** Feature evolution rounds. */
    Evolution evolution();

    /** Document seeds (SynthLLM). */
    Documents documents();

    /** The feature tree in Infinispan. */
    Tree tree();

    /** Subtree sampling for generation. */
    Sampling sampling();

    /** Two-stage task generation. */
    Generation generation();

    /** Run configurations in Infinispan. */
    Runs runs();

    /** Generation requests whose task or rejection is written, in Infinispan. */
    Answered answered();

    /** Seeds. */
    interface Seeds {

        /**
         * The largest seed text (snippet plus problem, or document text) sent to the LLM, in characters. A larger
         * seed is rejected with reason {@code oversize}, never cut.
         */
        @WithDefault("60000")
        int maxChars();

        /** Reply attempts for one extraction, the first included; each retry feeds the parse error back. */
        @WithDefault("3")
        int maxAttempts();

        /** Deepest feature path kept from an extraction (category included); deeper nodes are dropped. */
        @WithDefault("5")
        int maxDepth();

        /** Most concepts kept from one document; co-occurrence edges join every pair of them. */
        @WithDefault("24")
        int maxConcepts();
    }

    /** Document seeds (SynthLLM). */
    interface Documents {

        /**
         * Weights of SynthLLM's three levels, drawn per request made from a document seed: 1, a question from the one
         * document; 2, the document's own concepts recombined; 3, concepts joined across documents by a random walk
         * over the concept graph. A document with fewer concepts than stage 1 must select is generated at level 3.
         */
        @WithDefault("0.25,0.25,0.5")
        List<Double> levelWeights();
    }

    /** Evolution. */
    interface Evolution {

        /**
         * Branching limits by depth of the subtree sampled for one evolution round, comma-separated: categories,
         * then nodes under each, and so on (the method's 2,1,2,1).
         */
        @WithDefault("2,1,2,1")
        List<Integer> branching();

        /** Reply attempts for one evolution round; an unparsable round adds nothing and the seed goes on. */
        @WithDefault("2")
        int maxAttempts();

        /** Fewest new siblings the reply must propose per node. */
        @WithDefault("2")
        int minSiblings();

        /**
         * Subtrees sampled from the whole tree (frequency-smoothed, as for generation) that each evolution round
         * grows beside a subtree of the seed's own features, so that rare branches keep growing; 0 evolves only the
         * seed's features.
         */
        @WithDefault("1")
        int treeSubtrees();
    }

    /** The feature tree. */
    interface Tree {

        /**
         * Infinispan configuration of each feature-tree cache: per tree, its change log ({@code <prefix><tree>}) and
         * its merge marks ({@code <prefix><tree>-merged}); the tree is {@code global}, or {@code run-<runId>} for a
         * run with its own. {@code {name}} is replaced by the cache name. Use a {@code distributed-cache} in a
         * clustered deployment.
         */
        @WithDefault("<local-cache name=\"{name}\" statistics=\"true\"><encoding media-type=\"application/x-protostream\"/>"
                + "<persistence><file-store/></persistence></local-cache>")
        String cacheConfiguration();

        /** Prefix of the feature-tree cache names: {@code <prefix>global}, {@code <prefix>run-<runId>}. */
        @WithDefault("synthsmith-features-")
        String cachePrefix();

        /**
         * How old a replica's in-memory index of a tree may get (for sampling, and for telling new evolved features
         * from known ones) before it reads the tree's change log for entries it has not applied; only new entries
         * are read. An index with too few leaves for a generation is brought up to date at once.
         */
        @WithDefault("1s")
        Duration snapshotMaxAge();

        /** Seeds recorded per feature node for lineage (the first ones that contributed it). */
        @WithDefault("3")
        int seedsPerNode();
    }

    /** Sampling. */
    interface Sampling {

        /** Categories (roots) per sampled subtree. */
        @WithDefault("3")
        int roots();

        /** Inner nodes per root. */
        @WithDefault("3")
        int inner();

        /** Fewest leaves taken under each inner node. */
        @WithDefault("3")
        int leavesMin();

        /** Most leaves taken under each inner node. */
        @WithDefault("8")
        int leavesMax();

        /**
         * Frequency smoothing: a node is drawn with weight {@code frequency^(1/temperature)}. 1 follows the
         * frequencies; higher values flatten them so rare features still appear; below 1 sharpens them.
         */
        @WithDefault("2.0")
        double temperature();

        /** Fewest leaves a tree needs to be sampled at all; a smaller tree rejects the request {@code unsupported_task}. */
        @WithDefault("4")
        int minLeaves();

        /**
         * Leaves a candidate subtree should hold (the method kept only subtrees of more than 50): the sampler draws
         * up to {@code attempts} shapes for one that large, then tops the largest up from its own categories and then
         * the whole tree; a tree with fewer leaves offers all of them.
         */
        @WithDefault("50")
        int subtreeLeaves();

        /** Shapes drawn while looking for a subtree of {@code subtree-leaves} leaves. */
        @WithDefault("8")
        int attempts();

        /** Probability that a sample also follows a random walk over concept co-occurrence edges. */
        @WithDefault("0.5")
        double walkProbability();

        /** Steps of a random walk over co-occurrence edges. */
        @WithDefault("3")
        int walkLength();

        /**
         * Most nodes one weighted choice considers: among more children (or leaves under a node) this many are
         * first drawn uniformly, so that sampling costs the same in a tree of 1k and of 500k nodes.
         */
        @WithDefault("64")
        int maxCandidates();
    }

    /** Generation. */
    interface Generation {

        /** Reply attempts per generation stage (selection, statement); each retry feeds the parse error back. */
        @WithDefault("3")
        int maxAttempts();

        /** Fewest features stage 1 must select. */
        @WithDefault("2")
        int minSelected();

        /** Fewest samples a statement must carry. */
        @WithDefault("2")
        int minSamples();
    }

    /** Runs. */
    interface Runs {

        /** Name of the Infinispan cache holding run configurations. */
        @WithDefault("synthsmith-runs")
        String cacheName();

        /** Infinispan configuration of the runs cache; {@code {name}} is replaced by its name. */
        @WithDefault("<local-cache name=\"{name}\"><encoding media-type=\"application/x-protostream\"/>"
                + "<persistence><file-store/></persistence></local-cache>")
        String cacheConfiguration();
    }

    /** Answered generation requests: a request delivered again is not generated again. */
    interface Answered {

        /** Name of the Infinispan cache of answered requests. */
        @WithDefault("synthsmith-answered-requests")
        String cacheName();

        /**
         * Infinispan configuration of that cache; {@code {name}} is replaced by its name. Entries live 7 days (far
         * longer than any redelivery takes) and survive a server restart.
         */
        @WithDefault("<local-cache name=\"{name}\"><encoding media-type=\"application/x-protostream\"/>"
                + "<expiration lifespan=\"604800000\"/><persistence><file-store/></persistence></local-cache>")
        String cacheConfiguration();
    }
}
