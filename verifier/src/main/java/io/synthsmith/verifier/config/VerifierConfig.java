package io.synthsmith.verifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * The verifier's configuration (prefix {@code synthsmith.verifier}); every key is documented with its environment
 * variable in verifier/README.md.
 */
@ConfigMapping(prefix = "synthsmith.verifier")
public interface VerifierConfig {

    /** Sandboxed runs at the same time, across all tasks; 0 means one per available processor. */
    @WithDefault("0")
    int parallelism();

    /** Tasks verified at the same time; their runs share the {@link #parallelism()} slots. */
    @WithDefault("2")
    int maxTasksInFlight();

    /** The sandbox every program runs in. */
    Sandbox sandbox();

    /** How the tests of a task are built. */
    Tests tests();

    /** How outputs are compared and labels decided. */
    Voting voting();

    /** How the golden solution is picked. */
    Golden golden();

    /** How the brute-force reference of a task is run. */
    BruteForce bruteForce();

    /** Thresholds of the difficulty estimate. */
    Difficulty difficulty();

    /** Sandbox isolation and limits. */
    interface Sandbox {

        /**
         * Allows running programs WITHOUT isolation when bubblewrap namespaces are unavailable. For development
         * only: a program could then read host files and reach the network. Logged loudly at every start.
         */
        @WithDefault("false")
        boolean allowUnisolated();

        /** The bubblewrap binary. */
        @WithDefault("/usr/bin/bwrap")
        String bwrap();

        /** setpriv, used to give every run slot its own user id when the service runs as root. */
        @WithDefault("/usr/bin/setpriv")
        String setpriv();

        /** The Python 3 interpreter that runs Python programs (Debian's, not a pyenv shim). */
        @WithDefault("/usr/bin/python3")
        String python();

        /** The C++ compiler. */
        @WithDefault("/usr/bin/g++")
        String cxx();

        /** Host directories mounted read-only as the runtime (the interpreter, compiler and libraries). */
        @WithDefault("/usr")
        List<String> runtime();

        /**
         * The first user id of the run slots when running as root. Each verifier instance on a host claims its own
         * range of {@link #slotRangeSize()} uids from here (range k starts at this id + k * size) with a lock file
         * under {@link #slotLockDir()}; slot i of the instance runs as the range's first uid + i.
         */
        @WithDefault("61000")
        int slotUidBase();

        /**
         * The directory where verifier instances on one host claim their slot uid ranges, one lock file per range,
         * held for the life of the process. Every verifier on the host must use the same directory (on Kubernetes
         * without user namespaces: a hostPath shared by the pods of the node).
         */
        @WithDefault("/tmp/synthsmith-sandbox-slots")
        String slotLockDir();

        /** Uids per range: the most run slots ({@code synthsmith.verifier.parallelism}) one instance may have. */
        @WithDefault("64")
        int slotRangeSize();

        /** Ranges on a host: the most verifier instances running as root on one host (64 x 64 uids from 61000). */
        @WithDefault("64")
        int slotRanges();

        /**
         * Whether every run gets the seccomp filter that denies system calls a judged program never needs (ptrace,
         * mount, keyctl, bpf, perf_event_open, userfaultfd, unshare/setns, kexec, modules, clock setting...).
         */
        @WithDefault("true")
        boolean seccomp();

        /** Size of the private writable temporary directory of a run, in bytes. */
        @WithDefault("268435456")
        long tmpBytes();

        /** Times a run that hit a sandbox failure is retried in a fresh sandbox before it is reported as one. */
        @WithDefault("1")
        int failureRetries();

        /** Limits of a run of a candidate, generator or validator. */
        Limits run();

        /** What happens to a task whose runs keep failing in the sandbox after their retries. */
        Unavailable unavailable();

        /** Limits of a C++ compilation. */
        CompileLimits compile();
    }

    /**
     * A task whose runs still fail in the sandbox after {@code failure-retries} is never judged on them: it waits and
     * is verified again, with backoff, and after {@link #timeout()} it goes to the dead-letter topic as
     * SANDBOX_UNAVAILABLE (replayable once the sandbox works again).
     */
    interface Unavailable {

        /**
         * How long a task is tried again before it is dead-lettered. Keep it below the solved channel's
         * {@code throttled.unprocessed-record-max-age.ms} (15 minutes), or the channel is declared unhealthy first.
         */
        @WithDefault("PT10M")
        java.time.Duration timeout();

        /** The wait before the first retry; it doubles after each until {@link #maxBackoff()}. */
        @WithDefault("PT5S")
        java.time.Duration firstBackoff();

        /** The longest wait between two retries. */
        @WithDefault("PT1M")
        java.time.Duration maxBackoff();
    }

    /** Limits of one run. */
    interface Limits {

        /** CPU time, in milliseconds. */
        @WithDefault("4000")
        long cpuMillis();

        /** Wall-clock time, in milliseconds. */
        @WithDefault("10000")
        long wallMillis();

        /** Address space, in bytes. */
        @WithDefault("536870912")
        long memoryBytes();

        /** Stack size, in bytes. */
        @WithDefault("67108864")
        long stackBytes();

        /** Largest file a run may write, in bytes. */
        @WithDefault("16777216")
        long fileBytes();

        /** Largest standard output a run may print, in bytes; more is an output limit verdict. */
        @WithDefault("8388608")
        long outputBytes();

        /** Processes and threads a run may have at once. */
        @WithDefault("32")
        int processes();
    }

    /** Limits of a C++ compilation (the compiler needs more than a run). */
    interface CompileLimits {

        /** CPU time, in milliseconds. */
        @WithDefault("30000")
        long cpuMillis();

        /** Wall-clock time, in milliseconds. */
        @WithDefault("60000")
        long wallMillis();

        /** Address space, in bytes. */
        @WithDefault("2147483648")
        long memoryBytes();
    }

    /** Building the tests. */
    interface Tests {

        /** Seeds passed to the generator program, each combined with every size class. */
        @WithDefault("1,2,3")
        List<Integer> generatorSeeds();

        /** Size classes passed to the generator program: small, medium, max. */
        @WithDefault("small,medium,max")
        List<String> sizeClasses();

        /** Upper bound on tests per task; a run's testsPerTask lowers it. */
        @WithDefault("50")
        int maxCount();

        /** Largest test input, in bytes; larger inputs are dropped (never cut). */
        @WithDefault("4194304")
        int maxInputBytes();

        /** Largest sum of test inputs and labels of one task, in bytes, so the verified message fits its topic. */
        @WithDefault("12582912")
        int maxTotalBytes();

        /** Fewest labelled tests a task needs to be verified. */
        @WithDefault("3")
        int minLabelled();

        /**
         * Fewest labelled tests from which a task whose labelled outputs are all identical is rejected
         * ({@code degenerate_labels}): such tests cannot tell a right solution from one printing a constant.
         */
        @WithDefault("3")
        int degenerateFrom();
    }

    /**
     * Labelling by vote where neither the brute force nor a statement sample decides. Only outputs are votes: a
     * crash, time, memory or output limit is none, and outputs of candidates eliminated by the brute force or a
     * sample do not count.
     */
    interface Voting {

        /** Smallest share of the counted outputs (not of the candidates) the label's cluster needs. */
        @WithDefault("0.5")
        double minShare();

        /**
         * Fewest counted outputs the label's cluster needs; also the fewest members of a cluster with real support (on
         * a vote, and against a brute force that sides with a cluster no larger than it: then it contests).
         */
        @WithDefault("2")
        int minVotes();

        /** Fewest votes by which the label's cluster must lead the runner-up cluster (1: no ties). */
        @WithDefault("1")
        int minMargin();

        /**
         * A runner-up cluster with at least {@link #minVotes()} votes and this share of the counted outputs has real
         * support: the test is dropped as contested and the candidates of its supported clusters cannot be golden.
         */
        @WithDefault("0.5")
        double contestedShare();

        /** A runner-up cluster with at least this many votes (and {@link #minVotes()}) has real support, as above. */
        @WithDefault("4")
        int contestedVotes();

        /**
         * Absolute and relative tolerance for numbers in outputs; empty compares exactly, except for LeetCode
         * tasks returning a float, which use {@link #floatReturnTolerance()}.
         */
        Optional<Double> floatTolerance();

        /** Tolerance for LeetCode tasks whose signature returns float or double. */
        @WithDefault("1e-5")
        double floatReturnTolerance();
    }

    /** Golden selection. */
    interface Golden {

        /** Weight added for the largest input of a task (scaled by log size). */
        @WithDefault("2.0")
        double sizeWeight();

        /** Weight added for a test the candidates split on evenly (scaled by disagreement). */
        @WithDefault("2.0")
        double disagreementWeight();

        /** Weighted share of the hold-out half the golden candidate must pass. */
        @WithDefault("1.0")
        double holdoutThreshold();
    }

    /** The brute-force reference: its own limits, and the small tests it runs on. */
    interface BruteForce {

        /** CPU time of one brute-force run, in milliseconds (it may be exponential on small inputs). */
        @WithDefault("10000")
        long cpuMillis();

        /** Wall-clock time of one brute-force run, in milliseconds. */
        @WithDefault("20000")
        long wallMillis();

        /**
         * Fewest small tests (samples, direct inputs, the generator's small class) the brute force should check;
         * when a task has fewer, the generator's small class runs with more seeds (twice the shortfall).
         */
        @WithDefault("6")
        int minSmallTests();

        /**
         * The largest share of the candidates (those agreeing with the samples) an output cluster may hold and still
         * be eliminated by a brute force that disagrees with it on a small test. A brute force contradicting a larger
         * cluster (a strict majority at the default) is discarded ({@code contradicts_majority}); the tests where it
         * did are dropped as contested and both sides there are barred from golden. {@code 1.0}: the brute force
         * overrules any majority. Chosen on the verify-eval set (bench/README.md).
         */
        @WithDefault("0.5")
        double overruledShare();
    }

    /** Difficulty levels from the mean pass rate of the candidates. */
    interface Difficulty {

        /** Mean pass rate at or above which a task is easy. */
        @WithDefault("0.8")
        double easyFrom();

        /** Mean pass rate below which a task is hard. */
        @WithDefault("0.4")
        double hardBelow();
    }
}
