package io.synthsmith.messages;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A task whose tests were labelled by executing its candidates (majority vote) and whose golden solution
 * passed the hold-out half, on the verified topic.
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
        Execution execution) implements Envelope {

    public static final String SCHEMA = "synthsmith.verified/v1";

    public Verified {
        tests = tests == null ? List.of() : List.copyOf(tests);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** A test with its expected output as decided by the vote, its weight, origin and hold-out half. */
    public record LabelledTest(String id, String input, String output, double weight, Origin origin,
            SizeClass sizeClass, Half half, Votes votes) {
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

    /** A candidate with its pass rate on the labelled tests and its runs counted by verdict. */
    public record CandidateResult(Candidate candidate, double passRate, Map<String, Integer> verdicts) {

        public CandidateResult {
            verdicts = verdicts == null ? Map.of() : Map.copyOf(verdicts);
        }
    }

    /** How much the candidates agreed across tests. */
    public record Agreement(double meanMajorityShare, int unanimousTests, int droppedNoConsensus) {
    }

    /** A difficulty estimate from the candidates' pass rates. */
    public record Difficulty(double meanPassRate, Level level) {

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

    /** What verifying the task cost and what was dropped on the way. */
    public record Execution(long runs, long cpuMillis, long wallMillis, long sandboxFailures,
            Map<String, Integer> testsDropped) {

        public Execution {
            testsDropped = testsDropped == null ? Map.of() : Map.copyOf(testsDropped);
        }
    }
}
