package io.synthsmith.bench.verifyeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verify-eval corpus says what it claims: the reference reproduces the samples, a brute force annotated correct
 * agrees with the reference on the small inputs (and one annotated wrong does not), every candidate annotated
 * correct agrees with the reference on every input, every one annotated wrong fails at least one, and every
 * correlated wrong group passes the statement's samples. Runs the programs locally, no verifier involved.
 */
class CorpusSelfCheckTest {

    private static LocalRunner runner;
    private static List<EvalProblem> problems;

    @BeforeAll
    static void load() {
        runner = new LocalRunner("/usr/bin/python3", 8_000);
        problems = EvalCorpus.load("*");
    }

    @AfterAll
    static void close() {
        runner.close();
    }

    @Test
    void theCorpusHasItsAdvertisedShape() {
        assertTrue(problems.size() >= 32, "problems: " + problems.size());
        assertTrue(problems.stream().filter(EvalProblem::leetcode).count() >= 8, "LeetCode-style problems");
        assertTrue(problems.stream().filter(p -> !p.groups().isEmpty()).count() >= 12, "problems with a group");
        for (EvalProblem p : problems) {
            assertEquals(8, p.candidates().size(), p.id() + " candidates");
            int direct = p.directInputs().size();
            assertTrue(direct >= 8 && direct <= 15, p.id() + " direct inputs: " + direct);
            for (List<String> group : p.groups()) {
                assertTrue(group.size() >= 2 && group.size() <= 5, p.id() + " group size");
                for (String member : group) {
                    assertTrue(p.candidates().stream().anyMatch(c -> c.program().name().equals(member) && !c.correct()),
                            p.id() + ": group member " + member + " is not a wrong candidate");
                }
            }
        }
    }

    /**
     * Runs all 256 candidates on every input: minutes of CPU with wall-clock limits, so it is kept out of the test
     * command (a loaded CI machine would time out correct candidates). Run it after editing the corpus:
     * {@code ./mvnw -B -pl bench -am test -Dtest=CorpusSelfCheckTest -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
     */
    @Test
    @Tag("corpus-run")
    void everyProblemIsTrueToItsAnnotations() throws Exception {
        List<String> defects = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (EvalProblem p : problems) {
                done.add(pool.submit(() -> check(new ProblemRuns(p, runner), defects)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), defects);
    }

    private static void check(ProblemRuns runs, List<String> defects) {
        EvalProblem p = runs.problem();
        for (EvalProblem.Sample s : p.samples()) {
            LocalRunner.Result t = runs.truth(s.input());
            if (!t.ok() || !t.output().equals(LocalRunner.normalise(s.output()))) {
                defects.add(p.id() + ": the reference prints " + t + " on sample " + s.input().strip());
            }
        }
        for (ProblemRuns.Input in : runs.inputs()) {
            if (!runs.truth(in.text()).ok()) {
                defects.add(p.id() + ": the reference fails on a " + in.origin() + " input: " + runs.truth(in.text()));
            }
        }
        // An exponential brute force may run out of time on a small input with large values: no answer, no vote.
        boolean bruteAgrees = runs.inputs().stream().filter(ProblemRuns.Input::small)
                .allMatch(in -> runs.agrees(p.bruteForce(), in.text())
                        || "time_limit".equals(runs.run(p.bruteForce(), in.text()).failure())
                                && !in.origin().equals("sample"));
        if (bruteAgrees != p.bruteForceCorrect()) {
            defects.add(p.id() + ": the brute force is annotated " + (p.bruteForceCorrect() ? "correct" : "wrong")
                    + " but " + (bruteAgrees ? "agrees" : "disagrees") + " with the reference on the small inputs");
        }
        for (EvalProblem.EvalCandidate c : p.candidates()) {
            ProblemRuns.Input failing = runs.inputs().stream().filter(in -> !runs.agrees(c.program(), in.text()))
                    .findFirst().orElse(null);
            if (c.correct() && failing != null) {
                defects.add(p.id() + ": " + c.program().name() + " is annotated correct but prints "
                        + runs.run(c.program(), failing.text()) + " on a " + failing.origin() + " input");
            }
            if (!c.correct() && failing == null) {
                defects.add(p.id() + ": " + c.program().name() + " is annotated wrong (" + c.note()
                        + ") but passes every input");
            }
        }
        for (List<String> group : p.groups()) {
            for (String member : group) {
                EvalProblem.Program program = p.candidates().stream().map(EvalProblem.EvalCandidate::program)
                        .filter(pr -> pr.name().equals(member)).findFirst().orElseThrow();
                for (EvalProblem.Sample s : p.samples()) {
                    LocalRunner.Result r = runs.run(program, s.input());
                    if (!r.ok() || !r.output().equals(LocalRunner.normalise(s.output()))) {
                        defects.add(p.id() + ": group member " + member + " fails sample " + s.input().strip());
                    }
                }
            }
        }
    }
}
