package io.synthsmith.verifier.verification;

import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.difficulty.ProbeScoring;
import io.synthsmith.verifier.evidence.Observation;
import io.synthsmith.verifier.evidence.Truth;
import io.synthsmith.verifier.evidence.TruthDecision;
import io.synthsmith.verifier.golden.GoldenSelection;
import io.synthsmith.verifier.golden.TestWeights;
import io.synthsmith.verifier.runners.CppHarness;
import io.synthsmith.verifier.runners.LeetCodeHarness;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import io.synthsmith.verifier.runners.RunTally;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.RunStats;
import io.synthsmith.verifier.sandbox.SandboxUnavailable;
import io.synthsmith.verifier.testcases.TestBuilder;
import io.synthsmith.verifier.testcases.TestCase;
import io.synthsmith.verifier.testcases.TestSet;
import io.synthsmith.verifier.voting.OutputComparison;
import io.synthsmith.verifier.voting.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Verifies one solved task: builds its tests, runs every candidate on every test and the brute force on the small
 * tests in the sandbox (spread over the run slots), lets {@link TruthDecision} decide the labels and which candidates
 * may be golden, rejects degenerate labels, weights and splits the labelled tests, and picks the golden candidate
 * among the eligible ones with its hold-out check. Last, when the run has a probe, {@link ProbeScoring} runs the
 * probe's attempts on the labelled tests for the task's difficulty for that model. The Kafka consumer and
 * {@code POST /verify} both call {@link #verify}, so they give the same result for the same input.
 */
public final class TaskVerifier implements AutoCloseable {

    public static final String STAGE = "verifier";
    private static final String NOT_RUNNABLE = "not_runnable";
    private static final String OVER_TOTAL_SIZE = "over_total_size";

    private final ProgramRunner runner;
    private final TestBuilder testBuilder;
    private final VerificationSettings settings;
    private final VerifierMetrics metrics;
    private final TestWeights weights;
    private final GoldenSelection selection;
    private final ProbeScoring probeScoring;
    private final Semaphore tasksInFlight;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public TaskVerifier(ProgramRunner runner, TestBuilder testBuilder, VerificationSettings settings,
            VerifierMetrics metrics) {
        this.runner = runner;
        this.testBuilder = testBuilder;
        this.settings = settings;
        this.metrics = metrics;
        this.weights = new TestWeights(settings.sizeWeight(), settings.disagreementWeight());
        this.selection = new GoldenSelection(settings.holdoutThreshold());
        this.probeScoring = new ProbeScoring(runner, settings.runLimits(), settings.easyFrom(), settings.hardBelow());
        this.tasksInFlight = new Semaphore(Math.max(1, settings.maxTasksInFlight()));
    }

    /** Verifies a solved task; blocks while the configured number of tasks is already being verified. */
    public VerificationResult verify(Solved solved) {
        try {
            tasksInFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to verify " + solved.id(), e);
        }
        try {
            VerificationResult result = verifyNow(solved, Instant.now());
            switch (result) {
                case VerificationResult.VerifiedTask verified -> metrics.task("verified", "none");
                case VerificationResult.RejectedTask rejected ->
                        metrics.task("rejected", rejected.message().reason().wire());
            }
            return result;
        } finally {
            tasksInFlight.release();
        }
    }

    private VerificationResult verifyNow(Solved solved, Instant now) {
        Task task = solved.task();
        RunConfig run = task.runConfig();
        Optional<Task.Signature> signature = Optional.ofNullable(task.signature());
        if (task.style() == Style.LEETCODE && signature.isEmpty()) {
            return reject(solved, Rejected.Reason.UNSUPPORTED_TASK,
                    "a LeetCode-style task needs a signature to build its call harness", Map.of(), now);
        }
        Optional<String> unbuildable = signature.flatMap(CppHarness::linkedStructure);
        if (unbuildable.isPresent()) {
            return reject(solved, Rejected.Reason.UNSUPPORTED_TASK, unbuildable.get(), Map.of(), now);
        }
        List<Candidate> candidates = solved.candidates();
        if (candidates.size() < settings.minVotes()) {
            return reject(solved, Rejected.Reason.TOO_FEW_CANDIDATES, candidates.size()
                    + " candidates cannot reach the " + settings.minVotes() + " votes a label needs",
                    Map.of("candidates", candidates.size()), now);
        }
        RunTally tally = new RunTally();
        TestSet testSet = testBuilder.build(solved, run.testsPerTask(), tally);
        Map<String, Integer> dropped = new TreeMap<>(testSet.dropped());
        List<TestCase> tests = testSet.tests();

        List<PreparedProgram> programs = prepareAll(candidates, signature);
        try {
            programs.forEach(program -> tally.addPreparation(program.preparation()));
            List<Integer> runnable = new ArrayList<>();
            for (int c = 0; c < programs.size(); c++) {
                if (!(programs.get(c) instanceof PreparedProgram.Unsupported)) {
                    runnable.add(c);
                }
            }
            if (runnable.isEmpty()) {
                String why = programs.get(0) instanceof PreparedProgram.Unsupported u ? u.reason() : "unsupported";
                return reject(solved, Rejected.Reason.UNSUPPORTED_TASK, "no candidate can run: " + why, Map.of(), now);
            }
            if (tests.size() < settings.minLabelled()) {
                return reject(solved, Rejected.Reason.TOO_FEW_TESTS, tests.size() + " test inputs survived building,"
                        + " fewer than " + settings.minLabelled(), Map.of("testsDropped", dropped), now);
            }
            Future<Optional<List<RunOutcome>>> bruteRuns = workers.submit(() ->
                    runBruteForce(solved.testSources(), signature, tests, tally));
            List<List<RunOutcome>> outcomes = runAll(programs, runnable, tests);
            outcomes.forEach(tally::addAll);
            return label(solved, task, signature, programs, runnable, tests, outcomes, await(bruteRuns), dropped,
                    tally, now);
        } finally {
            programs.forEach(PreparedProgram::close);
        }
    }

    private VerificationResult label(Solved solved, Task task, Optional<Task.Signature> signature,
            List<PreparedProgram> programs, List<Integer> runnable, List<TestCase> tests,
            List<List<RunOutcome>> outcomes, Optional<List<RunOutcome>> bruteRuns, Map<String, Integer> dropped,
            RunTally tally, Instant now) {
        OutputComparison comparison = new OutputComparison(settings.floatTolerance()
                .or(() -> signature.filter(LeetCodeHarness::returnsFloat).map(s -> settings.floatReturnTolerance())));
        TruthDecision decision = new TruthDecision(settings.evidence(), comparison);
        List<Observation> observations = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            List<RunOutcome> column = new ArrayList<>();
            for (int c : runnable) {
                column.add(outcomes.get(c).get(t));
            }
            int test = t;
            observations.add(new Observation(column, tests.get(t).statedOutput(),
                    bruteRuns.map(runs -> runs.get(test)).filter(Objects::nonNull)));
        }
        Truth truth = decision.decide(observations, runnable.size());
        List<Integer> labelledIndex = new ArrayList<>();
        List<Truth.TestTruth.Labelled> labels = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            if (truth.tests().get(t) instanceof Truth.TestTruth.Labelled labelled) {
                labelledIndex.add(t);
                labels.add(labelled);
            }
        }
        int noConsensus = truth.dropped(Truth.DropReason.NO_CONSENSUS);
        int contested = truth.dropped(Truth.DropReason.CONTESTED);
        for (Truth.DropReason reason : Truth.DropReason.values()) {
            if (truth.dropped(reason) > 0) {
                dropped.merge(reason.wire(), truth.dropped(reason), Integer::sum);
            }
        }
        fitTotalSize(tests, labelledIndex, labels, dropped);
        dropped.forEach((reason, count) -> metrics.tests("dropped", reason, count));
        metrics.tests("kept", "none", labels.size());
        Map<String, Object> facts = new LinkedHashMap<>();
        bruteForce(truth, runnable, solved.candidates()).ifPresent(brute -> facts.put("bruteForce", brute));
        if (truth.excluded().size() == runnable.size()) {
            Map<String, String> why = new TreeMap<>();
            truth.excluded().forEach((r, exclusion) -> why.put(solved.candidates().get(runnable.get(r)).id(),
                    exclusion.wire()));
            facts.put("goldenExclusions", why);
            Rejected.Reason reason = why.containsValue(Truth.Exclusion.CONTESTED.wire()) ? Rejected.Reason.CONTESTED
                    : why.containsValue(Truth.Exclusion.CONTRADICTS_SAMPLES.wire())
                            ? Rejected.Reason.CONTRADICTS_SAMPLES : Rejected.Reason.NO_GOLDEN;
            return reject(solved, reason, "no candidate may be golden: " + why, facts, now);
        }
        if (labels.size() < settings.minLabelled()) {
            Rejected.Reason reason = contested > 0 ? Rejected.Reason.CONTESTED
                    : noConsensus > 0 ? Rejected.Reason.NO_CONSENSUS : Rejected.Reason.TOO_FEW_TESTS;
            facts.put("labelledTests", labels.size());
            facts.put("testsDropped", dropped);
            return reject(solved, reason, labels.size() + " tests have a label, fewer than " + settings.minLabelled()
                    + " (of " + tests.size() + ": " + noConsensus + " without consensus, " + contested
                    + " contested)", facts, now);
        }
        if (decision.degenerate(labels.stream().map(Truth.TestTruth.Labelled::output).toList())) {
            facts.put("labelledTests", labels.size());
            return reject(solved, Rejected.Reason.DEGENERATE_LABELS, "all " + labels.size() + " labelled outputs are "
                    + abbreviate(labels.get(0).output()) + ": the tests cannot tell a solution from a constant",
                    facts, now);
        }

        long largest = labelledIndex.stream().mapToLong(t -> bytes(tests.get(t).input())).max().orElse(0);
        List<GoldenSelection.WeightedTest> weighted = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            TestCase test = tests.get(labelledIndex.get(i));
            weighted.add(new GoldenSelection.WeightedTest(test.id(),
                    weights.weight(bytes(test.input()), largest, labels.get(i).share())));
        }
        List<Verified.Half> halves = selection.split(task.id(), weighted);

        Map<Integer, List<Verdict>> verdicts = new LinkedHashMap<>();
        Map<Integer, String> exclusions = new LinkedHashMap<>();
        List<GoldenSelection.Contender> contenders = new ArrayList<>();
        for (int r = 0; r < runnable.size(); r++) {
            int c = runnable.get(r);
            List<Verdict> row = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                Verdict verdict = Verdict.of(outcomes.get(c).get(labelledIndex.get(i)), labels.get(i).output(),
                        comparison);
                row.add(verdict);
                metrics.verdict(programs.get(c).language(), verdict);
            }
            verdicts.put(c, row);
            if (truth.eligible(r)) {
                contenders.add(new GoldenSelection.Contender(solved.candidates().get(c).id(),
                        row.stream().map(v -> v == Verdict.PASSED).toList()));
            } else {
                exclusions.put(c, truth.excluded().get(r).wire());
            }
        }
        GoldenSelection.Outcome chosen = selection.select(weighted, halves, contenders);
        if (chosen instanceof GoldenSelection.NoneAccepted none) {
            if (none.bestCandidateId() != null) {
                facts.put("bestCandidate", none.bestCandidateId());
            }
            facts.put("selectionScore", none.selectionScore());
            facts.put("holdoutPassRate", none.holdoutPassRate());
            facts.put("threshold", settings.holdoutThreshold());
            return reject(solved, Rejected.Reason.NO_GOLDEN, none.why(), facts, now);
        }
        GoldenSelection.Chosen golden = (GoldenSelection.Chosen) chosen;
        int goldenIndex = indexOf(solved.candidates(), golden.candidateId());
        Optional<String> contradiction = contradictedSample(tests, outcomes.get(goldenIndex), comparison);
        if (contradiction.isPresent()) {
            return reject(solved, Rejected.Reason.CONTRADICTS_SAMPLES, contradiction.get(),
                    Map.of("goldenCandidate", golden.candidateId()), now);
        }
        Optional<Verified.ProbeDifficulty> probe = probeScoring.score(solved.probe(), signature,
                labelledIndex.stream().map(t -> tests.get(t).input()).toList(),
                labels.stream().map(Truth.TestTruth.Labelled::output).toList(), comparison, tally);
        return new VerificationResult.VerifiedTask(verified(solved, programs, tests, labelledIndex, labels, weighted,
                halves, verdicts, exclusions, golden, goldenIndex, noConsensus, contested,
                bruteForce(truth, runnable, solved.candidates()).orElse(null), probe.orElse(null), dropped, tally,
                now));
    }

    /** The brute force's outcome for the verified message, or empty when the task had none. */
    private static Optional<Verified.BruteForce> bruteForce(Truth truth, List<Integer> runnable,
            List<Candidate> candidates) {
        return switch (truth.bruteForce()) {
            case Truth.BruteForceOutcome.Absent absent -> Optional.empty();
            case Truth.BruteForceOutcome.Used used -> Optional.of(new Verified.BruteForce("used", null,
                    used.smallTests(), used.answered(), used.eliminated().stream().sorted()
                            .map(r -> candidates.get(runnable.get(r)).id()).toList()));
            case Truth.BruteForceOutcome.Discarded discarded -> Optional.of(new Verified.BruteForce("discarded",
                    discarded.reason().wire(), discarded.smallTests(), discarded.answered(), List.of()));
        };
    }

    private Verified verified(Solved solved, List<PreparedProgram> programs, List<TestCase> tests,
            List<Integer> labelledIndex, List<Truth.TestTruth.Labelled> labels,
            List<GoldenSelection.WeightedTest> weighted, List<Verified.Half> halves,
            Map<Integer, List<Verdict>> verdicts, Map<Integer, String> exclusions, GoldenSelection.Chosen golden,
            int goldenIndex, int noConsensus, int contested, Verified.BruteForce bruteForce,
            Verified.ProbeDifficulty probe, Map<String, Integer> dropped, RunTally tally, Instant now) {
        List<Verified.LabelledTest> labelled = new ArrayList<>();
        double shareSum = 0;
        int unanimous = 0;
        for (int i = 0; i < labels.size(); i++) {
            TestCase test = tests.get(labelledIndex.get(i));
            Truth.TestTruth.Labelled label = labels.get(i);
            Truth.Tally all = label.allVotes();
            shareSum += label.share();
            if (all.agreeing() == all.voters()) {
                unanimous++;
            }
            labelled.add(new Verified.LabelledTest(test.id(), test.input(), label.output(), weighted.get(i).weight(),
                    test.origin(), test.sizeClass(), halves.get(i), new Verified.Votes(all.agreeing(), all.voters(),
                            all.distribution().size(), all.distribution()),
                    new Verified.LabelEvidence(label.decidedBy().wire(), label.clusters(), label.counted(),
                            label.eliminatedOutputs(), label.bruteForce().wire())));
        }
        List<Verified.CandidateResult> results = new ArrayList<>();
        double passRateSum = 0;
        for (int c = 0; c < solved.candidates().size(); c++) {
            List<Verdict> row = verdicts.getOrDefault(c, List.of());
            Map<String, Integer> counts = new TreeMap<>();
            StringBuilder codes = new StringBuilder();
            row.forEach(v -> {
                counts.merge(v.wire(), 1, Integer::sum);
                codes.append(v.code());
            });
            double passRate = row.isEmpty() ? 0 : (double) counts.getOrDefault(Verdict.PASSED.wire(), 0) / row.size();
            if (verdicts.containsKey(c)) {
                passRateSum += passRate;
            }
            String exclusion = verdicts.containsKey(c) ? exclusions.get(c) : NOT_RUNNABLE;
            results.add(new Verified.CandidateResult(solved.candidates().get(c), passRate, counts, codes.toString(),
                    exclusion));
        }
        double meanPassRate = passRateSum / verdicts.size();
        String id = solved.task().id();
        Lineage from = solved.lineage() == null ? Lineage.empty() : solved.lineage();
        return new Verified(Verified.SCHEMA, solved.runId(), id, from.next(STAGE, solved.id(), id, now), now,
                solved.task(), programs.get(goldenIndex).language(), labelled,
                new Verified.Golden(golden.candidateId(), golden.selectionScore(), golden.holdoutPassRate()), results,
                new Verified.Agreement(shareSum / labels.size(), unanimous, noConsensus, contested),
                new Verified.Difficulty(meanPassRate, probeScoring.level(meanPassRate), probe),
                new Verified.Execution(tally.runs(), tally.cpuMillis(), tally.wallMillis(), tally.sandboxFailures(),
                        dropped), bruteForce);
    }

    private List<PreparedProgram> prepareAll(List<Candidate> candidates, Optional<Task.Signature> signature) {
        List<Future<PreparedProgram>> futures = new ArrayList<>();
        for (Candidate candidate : candidates) {
            futures.add(workers.submit(() -> runner.prepare(candidate.language(), candidate.code(), signature)));
        }
        return futures.stream().map(TaskVerifier::await).toList();
    }

    /**
     * Runs every runnable candidate on every test. Each candidate's tests are cut into as many chunks as it takes
     * to give every run slot work; each chunk runs in its own session, so a program is loaded once per chunk.
     */
    private List<List<RunOutcome>> runAll(List<PreparedProgram> programs, List<Integer> runnable,
            List<TestCase> tests) {
        int chunks = Math.max(1, Math.min(tests.size(),
                (settings.parallelism() + runnable.size() - 1) / runnable.size()));
        int chunkSize = (tests.size() + chunks - 1) / chunks;
        List<RunInput> inputs = tests.stream().map(test -> RunInput.of(test.input())).toList();
        Map<Integer, List<Future<List<RunOutcome>>>> parts = new LinkedHashMap<>();
        for (int c : runnable) {
            List<Future<List<RunOutcome>>> futures = new ArrayList<>();
            for (int from = 0; from < inputs.size(); from += chunkSize) {
                List<RunInput> chunk = inputs.subList(from, Math.min(inputs.size(), from + chunkSize));
                PreparedProgram program = programs.get(c);
                futures.add(workers.submit(() -> runner.runAll(program, chunk, settings.runLimits())));
            }
            parts.put(c, futures);
        }
        List<List<RunOutcome>> outcomes = new ArrayList<>();
        for (int c = 0; c < programs.size(); c++) {
            List<RunOutcome> row = new ArrayList<>();
            for (Future<List<RunOutcome>> part : parts.getOrDefault(c, List.of())) {
                row.addAll(await(part));
            }
            outcomes.add(row);
        }
        return outcomes;
    }

    /**
     * Runs the brute force, with its own limits, on the small tests (samples, direct inputs, generated small ones);
     * the outcome list has an entry per test, {@code null} where it did not run. Empty when the task has none. A
     * brute force the verifier cannot run (an unsupported signature type) gets a runtime error on every small test.
     */
    private Optional<List<RunOutcome>> runBruteForce(Solved.TestSources sources, Optional<Task.Signature> signature,
            List<TestCase> tests, RunTally tally) {
        if (sources == null || sources.bruteForce() == null) {
            return Optional.empty();
        }
        Solved.Program brute = sources.bruteForce();
        List<Integer> small = new ArrayList<>();
        for (int t = 0; t < tests.size(); t++) {
            if (tests.get(t).small()) {
                small.add(t);
            }
        }
        List<RunOutcome> runs = new ArrayList<>(Collections.nCopies(tests.size(), (RunOutcome) null));
        try (PreparedProgram program = runner.prepare(brute.language(), brute.code(), signature)) {
            tally.addPreparation(program.preparation());
            List<RunOutcome> outcomes;
            if (program instanceof PreparedProgram.Unsupported unsupported) {
                outcomes = small.stream().map(t -> (RunOutcome) new RunOutcome.RuntimeError(unsupported.reason(),
                        RunStats.NONE)).toList();
            } else {
                int chunks = Math.max(1, Math.min(small.size(), settings.parallelism()));
                int chunkSize = Math.max(1, (small.size() + chunks - 1) / chunks);
                List<Future<List<RunOutcome>>> parts = new ArrayList<>();
                for (int from = 0; from < small.size(); from += chunkSize) {
                    List<RunInput> chunk = small.subList(from, Math.min(small.size(), from + chunkSize)).stream()
                            .map(t -> RunInput.of(tests.get(t).input())).toList();
                    parts.add(workers.submit(() -> runner.runAll(program, chunk, settings.bruteForceLimits())));
                }
                outcomes = parts.stream().flatMap(part -> await(part).stream()).toList();
                tally.addAll(outcomes);
            }
            for (int i = 0; i < small.size(); i++) {
                runs.set(small.get(i), outcomes.get(i));
            }
        }
        return Optional.of(runs);
    }

    /** Drops the largest non-sample labelled tests until inputs and labels fit the configured total. */
    private void fitTotalSize(List<TestCase> tests, List<Integer> labelledIndex, List<Truth.TestTruth.Labelled> labels,
            Map<String, Integer> dropped) {
        long total = 0;
        for (int i = 0; i < labels.size(); i++) {
            total += bytes(tests.get(labelledIndex.get(i)).input()) + bytes(labels.get(i).output());
        }
        while (total > settings.maxTotalBytes()) {
            int largest = -1;
            long largestBytes = -1;
            for (int i = 0; i < labels.size(); i++) {
                TestCase test = tests.get(labelledIndex.get(i));
                long size = bytes(test.input()) + bytes(labels.get(i).output());
                if (test.origin() != Verified.Origin.SAMPLE && size > largestBytes) {
                    largest = i;
                    largestBytes = size;
                }
            }
            if (largest < 0) {
                return;
            }
            total -= largestBytes;
            labelledIndex.remove(largest);
            labels.remove(largest);
            dropped.merge(OVER_TOTAL_SIZE, 1, Integer::sum);
        }
    }

    private static Optional<String> contradictedSample(List<TestCase> tests, List<RunOutcome> goldenRuns,
            OutputComparison comparison) {
        for (int t = 0; t < tests.size(); t++) {
            TestCase test = tests.get(t);
            if (test.origin() != Verified.Origin.SAMPLE || test.statedOutput().isEmpty()) {
                continue;
            }
            String stated = OutputComparison.normalize(test.statedOutput().get());
            if (Verdict.of(goldenRuns.get(t), stated, comparison) != Verdict.PASSED) {
                return Optional.of("the golden candidate's " + describe(goldenRuns.get(t)) + " on " + test.id()
                        + " differs from the statement's output " + abbreviate(stated));
            }
        }
        return Optional.empty();
    }

    private static String describe(RunOutcome outcome) {
        return outcome instanceof RunOutcome.Completed done
                ? "output " + abbreviate(OutputComparison.normalize(done.stdout()))
                : outcome.getClass().getSimpleName();
    }

    private static String abbreviate(String text) {
        String quoted = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return "\"" + quoted.replace("\n", "\\n") + "\"";
    }

    private VerificationResult reject(Solved solved, Rejected.Reason reason, String detail,
            Map<String, Object> evidence, Instant now) {
        return new VerificationResult.RejectedTask(Rejections.of(STAGE, reason, detail, solved, evidence, now));
    }

    private static int indexOf(List<Candidate> candidates, String id) {
        for (int c = 0; c < candidates.size(); c++) {
            if (candidates.get(c).id().equals(id)) {
                return c;
            }
        }
        throw new IllegalStateException("golden candidate " + id + " is not among the candidates");
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sandboxed runs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SandboxUnavailable unavailable) {
                throw unavailable;
            }
            throw new IllegalStateException("a sandboxed run failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
