package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Scores labels and goldens against the reference's truth: the verifier's answer, and plain majority voting. */
final class Scoring {

    /** Drop reasons of test building (not of voting): such inputs never were the verifier's to label. */
    static final Set<String> BUILD_REASONS = Set.of("oversize_input", "duplicate_input", "invalid_input",
            "validator_failed", "sample_rejected_by_validator", "over_count", "generator_failed", "over_total_size");

    /**
     * One problem's score.
     *
     * @param inputs  the test inputs the labels are counted against (labelled + dropped for lack of agreement)
     * @param golden  the golden candidate's id, or null
     * @param outcome {@code verified}, the rejection reason, or {@code error: ...}
     */
    record ProblemScore(String problem, String outcome, int labels, int right, int inputs, String golden,
            boolean goldenCorrect, List<String> wrongLabels) {
    }

    /** Totals over problems. */
    static final class Tally {
        int problems;
        int labels;
        int right;
        int inputs;
        int goldens;
        int goldensCorrect;
        final Map<String, Integer> outcomes = new TreeMap<>();

        void add(ProblemScore s) {
            problems++;
            labels += s.labels();
            right += s.right();
            inputs += s.inputs();
            if (s.golden() != null) {
                goldens++;
                goldensCorrect += s.goldenCorrect() ? 1 : 0;
            }
            outcomes.merge(s.outcome(), 1, Integer::sum);
        }

        Map<String, Object> figures() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("labelPrecision", ratio(right, labels));
            f.put("labelCoverage", ratio(labels, inputs));
            f.put("goldenPrecision", ratio(goldensCorrect, goldens));
            f.put("goldenCoverage", ratio(goldens, problems));
            f.put("labels", labels);
            f.put("rightLabels", right);
            f.put("inputs", inputs);
            f.put("goldens", goldens);
            f.put("rightGoldens", goldensCorrect);
            f.put("problems", problems);
            f.put("outcomes", outcomes);
            return f;
        }
    }

    private Scoring() {
    }

    static double ratio(int a, int b) {
        return b == 0 ? 0.0 : Math.round(1000.0 * a / b) / 1000.0;
    }

    /** True when the candidate is annotated correct and prints the truth on every given input and every own one. */
    static boolean reallyCorrect(ProblemRuns runs, EvalProblem.EvalCandidate c, List<String> labelledInputs) {
        return c.correct()
                && labelledInputs.stream().allMatch(in -> runs.agrees(c.program(), in))
                && runs.inputs().stream().allMatch(in -> runs.agrees(c.program(), in.text()));
    }

    /** Plain majority voting over the bench's own inputs: most common output wins, ties and no outputs unlabelled. */
    static ProblemScore majority(ProblemRuns runs) {
        EvalProblem p = runs.problem();
        List<ProblemRuns.Input> inputs = runs.inputs();
        int labels = 0;
        int right = 0;
        List<String> wrong = new ArrayList<>();
        int[] passes = new int[p.candidates().size()];
        for (ProblemRuns.Input in : inputs) {
            Map<String, Integer> votes = new HashMap<>();
            for (EvalProblem.EvalCandidate c : p.candidates()) {
                LocalRunner.Result r = runs.run(c.program(), in.text());
                if (r.ok()) {
                    votes.merge(r.output(), 1, Integer::sum);
                }
            }
            String label = top(votes);
            if (label == null) {
                continue;
            }
            labels++;
            LocalRunner.Result truth = runs.truth(in.text());
            if (truth.ok() && truth.output().equals(label)) {
                right++;
            } else {
                wrong.add(in.origin());
            }
            for (int i = 0; i < passes.length; i++) {
                LocalRunner.Result r = runs.run(p.candidates().get(i).program(), in.text());
                passes[i] += r.ok() && r.output().equals(label) ? 1 : 0;
            }
        }
        String golden = null;
        boolean goldenCorrect = false;
        if (labels > 0) {
            int best = 0;
            for (int i = 1; i < passes.length; i++) {
                best = passes[i] > passes[best] ? i : best;
            }
            EvalProblem.EvalCandidate c = p.candidates().get(best);
            golden = c.id();
            goldenCorrect = reallyCorrect(runs, c, List.of());
        }
        return new ProblemScore(p.id(), "majority", labels, right, inputs.size(), golden, goldenCorrect, wrong);
    }

    private static String top(Map<String, Integer> votes) {
        String best = null;
        int bestVotes = 0;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : votes.entrySet()) {
            if (e.getValue() > bestVotes) {
                best = e.getKey();
                bestVotes = e.getValue();
                tie = false;
            } else if (e.getValue() == bestVotes) {
                tie = true;
            }
        }
        return tie ? null : best;
    }

    /** Scores the verifier's answer (a verified or rejected message) to the problem. */
    static ProblemScore verifier(ProblemRuns runs, JsonNode answer) {
        EvalProblem p = runs.problem();
        String schema = answer.path("schema").asText();
        if (!schema.startsWith("synthsmith.verified/")) {
            String reason = schema.startsWith("synthsmith.rejected/") ? answer.path("reason").asText("rejected")
                    : "error: " + answer.path("error").asText(answer.path("message").asText("no answer"));
            return new ProblemScore(p.id(), reason, 0, 0, runs.inputs().size(), null, false, List.of());
        }
        int labels = 0;
        int right = 0;
        List<String> wrong = new ArrayList<>();
        List<String> labelled = new ArrayList<>();
        for (JsonNode test : answer.path("tests")) {
            String input = test.path("input").asText();
            labelled.add(input);
            labels++;
            LocalRunner.Result truth = runs.truth(input);
            if (truth.ok() && truth.output().equals(LocalRunner.normalise(test.path("output").asText()))) {
                right++;
            } else {
                wrong.add(test.path("id").asText());
            }
        }
        int dropped = 0;
        var reasons = answer.path("execution").path("testsDropped").fields();
        while (reasons.hasNext()) {
            var e = reasons.next();
            dropped += BUILD_REASONS.contains(e.getKey()) ? 0 : e.getValue().asInt();
        }
        String golden = answer.path("golden").path("candidateId").asText(null);
        boolean goldenCorrect = golden != null && p.candidates().stream().filter(c -> c.id().equals(golden))
                .findFirst().map(c -> reallyCorrect(runs, c, labelled)).orElse(false);
        return new ProblemScore(p.id(), "verified", labels, right, labels + dropped, golden, goldenCorrect, wrong);
    }
}
