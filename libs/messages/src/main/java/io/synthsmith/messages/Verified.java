package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task whose tests were labelled by executing its candidates (majority vote) and whose golden solution
 * passed the hold-out half, on the verified topic. Revision 2 of v1 added optional fields: each test's
 * {@link LabelEvidence}, each candidate's verdict codes and golden exclusion, the agreement's contested count, and
 * the {@link BruteForce} outcome.
 */
public record Verified(
        String schema,
        String runId,
        String id,
        Lineage lineage,
        Instant createdAt,
        Task task,
        Language language,
        List<LabelledTest> tests,
        Golden golden,
        List<CandidateResult> candidates,
        Agreement agreement,
        Difficulty difficulty,
        Execution execution,
        BruteForce bruteForce) implements Envelope {

    public static final String SCHEMA = "synthsmith.verified/v1";

    public Verified {
        tests = tests == null ? List.of() : List.copyOf(tests);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** A verified message without the brute-force outcome (as published before revision 2). */
    public Verified(String schema, String runId, String id, Lineage lineage, Instant createdAt, Task task,
            Language language, List<LabelledTest> tests, Golden golden, List<CandidateResult> candidates,
            Agreement agreement, Difficulty difficulty, Execution execution) {
        this(schema, runId, id, lineage, createdAt, task, language, tests, golden, candidates, agreement, difficulty,
                execution, null);
    }

    /**
     * A test with its expected output, its weight, origin and hold-out half, the votes of all candidates and
     * (optional, revision 2) the evidence that decided the label.
     */
    public record LabelledTest(String id, String input, String output, double weight, Origin origin,
            SizeClass sizeClass, Half half, Votes votes, LabelEvidence evidence) {

        /** A labelled test without its evidence (as published before revision 2). */
        public LabelledTest(String id, String input, String output, double weight, Origin origin,
                SizeClass sizeClass, Half half, Votes votes) {
            this(id, input, output, weight, origin, sizeClass, half, votes, null);
        }
    }

    /**
     * What decided a label. {@code decidedBy}: {@code brute_force} (its output on a small test, agreed by a counted
     * cluster), {@code sample} (the statement's stated output, agreed by a counted cluster) or {@code vote}.
     * {@code clusters}: sizes of the output clusters whose votes counted (candidates eliminated by the brute force
     * left out), largest first; {@code counted}: the counted candidates that printed an output; {@code eliminated}:
     * outputs not counted because their candidate was eliminated; {@code bruteForce}: {@code agreed},
     * {@code no_answer} (it ran and printed nothing usable) or {@code not_run} (no usable brute force, or not a small
     * test).
     */
    public record LabelEvidence(String decidedBy, List<Integer> clusters, int counted, int eliminated,
            String bruteForce) {

        public LabelEvidence {
            clusters = clusters == null ? List.of() : List.copyOf(clusters);
        }
    }

    /**
     * The brute-force reference's outcome: {@code used} or {@code discarded} (then {@code reason}:
     * {@code disagrees_with_every_cluster}, {@code fails_samples} or {@code crashed}), the small tests it ran on, how
     * many it answered, and the candidates whose outputs disagreed with it on one of them (their votes did not count).
     */
    public record BruteForce(String status, String reason, int smallTests, int answered,
            List<String> eliminatedCandidates) {

        public BruteForce {
            eliminatedCandidates = eliminatedCandidates == null ? List.of() : List.copyOf(eliminatedCandidates);
        }
    }

    /** Where a test input came from. */
    public enum Origin {
        SAMPLE("sample"), DIRECT("direct"), GENERATED("generated");

        private final String wire;

        Origin(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** The size class a generated input was asked for. */
    public enum SizeClass {
        SMALL("small"), MEDIUM("medium"), MAX("max");

        private final String wire;

        SizeClass(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /** Which half of the labelled tests a test belongs to: golden selection, or hold-out. */
    public enum Half {
        SELECTION("selection"), HOLDOUT("holdout");

        private final String wire;

        Half(String wire) {
            this.wire = wire;
        }

        @JsonValue
        public String wire() {
            return wire;
        }
    }

    /**
     * How the candidates voted on a test: how many agreed with the label, of how many, over how many outputs, and
     * the votes of each distinct output, largest first (voters not counted there printed no output); the
     * distribution is optional.
     */
    public record Votes(int agreeing, int voters, int distinctOutputs, List<Integer> distribution) {

        public Votes {
            distribution = distribution == null ? null : List.copyOf(distribution);
        }

        public Votes(int agreeing, int voters, int distinctOutputs) {
            this(agreeing, voters, distinctOutputs, null);
        }
    }

    /** The accepted golden candidate, its weighted score on the selection half and its hold-out pass rate. */
    public record Golden(String candidateId, double selectionScore, double holdoutPassRate) {
    }

    /**
     * A candidate with its pass rate on the labelled tests and its runs counted by verdict; optional (revision 2):
     * {@code verdictCodes}, one letter per labelled test in the order of {@code tests} ({@code P} passed, {@code W}
     * wrong answer, {@code R} runtime error, {@code T} time limit, {@code M} memory limit, {@code O} output limit,
     * {@code S} sandbox failure), and {@code goldenExclusion}, why it could not be golden (absent when it could).
     */
    public record CandidateResult(Candidate candidate, double passRate, Map<String, Integer> verdicts,
            String verdictCodes, String goldenExclusion) {

        public CandidateResult {
            verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
        }

        /** A candidate result without verdict codes and exclusion (as published before revision 2). */
        public CandidateResult(Candidate candidate, double passRate, Map<String, Integer> verdicts) {
            this(candidate, passRate, verdicts, null, null);
        }
    }

    /**
     * How much the candidates agreed across tests; {@code droppedContested} (optional, revision 2) counts the tests
     * dropped because two output clusters both had real support.
     */
    public record Agreement(double meanMajorityShare, int unanimousTests, int droppedNoConsensus,
            Integer droppedContested) {

        /** An agreement without the contested count (as published before revision 2). */
        public Agreement(double meanMajorityShare, int unanimousTests, int droppedNoConsensus) {
            this(meanMajorityShare, unanimousTests, droppedNoConsensus, null);
        }
    }

    /**
     * A difficulty estimate from the candidates' pass rates and, optional (revision 3), from the run's probe model
     * ({@code probe}: absent when the run has no probe or none of its attempts could be asked).
     */
    public record Difficulty(double meanPassRate, Level level, ProbeDifficulty probe) {

        /** A difficulty without a probe (as published before revision 3). */
        public Difficulty(double meanPassRate, Level level) {
            this(meanPassRate, level, null);
        }

        /** Coarse difficulty levels. */
        public enum Level {
            EASY("easy"), MEDIUM("medium"), HARD("hard");

            private final String wire;

            Level(String wire) {
                this.wire = wire;
            }

            @JsonValue
            public String wire() {
                return wire;
            }
        }
    }

    /**
     * The task's difficulty for the run's probe model: its attempts scored on the labelled tests ({@code attempts}:
     * those whose call was answered; an answer without a program scores 0), their mean pass rate, how many passed
     * every test, and the level from the mean with the verifier's thresholds.
     */
    public record ProbeDifficulty(String model, int attempts, double meanPassRate, int solvedAttempts,
            Difficulty.Level level) {
    }

    /** What verifying the task cost and what was dropped on the way. */
    public record Execution(long runs, long cpuMillis, long wallMillis, long sandboxFailures,
            Map<String, Integer> testsDropped) {

        public Execution {
            testsDropped = testsDropped == null ? Map.of() : Map.copyOf(testsDropped);
        }
    }
}
