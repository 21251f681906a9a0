package io.synthsmith.verifier.golden;

import io.synthsmith.messages.Verified;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Splits the labelled tests into a selection half and a hold-out half, picks the candidate with the best
 * weighted score on the selection half, and accepts it only if its weighted pass rate on the hold-out half
 * reaches the threshold. The split orders tests by weight (then by a hash of task and test id) and alternates,
 * so both halves get their share of heavy tests. Ties on the score go to more selection tests passed, then to the
 * smaller candidate id: the same input always gives the same golden candidate.
 */
public final class GoldenSelection {

    private static final double EPSILON = 1e-9;

    private final double holdoutThreshold;

    public GoldenSelection(double holdoutThreshold) {
        this.holdoutThreshold = holdoutThreshold;
    }

    /** A labelled test as the selection sees it. */
    public record WeightedTest(String id, double weight) {
    }

    /** A candidate and, per test in the order given, whether it passed. */
    public record Contender(String candidateId, List<Boolean> passed) {

        public Contender {
            passed = List.copyOf(passed);
        }
    }

    /** The outcome of the selection. */
    public sealed interface Outcome {
    }

    /** The accepted golden candidate. */
    public record Chosen(String candidateId, double selectionScore, double holdoutPassRate) implements Outcome {
    }

    /** No candidate was accepted: the best one on the selection half failed the hold-out half, or none ran. */
    public record NoneAccepted(String why, String bestCandidateId, double selectionScore, double holdoutPassRate)
            implements Outcome {
    }

    /** Which half each test goes to, in the order of {@code tests}. */
    public List<Verified.Half> split(String taskId, List<WeightedTest> tests) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -tests.get(i).weight())
                .thenComparing(i -> hash(taskId + "/" + tests.get(i).id())));
        List<Verified.Half> halves = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            halves.add(null);
        }
        for (int rank = 0; rank < order.size(); rank++) {
            halves.set(order.get(rank), rank % 2 == 0 ? Verified.Half.SELECTION : Verified.Half.HOLDOUT);
        }
        return halves;
    }

    /** Picks the golden candidate among {@code contenders} on tests split into {@code halves}. */
    public Outcome select(List<WeightedTest> tests, List<Verified.Half> halves, List<Contender> contenders) {
        if (contenders.isEmpty()) {
            return new NoneAccepted("no candidate could run", null, 0, 0);
        }
        Contender best = null;
        double bestScore = -1;
        int bestPasses = -1;
        for (Contender contender : contenders) {
            double score = score(tests, halves, contender, Verified.Half.SELECTION);
            int passes = passes(halves, contender, Verified.Half.SELECTION);
            boolean better = best == null || score > bestScore + EPSILON
                    || (Math.abs(score - bestScore) <= EPSILON && (passes > bestPasses
                            || (passes == bestPasses && contender.candidateId().compareTo(best.candidateId()) < 0)));
            if (better) {
                best = contender;
                bestScore = score;
                bestPasses = passes;
            }
        }
        double holdout = score(tests, halves, best, Verified.Half.HOLDOUT);
        if (holdout + EPSILON < holdoutThreshold) {
            return new NoneAccepted("the best candidate on the selection half, " + best.candidateId()
                    + " (score " + round(bestScore) + "), passes " + round(holdout) + " of the hold-out half's weight,"
                    + " below " + holdoutThreshold, best.candidateId(), bestScore, holdout);
        }
        return new Chosen(best.candidateId(), bestScore, holdout);
    }

    private static double score(List<WeightedTest> tests, List<Verified.Half> halves, Contender contender,
            Verified.Half half) {
        double total = 0;
        double passed = 0;
        for (int i = 0; i < tests.size(); i++) {
            if (halves.get(i) == half) {
                total += tests.get(i).weight();
                if (contender.passed().get(i)) {
                    passed += tests.get(i).weight();
                }
            }
        }
        return total == 0 ? 0 : passed / total;
    }

    private static int passes(List<Verified.Half> halves, Contender contender, Verified.Half half) {
        int passes = 0;
        for (int i = 0; i < halves.size(); i++) {
            if (halves.get(i) == half && contender.passed().get(i)) {
                passes++;
            }
        }
        return passes;
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String round(double value) {
        return String.format(java.util.Locale.ROOT, "%.3f", value);
    }
}
