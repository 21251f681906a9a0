package io.synthsmith.dedup.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synthsmith.dedup.index.IndexCache;
import io.synthsmith.messages.Accepted;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The dedup service's configuration; every key is listed in dedup/README.md with its environment variable. */
@ConfigMapping(prefix = "synthsmith.dedup")
public interface DedupConfig {

    /**
     * What the input topic carries: {@code verified} (after the verifier, the default; unique tasks go out as
     * accepted messages) or {@code task} (before the solver; unique tasks go out unchanged but for their lineage).
     */
    @WithDefault("verified")
    InputKind input();

    /** The full name of the topic read (the default is set in application.properties: {@code <prefix>verified}). */
    String inputTopic();

    /** The full name of the topic unique tasks are written to ({@code <prefix>accepted} by default). */
    String outputTopic();

    /** Where a task must be unique: {@code run} (within its run) or {@code global} (across every run). */
    @WithDefault("run")
    Accepted.Scope scope();

    /** Tasks decided at once by this replica; more wait for a slot (their offsets stay uncommitted). */
    @WithDefault("16")
    int maxInFlight();

    /** The pre-solve stage: the evolver's tasks checked against the same index before the solver sees them. */
    PreSolve preSolve();

    MinHash minhash();

    Index index();

    Decontamination decontamination();

    /** The kinds of input the stage reads. */
    enum InputKind {
        VERIFIED, TASK
    }

    /** Dedup before solving (README "Dedup before solving"). */
    interface PreSolve {

        /**
         * Whether the evolver's tasks are checked before solving. Off, the solver must read the evolver's topic
         * itself ({@code synthsmith.solver.input-topic=<prefix>tasks}).
         */
        @WithDefault("true")
        boolean enabled();

        /** The topic read: the evolver's output (default set in application.properties: {@code <prefix>tasks}). */
        String inputTopic();

        /** The topic unique tasks are written to: the solver's input ({@code <prefix>tasks.unique} by default). */
        String outputTopic();
    }

    /** MinHash signatures, LSH bands and the near-duplicate threshold. */
    interface MinHash {

        /** Hash functions per signature. */
        @WithDefault("128")
        int permutations();

        /** Words per shingle. */
        @WithDefault("5")
        int shingleSize();

        /** LSH bands; bands x rows must equal permutations. */
        @WithDefault("16")
        int bands();

        /** Signature values per band. */
        @WithDefault("8")
        int rows();

        /** Estimated Jaccard similarity at or over which a task is a near-duplicate of an indexed one. */
        @WithDefault("0.75")
        double threshold();

        /** Seeds the hash functions; changing it (or any parameter above) starts a new, empty index. */
        @WithDefault("1592614637")
        long seed();
    }

    /** The shared index in Infinispan. */
    interface Index {

        /** The cache's name. */
        @WithDefault(IndexCache.DEFAULT_NAME)
        String cache();

        /**
         * The cache's configuration (Infinispan XML, JSON or YAML), used when the cache does not exist yet. The
         * default is a local cache with a file store, for a single server; a cluster uses a distributed cache.
         */
        @WithDefault(IndexCache.DEFAULT_CONFIGURATION)
        String cacheConfiguration();

        /** A bucket (tasks sharing one band) stops taking members at this size; its members are still compared. */
        @WithDefault("64")
        int maxBucketSize();

        /** How long a decision is retried while Infinispan cannot be reached before the task is dead-lettered. */
        @WithDefault("PT5M")
        Duration unavailableTimeout();
    }

    /** Benchmark problem sets that tasks must not resemble. */
    interface Decontamination {

        /** JSONL files of benchmark problems (comma-separated paths); none by default. */
        Optional<List<Path>> files();

        /** The field holding a problem's id. */
        @WithDefault("id")
        String idField();

        /** The fields that may hold a problem's text, in order of preference. */
        @WithDefault("statement,question_content,question,problem,description,text")
        List<String> textFields();

        /** Words per n-gram; a task sharing one n-gram with a problem is contaminated. */
        @WithDefault("13")
        int ngramSize();

        /** Estimated Jaccard similarity to a problem at or over which a task is contaminated. */
        @WithDefault("0.7")
        double threshold();
    }
}
