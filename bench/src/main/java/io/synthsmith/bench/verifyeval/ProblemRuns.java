package io.synthsmith.bench.verifyeval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bench's own test inputs of a problem (samples, direct inputs, the generator's output for seeds 1-3 in every
 * size class, duplicates after whitespace normalisation removed) and memoised local runs on them: the truth is
 * what the trusted reference prints.
 */
public final class ProblemRuns {

    /** The seeds and size classes the verifier uses by default. */
    public static final List<Integer> SEEDS = List.of(1, 2, 3);
    public static final List<String> SIZE_CLASSES = List.of("small", "medium", "max");

    /** A test input and where it comes from ({@code sample}, {@code direct}, {@code generated-small}, ...). */
    public record Input(String origin, String text) {

        public boolean small() {
            return !origin.equals("generated-medium") && !origin.equals("generated-max");
        }
    }

    private final EvalProblem problem;
    private final LocalRunner runner;
    private final Map<String, LocalRunner.Result> runs;
    private List<Input> inputs;

    public ProblemRuns(EvalProblem problem, LocalRunner runner) {
        this(problem, runner, new ConcurrentHashMap<>());
    }

    /**
     * Runs memoised in {@code store}, which may be shared by several problems and saved between bench runs
     * ({@code --local-cache}): keys name the problem, the program and the input.
     */
    public ProblemRuns(EvalProblem problem, LocalRunner runner, Map<String, LocalRunner.Result> store) {
        this.problem = problem;
        this.runner = runner;
        this.runs = store;
    }

    public EvalProblem problem() {
        return problem;
    }

    /** Samples, direct inputs, then generated ones; a generator failure is an error of the corpus. */
    public synchronized List<Input> inputs() {
        if (inputs == null) {
            Map<String, Input> unique = new LinkedHashMap<>();
            problem.samples().forEach(s -> unique.putIfAbsent(key(s.input()), new Input("sample", s.input())));
            problem.directInputs().forEach(d -> unique.putIfAbsent(key(d), new Input("direct", d)));
            for (String size : SIZE_CLASSES) {
                for (int seed : SEEDS) {
                    LocalRunner.Result generated = runner.generate(problem, seed, size);
                    if (!generated.ok() || generated.output().isBlank()) {
                        throw new IllegalStateException(problem.id() + ": the generator failed for seed " + seed
                                + " " + size + ": " + generated);
                    }
                    String text = generated.output() + "\n";
                    unique.putIfAbsent(key(text), new Input("generated-" + size, text));
                }
            }
            inputs = List.copyOf(new ArrayList<>(unique.values()));
        }
        return inputs;
    }

    /** The reference's output on an input. */
    public LocalRunner.Result truth(String input) {
        return run(problem.reference(), input);
    }

    /** A program's run on an input (memoised by program name and input). */
    public LocalRunner.Result run(EvalProblem.Program program, String input) {
        String key = key(input);
        return runs.computeIfAbsent(problem.id() + "/" + program.name() + "/" + key.hashCode() + "/" + key.length(),
                k -> runner.solve(problem, program, input));
    }

    /** True when the run printed what the reference prints. */
    public boolean agrees(EvalProblem.Program program, String input) {
        LocalRunner.Result r = run(program, input);
        LocalRunner.Result t = truth(input);
        return r.ok() && t.ok() && r.output().equals(t.output());
    }

    /** Inputs that are equal after normalising whitespace are one test (as the verifier counts them). */
    public static String key(String input) {
        return input.strip().replaceAll("\\s+", " ");
    }
}
