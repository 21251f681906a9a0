package io.synthsmith.verifier.evidence;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link TruthDecision} decided for a task: per test a label or why it was dropped, what became of the brute
 * force, which candidates' votes did not count, and which candidates may be golden (and why the others may not).
 * Candidates are the indexes of {@link Observation#candidates()}.
 */
public record Truth(List<TestTruth> tests, BruteForceOutcome bruteForce, Set<Integer> eliminated,
        Map<Integer, Exclusion> excluded) {

    public Truth {
        tests = List.copyOf(tests);
        eliminated = Set.copyOf(eliminated);
        excluded = Map.copyOf(excluded);
    }

    /** Whether candidate {@code c} may be golden. */
    public boolean eligible(int c) {
        return !excluded.containsKey(c);
    }

    /** Tests dropped for {@code reason}. */
    public int dropped(DropReason reason) {
        return (int) tests.stream().filter(t -> t instanceof TestTruth.Dropped d && d.reason() == reason).count();
    }

    /** A test's label, or why it has none. */
    public sealed interface TestTruth {

        /**
         * The expected output (normalised), what decided it, the sizes of the counted output clusters (largest
         * first, the label's cluster included), the counted candidates that printed an output, the outputs not
         * counted (their candidates were eliminated), what the brute force said, and how every candidate voted.
         */
        record Labelled(String output, DecidedBy decidedBy, List<Integer> clusters, int agreeing, int counted,
                int eliminatedOutputs, BruteForceAnswer bruteForce, Tally allVotes) implements TestTruth {

            public Labelled {
                clusters = List.copyOf(clusters);
            }

            /** The share of the counted outputs that agree with the label. */
            public double share() {
                return counted == 0 ? 0 : (double) agreeing / counted;
            }
        }

        /** No label: the test is dropped. */
        record Dropped(DropReason reason, String why) implements TestTruth {
        }
    }

    /**
     * How every candidate voted on a test, eliminated ones included: how many printed the label, how many ran
     * without a sandbox failure, and the size of each output cluster, largest first.
     */
    public record Tally(int agreeing, int voters, List<Integer> distribution) {

        public Tally {
            distribution = List.copyOf(distribution);
        }
    }

    /** What decided a label. */
    public enum DecidedBy {
        BRUTE_FORCE("brute_force"), SAMPLE("sample"), VOTE("vote");

        private final String wire;

        DecidedBy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** What the brute force said on a test. */
    public enum BruteForceAnswer {
        AGREED("agreed"), NO_ANSWER("no_answer"), NOT_RUN("not_run");

        private final String wire;

        BruteForceAnswer(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Why a test has no label. */
    public enum DropReason {
        NO_CONSENSUS("no_consensus"), CONTESTED("contested");

        private final String wire;

        DropReason(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** Why a candidate cannot be golden, in the order they are checked. */
    public enum Exclusion {
        ELIMINATED_BY_BRUTE_FORCE("eliminated_by_brute_force"),
        CONTRADICTS_SAMPLES("contradicts_samples"),
        FAILED_A_RUN("failed_a_run"),
        CONTESTED("contested");

        private final String wire;

        Exclusion(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** What became of the brute force. */
    public sealed interface BruteForceOutcome {

        /** The solved message carried none (or it could not be run). */
        record Absent() implements BruteForceOutcome {
        }

        /** Its answers count; {@code eliminated} candidates printed something else on a small test it answered. */
        record Used(int smallTests, int answered, Set<Integer> eliminated) implements BruteForceOutcome {

            public Used {
                eliminated = Set.copyOf(eliminated);
            }
        }

        /**
         * Its answers do not count, for {@code reason}. With {@link Reason#CONTRADICTS_MAJORITY}, {@code disputed}
         * holds the small tests where it contradicted a majority and {@code disputants} the candidates of both
         * sides there: those tests are contested and those candidates cannot be golden.
         */
        record Discarded(Reason reason, String why, int smallTests, int answered, Set<Integer> disputed,
                Set<Integer> disputants) implements BruteForceOutcome {

            public Discarded {
                disputed = Set.copyOf(disputed);
                disputants = Set.copyOf(disputants);
            }

            public Discarded(Reason reason, String why, int smallTests, int answered) {
                this(reason, why, smallTests, answered, Set.of(), Set.of());
            }
        }

        /** Why a brute force is discarded. */
        enum Reason {
            DISAGREES_WITH_EVERY_CLUSTER("disagrees_with_every_cluster"),
            FAILS_SAMPLES("fails_samples"),
            CRASHED("crashed"),
            CONTRADICTS_MAJORITY("contradicts_majority");

            private final String wire;

            Reason(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }
        }
    }
}
