package io.synthsmith.bench.verifyeval;

import io.synthsmith.verifier.evidence.EvidenceSettings;
import io.synthsmith.verifier.evidence.Observation;
import io.synthsmith.verifier.evidence.Truth;
import io.synthsmith.verifier.evidence.TruthDecision;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import io.synthsmith.verifier.voting.OutputComparison;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A tuning aid, not the benchmark: runs every program of the verify-eval set locally once (cached in a JSON file),
 * then applies {@link TruthDecision} in-process under several {@link EvidenceSettings} and prints the four figures
 * for each. The verifier builds its own tests and picks its golden by weighted pass counts, so these figures
 * approximate what {@code bench verify-eval} measures through {@code POST /verify}; they are for choosing the
 * defaults quickly, and the recorded figures come from the benchmark.
 *
 * <p>Usage: {@code TruthTuning <cache.json> [problem glob]}.
 */
public final class TruthTuning {

    private TruthTuning() {
    }

    public static void main(String[] args) throws Exception {
        Path cachePath = Path.of(args[0]);
        List<EvalProblem> problems = EvalCorpus.load(args.length > 1 ? args[1] : "*");
        Map<String, LocalRunner.Result> cache = LocalRunner.loadCache(cachePath);
        Map<String, List<Row>> table = new LinkedHashMap<>();
        try (LocalRunner runner = new LocalRunner("/usr/bin/python3", 10_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            for (EvalProblem p : problems) {
                table.put(p.id(), rows(p, new ProblemRuns(p, runner, cache), pool));
                LocalRunner.saveCache(cachePath, cache);
                System.err.println(p.id() + " ran");
            }
            pool.shutdown();
        }
        if (System.getProperty("diagnose") != null) {
            for (EvalProblem p : problems) {
                diagnose(p, table.get(p.id()));
            }
            return;
        }
        Scoring.Tally majority = new Scoring.Tally();
        try (LocalRunner runner = new LocalRunner("/usr/bin/python3", 10_000)) {
            for (EvalProblem p : problems) {
                majority.add(Scoring.majority(new ProblemRuns(p, runner, cache)));
            }
        }
        System.out.println("plain majority voting: " + majority.figures());
        for (double overruled : new double[] {0.5, 1.0}) {
            for (double share : new double[] {0.3, 0.4, 0.5}) {
                for (int votes : new int[] {3, 4}) {
                    EvidenceSettings settings = new EvidenceSettings(2, 0.5, 1, share, votes, 3, overruled);
                    System.out.println("overruled-share " + overruled + " contested-share " + share
                            + " contested-votes " + votes + ": " + score(problems, table, settings, true)
                            + " | without brute force: " + score(problems, table, settings, false));
                }
            }
        }
    }

    /** One input of a problem: its origin, the truth, the brute force's run (small inputs) and each candidate's. */
    record Row(String origin, String stated, LocalRunner.Result truth, LocalRunner.Result brute,
            List<LocalRunner.Result> candidates) {
    }

    private static List<Row> rows(EvalProblem p, ProblemRuns runs, ExecutorService pool) throws Exception {
        Map<String, String> stated = new LinkedHashMap<>();
        p.samples().forEach(s -> stated.put(ProblemRuns.key(s.input()), s.output()));
        List<Future<Row>> futures = new ArrayList<>();
        for (ProblemRuns.Input in : runs.inputs()) {
            futures.add(pool.submit(() -> {
                LocalRunner.Result truth = runs.truth(in.text());
                LocalRunner.Result brute = in.small() ? runs.run(p.bruteForce(), in.text()) : null;
                List<LocalRunner.Result> candidates = new ArrayList<>();
                for (EvalProblem.EvalCandidate c : p.candidates()) {
                    candidates.add(runs.run(c.program(), in.text()));
                }
                return new Row(in.origin(), stated.get(ProblemRuns.key(in.text())), truth, brute, candidates);
            }));
        }
        List<Row> rows = new ArrayList<>();
        for (Future<Row> f : futures) {
            rows.add(f.get());
        }
        return rows;
    }

    private static String score(List<EvalProblem> problems, Map<String, List<Row>> table, EvidenceSettings settings,
            boolean withBrute) {
        int labels = 0;
        int right = 0;
        int inputs = 0;
        int goldens = 0;
        int goldenRight = 0;
        List<String> notes = new ArrayList<>();
        for (EvalProblem p : problems) {
            List<Row> rows = table.get(p.id());
            inputs += rows.size();
            List<Observation> observations = new ArrayList<>();
            for (Row row : rows) {
                observations.add(new Observation(row.candidates().stream().map(TruthTuning::outcome).toList(),
                        Optional.ofNullable(row.stated()),
                        withBrute && row.brute() != null ? Optional.of(outcome(row.brute())) : Optional.empty()));
            }
            OutputComparison comparison = OutputComparison.exact();
            TruthDecision decision = new TruthDecision(settings, comparison);
            Truth truth = decision.decide(observations, p.candidates().size());
            List<Integer> labelled = new ArrayList<>();
            for (int t = 0; t < rows.size(); t++) {
                if (truth.tests().get(t) instanceof Truth.TestTruth.Labelled) {
                    labelled.add(t);
                }
            }
            List<String> labelOutputs = labelled.stream()
                    .map(t -> ((Truth.TestTruth.Labelled) truth.tests().get(t)).output()).toList();
            int best = -1;
            int bestPasses = -1;
            for (int c = 0; c < p.candidates().size(); c++) {
                if (!truth.eligible(c)) {
                    continue;
                }
                int passes = 0;
                for (int i = 0; i < labelled.size(); i++) {
                    LocalRunner.Result r = rows.get(labelled.get(i)).candidates().get(c);
                    passes += r.ok() && comparison.same(OutputComparison.normalize(r.output()), labelOutputs.get(i))
                            ? 1 : 0;
                }
                if (passes > bestPasses) {
                    best = c;
                    bestPasses = passes;
                }
            }
            if (best < 0 || labelled.size() < 5 || decision.degenerate(labelOutputs)) {
                notes.add(p.id() + ":rejected");
                continue;
            }
            int wrongHere = 0;
            for (int i = 0; i < labelled.size(); i++) {
                LocalRunner.Result t = rows.get(labelled.get(i)).truth();
                boolean ok = t.ok() && comparison.same(OutputComparison.normalize(t.output()), labelOutputs.get(i));
                right += ok ? 1 : 0;
                wrongHere += ok ? 0 : 1;
            }
            labels += labelled.size();
            goldens++;
            EvalProblem.EvalCandidate golden = p.candidates().get(best);
            int g = best;
            boolean goldenOk = golden.correct() && rows.stream().allMatch(row -> row.truth().ok()
                    && row.candidates().get(g).ok() && row.candidates().get(g).output().equals(row.truth().output()));
            goldenRight += goldenOk ? 1 : 0;
            if (wrongHere > 0 || !goldenOk) {
                notes.add(p.id() + ":" + wrongHere + "wrong" + (goldenOk ? "" : ",badgolden=" + golden.id()));
            }
        }
        return String.format("labels %.1f%% (%d/%d) cov %.1f%% | golden %.1f%% (%d/%d) cov %.1f%% %s",
                100.0 * right / Math.max(1, labels), right, labels, 100.0 * labels / inputs, labels == 0 ? 0 : 100.0
                        * goldenRight / Math.max(1, goldens), goldenRight, goldens, 100.0 * goldens / problems.size(),
                notes);
    }

    /** Per small test: the clusters (sizes, whether right), and which one the brute force sides with. */
    private static void diagnose(EvalProblem p, List<Row> rows) {
        StringBuilder out = new StringBuilder(p.id() + " bruteRight=" + p.bruteForceCorrect() + " correct="
                + p.candidates().stream().map(c -> c.correct() ? "1" : "0").reduce("", String::concat) + "\n");
        for (Row row : rows) {
            Map<String, List<Integer>> clusters = new LinkedHashMap<>();
            for (int c = 0; c < row.candidates().size(); c++) {
                LocalRunner.Result r = row.candidates().get(c);
                clusters.computeIfAbsent(r.ok() ? r.output() : "<" + r.failure() + ">", k -> new ArrayList<>()).add(c);
            }
            if (clusters.size() == 1 && (row.brute() == null || !row.brute().ok()
                    || clusters.containsKey(row.brute().output()))) {
                continue;
            }
            StringBuilder line = new StringBuilder("  " + row.origin() + ":");
            clusters.forEach((o, m) -> line.append(" ").append(m).append(o.equals(row.truth().output()) ? "T" : "")
                    .append(row.brute() != null && row.brute().ok() && o.equals(row.brute().output()) ? "B" : ""));
            if (row.brute() != null && (!row.brute().ok() || !clusters.containsKey(row.brute().output()))) {
                line.append(" brute=").append(row.brute().ok() ? "other" : row.brute().failure());
            }
            out.append(line).append("\n");
        }
        System.out.print(out);
    }

    private static RunOutcome outcome(LocalRunner.Result r) {
        if (r.ok()) {
            return new RunOutcome.Completed(r.output(), RunStats.NONE);
        }
        return "time_limit".equals(r.failure()) ? new RunOutcome.TimeLimit(RunStats.NONE)
                : new RunOutcome.RuntimeError(r.failure(), RunStats.NONE);
    }
}
