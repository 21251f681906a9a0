package io.synthsmith.verifier.evidence;

import io.synthsmith.verifier.evidence.Truth.BruteForceAnswer;
import io.synthsmith.verifier.evidence.Truth.BruteForceOutcome;
import io.synthsmith.verifier.evidence.Truth.DecidedBy;
import io.synthsmith.verifier.evidence.Truth.DropReason;
import io.synthsmith.verifier.evidence.Truth.Exclusion;
import io.synthsmith.verifier.evidence.Truth.TestTruth;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.voting.OutputComparison;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what is true about a task from what its programs printed: the label of each test, which candidates'
 * votes count, and which candidates may be golden. The rules, in the order they apply (verifier/README.md, "How a
 * task is verified", says the same):
 *
 * <ol>
 * <li><b>Votes are outputs.</b> A candidate votes on a test only by printing an output; a crash, time, memory or
 * output limit (or a sandbox failure) is no vote. Outputs are grouped into clusters by {@link OutputComparison}.</li>
 * <li><b>The statement's samples.</b> A candidate that prints something other than a sample's stated output is
 * eliminated: its outputs count on no test.</li>
 * <li><b>The brute force</b> ran on the small tests. It is discarded ({@code crashed}) if it answered none of them,
 * ({@code fails_samples}) if it does not reproduce every sample's stated output, or
 * ({@code disagrees_with_every_cluster}) if no candidate left after step 2 printed its answer on a small test.
 * It is also discarded ({@code contradicts_majority}) when on some small test a cluster of more than
 * {@code overruledShare} of the candidates left after step 2 (and {@code minVotes}) printed something else: written by the same model,
 * it may share a misreading, and against most of the candidates it proves nothing. The tests where it did that are
 * dropped as {@code contested} and the candidates of both sides there cannot be golden. Otherwise every candidate
 * that printed something else on a small test it answered is eliminated.</li>
 * <li><b>Labels.</b> On a small test the brute force answered, its answer is the label when a counted cluster
 * printed it (else the test is dropped). On a sample, the stated output is the label when a counted cluster
 * printed it (else dropped). Elsewhere the counted outputs vote: when the runner-up cluster has real support
 * ({@code minVotes} votes and either {@code contestedShare} of the counted outputs or {@code contestedVotes} votes)
 * the test is dropped as
 * {@code contested} and the candidates of every cluster with real support there cannot be golden; otherwise the
 * largest cluster is the label if it has {@code minVotes} votes, {@code minShare} of the counted outputs and leads
 * the runner-up by {@code minMargin} votes (else dropped, {@code no_consensus}).</li>
 * <li><b>Golden eligibility.</b> A candidate may be golden only if it was not eliminated (so it agrees with the
 * samples and with the brute force wherever both answered), ran without a runtime error, time, memory or output
 * limit on every test input, labelled or not, and is in no contested cluster.</li>
 * </ol>
 */
public final class TruthDecision {

    private final EvidenceSettings settings;
    private final OutputComparison comparison;

    public TruthDecision(EvidenceSettings settings, OutputComparison comparison) {
        this.settings = settings;
        this.comparison = comparison;
    }

    /** Decides the truth of a task from its observations, one per test; {@code candidates} is their count. */
    public Truth decide(List<Observation> tests, int candidates) {
        Set<Integer> contradictSamples = contradictingSamples(tests);
        BruteForceOutcome bruteForce = bruteForce(tests, contradictSamples);
        Set<Integer> eliminated = new TreeSet<>(contradictSamples);
        Set<Integer> byBruteForce = bruteForce instanceof BruteForceOutcome.Used used ? used.eliminated() : Set.of();
        eliminated.addAll(byBruteForce);
        boolean bruteForceCounts = bruteForce instanceof BruteForceOutcome.Used;
        Set<Integer> disputedTests = bruteForce instanceof BruteForceOutcome.Discarded discarded
                ? discarded.disputed() : Set.of();
        Set<Integer> disputants = bruteForce instanceof BruteForceOutcome.Discarded discarded
                ? discarded.disputants() : Set.of();

        Set<Integer> contested = new TreeSet<>();
        List<TestTruth> truths = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            Observation test = tests.get(t);
            if (disputedTests.contains(t)) {
                clusters(test, eliminated).stream().filter(c -> c.members().stream().anyMatch(disputants::contains))
                        .forEach(cluster -> contested.addAll(cluster.members()));
                truths.add(new TestTruth.Dropped(DropReason.CONTESTED, "the brute force contradicts a cluster of"
                        + " more than " + settings.overruledShare() + " of the candidates (clusters "
                        + clusters(test, eliminated).stream().map(cluster -> cluster.members().size()).toList()
                        + "): a dispute, not proof"));
                continue;
            }
            truths.add(label(test, eliminated, bruteForceCounts, contested));
        }
        Map<Integer, Exclusion> excluded = new LinkedHashMap<>();
        for (int c = 0; c < candidates; c++) {
            if (byBruteForce.contains(c)) {
                excluded.put(c, Exclusion.ELIMINATED_BY_BRUTE_FORCE);
            } else if (contradictSamples.contains(c)) {
                excluded.put(c, Exclusion.CONTRADICTS_SAMPLES);
            } else if (failedARun(tests, c)) {
                excluded.put(c, Exclusion.FAILED_A_RUN);
            } else if (contested.contains(c)) {
                excluded.put(c, Exclusion.CONTESTED);
            }
        }
        return new Truth(truths, bruteForce, eliminated, excluded);
    }

    /** Whether labels are degenerate: at least {@code degenerateFrom} of them, all saying the same. */
    public boolean degenerate(List<String> labels) {
        if (labels.isEmpty() || labels.size() < settings.degenerateFrom()) {
            return false;
        }
        return labels.stream().allMatch(label -> comparison.same(labels.get(0), label));
    }

    private Set<Integer> contradictingSamples(List<Observation> tests) {
        Set<Integer> contradicting = new HashSet<>();
        for (Observation test : tests) {
            if (test.statedOutput().isEmpty()) {
                continue;
            }
            String stated = OutputComparison.normalize(test.statedOutput().get());
            for (int c = 0; c < test.candidates().size(); c++) {
                if (output(test.candidates().get(c)).filter(out -> !comparison.same(out, stated)).isPresent()) {
                    contradicting.add(c);
                }
            }
        }
        return contradicting;
    }

    private BruteForceOutcome bruteForce(List<Observation> tests, Set<Integer> contradictSamples) {
        List<Observation> small = tests.stream().filter(test -> test.bruteForce().isPresent()).toList();
        if (small.isEmpty()) {
            return new BruteForceOutcome.Absent();
        }
        int answered = (int) small.stream().filter(test -> output(test.bruteForce().get()).isPresent()).count();
        if (answered == 0) {
            return new BruteForceOutcome.Discarded(BruteForceOutcome.Reason.CRASHED, "it printed no answer on any of "
                    + small.size() + " small tests (first: " + name(small.get(0).bruteForce().get()) + ")",
                    small.size(), 0);
        }
        for (Observation test : small) {
            if (test.statedOutput().isPresent() && !output(test.bruteForce().get())
                    .filter(out -> comparison.same(out, OutputComparison.normalize(test.statedOutput().get())))
                    .isPresent()) {
                return new BruteForceOutcome.Discarded(BruteForceOutcome.Reason.FAILS_SAMPLES, "its "
                        + name(test.bruteForce().get()) + " on a sample differs from the statement's output",
                        small.size(), answered);
            }
        }
        Set<Integer> eliminated = new TreeSet<>();
        Set<Integer> agreed = new TreeSet<>();
        Set<Integer> disputants = new TreeSet<>();
        Set<Integer> disputed = new TreeSet<>();
        int standing = tests.get(0).candidates().size() - contradictSamples.size();
        for (int t = 0; t < tests.size(); t++) {
            Observation test = tests.get(t);
            Optional<String> answer = test.bruteForce().flatMap(TruthDecision::output);
            if (answer.isEmpty()) {
                continue;
            }
            List<Cluster> clusters = clusters(test, contradictSamples);
            Cluster siding = find(clusters, answer.get());
            for (Cluster cluster : clusters) {
                if (cluster == siding) {
                    agreed.addAll(cluster.members());
                } else if (cluster.members().size() >= settings.minVotes()
                        && cluster.members().size() > settings.overruledShare() * standing) {
                    // The brute force is written by the same model: contradicting most of the candidates is a
                    // dispute, not proof, and a brute force that can be wrong here is trusted nowhere.
                    disputants.addAll(cluster.members());
                    if (siding != null) {
                        disputants.addAll(siding.members());
                    }
                    disputed.add(t);
                } else {
                    eliminated.addAll(cluster.members());
                }
            }
        }
        if (!disputed.isEmpty() && !agreed.isEmpty()) {
            return new BruteForceOutcome.Discarded(BruteForceOutcome.Reason.CONTRADICTS_MAJORITY, "on " + disputed.size()
                    + " small tests it contradicts a cluster of more than " + settings.overruledShare() + " of the "
                    + standing + " candidates that agree with the samples", small.size(), answered, disputed,
                    disputants);
        }
        agreed.removeAll(eliminated);
        agreed.removeAll(contradictSamples);
        if (agreed.isEmpty()) {
            return new BruteForceOutcome.Discarded(BruteForceOutcome.Reason.DISAGREES_WITH_EVERY_CLUSTER,
                    "no candidate agrees with it on every small test it answered", small.size(), answered);
        }
        return new BruteForceOutcome.Used(small.size(), answered, eliminated);
    }

    private TestTruth label(Observation test, Set<Integer> eliminated, boolean bruteForceCounts,
            Set<Integer> contested) {
        List<Cluster> everyone = clusters(test, Set.of());
        List<Cluster> clusters = clusters(test, eliminated);
        List<Integer> sizes = clusters.stream().map(cluster -> cluster.members().size()).toList();
        int counted = sizes.stream().mapToInt(Integer::intValue).sum();
        int eliminatedOutputs = everyone.stream().mapToInt(cluster -> cluster.members().size()).sum() - counted;

        Optional<String> bruteAnswer = bruteForceCounts ? test.bruteForce().flatMap(TruthDecision::output)
                : Optional.empty();
        BruteForceAnswer said = !bruteForceCounts || test.bruteForce().isEmpty() ? BruteForceAnswer.NOT_RUN
                : bruteAnswer.isPresent() ? BruteForceAnswer.AGREED : BruteForceAnswer.NO_ANSWER;
        if (bruteAnswer.isPresent()) {
            Cluster agreeing = find(clusters, bruteAnswer.get());
            return agreeing == null
                    ? new TestTruth.Dropped(DropReason.NO_CONSENSUS, "no counted candidate printed the brute force's"
                            + " answer")
                    : new TestTruth.Labelled(agreeing.output(), DecidedBy.BRUTE_FORCE, sizes,
                            agreeing.members().size(), counted, eliminatedOutputs, said,
                            tally(test, everyone, agreeing.output()));
        }
        if (test.statedOutput().isPresent()) {
            Cluster agreeing = find(clusters, OutputComparison.normalize(test.statedOutput().get()));
            return agreeing == null
                    ? new TestTruth.Dropped(DropReason.NO_CONSENSUS, "no counted candidate printed the statement's"
                            + " output")
                    : new TestTruth.Labelled(agreeing.output(), DecidedBy.SAMPLE, sizes, agreeing.members().size(),
                            counted, eliminatedOutputs, said, tally(test, everyone, agreeing.output()));
        }
        if (clusters.isEmpty()) {
            return new TestTruth.Dropped(DropReason.NO_CONSENSUS, "no counted candidate printed an output");
        }
        Cluster top = clusters.get(0);
        int runnerUp = clusters.size() > 1 ? clusters.get(1).members().size() : 0;
        if (runnerUp > 0 && supported(runnerUp, counted)) {
            clusters.forEach(cluster -> contested.addAll(cluster.members()));
            return new TestTruth.Dropped(DropReason.CONTESTED, "outputs split " + sizes + " of " + counted
                    + " and nothing decides between them");
        }
        int votes = top.members().size();
        if (votes < settings.minVotes()) {
            return new TestTruth.Dropped(DropReason.NO_CONSENSUS, votes + " votes for the top output, fewer than "
                    + settings.minVotes());
        }
        if ((double) votes / counted < settings.minShare()) {
            return new TestTruth.Dropped(DropReason.NO_CONSENSUS, votes + " of " + counted
                    + " outputs is below the minimum share " + settings.minShare());
        }
        if (votes - runnerUp < settings.minMargin()) {
            return new TestTruth.Dropped(DropReason.NO_CONSENSUS, votes + " votes against " + runnerUp
                    + " is a margin below " + settings.minMargin());
        }
        return new TestTruth.Labelled(top.output(), DecidedBy.VOTE, sizes, votes, counted, eliminatedOutputs, said,
                tally(test, everyone, top.output()));
    }

    /** The output clusters of the candidates not in {@code leftOut}, largest first. */
    private List<Cluster> clusters(Observation test, Set<Integer> leftOut) {
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < test.candidates().size(); c++) {
            Optional<String> printed = output(test.candidates().get(c));
            if (printed.isEmpty() || leftOut.contains(c)) {
                continue;
            }
            Cluster cluster = find(clusters, printed.get());
            if (cluster == null) {
                cluster = new Cluster(printed.get(), new ArrayList<>());
                clusters.add(cluster);
            }
            cluster.members().add(c);
        }
        clusters.sort(Comparator.comparingInt((Cluster cluster) -> -cluster.members().size())
                .thenComparing(Cluster::output));
        return clusters;
    }

    /** How all candidates voted, eliminated ones included: the label's votes, the voters, the distribution. */
    private Truth.Tally tally(Observation test, List<Cluster> everyone, String label) {
        int voters = (int) test.candidates().stream().filter(o -> !(o instanceof RunOutcome.SandboxFailure)).count();
        Cluster agreeing = find(everyone, label);
        return new Truth.Tally(agreeing == null ? 0 : agreeing.members().size(), voters,
                everyone.stream().map(cluster -> cluster.members().size()).toList());
    }

    /** Real support: at least {@code minVotes} (a lone output is none), and the contested share or votes. */
    private boolean supported(int votes, int counted) {
        return votes >= settings.minVotes()
                && (votes >= settings.contestedVotes() || (double) votes / counted >= settings.contestedShare());
    }

    private static boolean failedARun(List<Observation> tests, int c) {
        return tests.stream().map(test -> test.candidates().get(c)).anyMatch(outcome ->
                outcome instanceof RunOutcome.RuntimeError || outcome instanceof RunOutcome.TimeLimit
                        || outcome instanceof RunOutcome.MemoryLimit || outcome instanceof RunOutcome.OutputLimit);
    }

    private Cluster find(List<Cluster> clusters, String output) {
        for (Cluster cluster : clusters) {
            if (comparison.same(cluster.output(), output)) {
                return cluster;
            }
        }
        return null;
    }

    private static Optional<String> output(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Completed done ? Optional.of(OutputComparison.normalize(done.stdout()))
                : Optional.empty();
    }

    private static String name(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Completed ? "output" : outcome.getClass().getSimpleName();
    }

    /** Candidates that printed the same output on a test. */
    private record Cluster(String output, List<Integer> members) {
    }
}
