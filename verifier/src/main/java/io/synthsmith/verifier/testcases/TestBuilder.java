package io.synthsmith.verifier.testcases;

import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.runners.PreparedProgram;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunInput;
import io.synthsmith.verifier.runners.RunTally;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.voting.OutputComparison;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the inputs of a task: the statement's samples, the inputs the model wrote directly, and what the
 * generator program prints for every configured seed and size class; oversize inputs and duplicates are
 * dropped, every input is checked by the validator program (invalid ones dropped), and the count is capped.
 * Samples are the statement's own and are always kept: a validator that rejects one of them (or fails on it) is
 * wrong about the constraints, so it is discarded and no input is dropped on its word
 * ({@code sample_rejected_by_validator} per sample, {@code validator_discarded} once, in the tests dropped).
 * The count cap keeps the samples, then takes the other inputs in turns from the kinds generated at the
 * {@code max} size, direct, {@code medium} and {@code small}, so stress inputs are never the first cut.
 * When the task has a brute force and fewer small tests than configured, the generator's small class runs with
 * more seeds; those extra small inputs do not count against the cap.
 */
public final class TestBuilder {

    public static final String OVERSIZE = "oversize_input";
    public static final String DUPLICATE = "duplicate_input";
    public static final String INVALID = "invalid_input";
    public static final String VALIDATOR_FAILED = "validator_failed";
    public static final String GENERATOR_FAILED = "generator_failed";
    public static final String OVER_COUNT = "over_count";
    public static final String SAMPLE_REJECTED = "sample_rejected_by_validator";
    public static final String VALIDATOR_DISCARDED = "validator_discarded";

    private final ProgramRunner runner;
    private final TestBuildSettings settings;
    private final SandboxLimits limits;

    public TestBuilder(ProgramRunner runner, TestBuildSettings settings, SandboxLimits limits) {
        this.runner = runner;
        this.settings = settings;
        this.limits = limits;
    }

    /** Builds at most {@code wanted} tests (never more than the configured cap), counting what it drops. */
    public TestSet build(Solved solved, int wanted, RunTally tally) {
        Map<String, Integer> dropped = new TreeMap<>();
        List<TestCase> collected = new ArrayList<>();
        Set<String> extraIds = new HashSet<>();
        Solved.TestSources sources = solved.testSources();
        List<Task.Sample> samples = sources != null && !sources.samples().isEmpty()
                ? sources.samples() : solved.task().samples();
        for (int i = 0; i < samples.size(); i++) {
            Task.Sample sample = samples.get(i);
            collected.add(new TestCase("sample-" + (i + 1), sample.input(), Verified.Origin.SAMPLE, null,
                    Optional.ofNullable(sample.output())));
        }
        if (sources != null) {
            for (int i = 0; i < sources.directInputs().size(); i++) {
                collected.add(new TestCase("direct-" + (i + 1), sources.directInputs().get(i),
                        Verified.Origin.DIRECT, null, Optional.empty()));
            }
            if (sources.generator() != null) {
                collected.addAll(generate(sources.generator(), requests(), dropped, tally));
                long small = collected.stream().filter(TestCase::small).count();
                if (sources.bruteForce() != null && small < settings.minSmallTests()) {
                    List<TestCase> extra = generate(sources.generator(),
                            extraSmall(2 * (settings.minSmallTests() - (int) small)), dropped, tally);
                    extra.forEach(test -> extraIds.add(test.id()));
                    collected.addAll(extra);
                }
            }
        }
        List<TestCase> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (TestCase test : collected) {
            if (test.input().getBytes(StandardCharsets.UTF_8).length > settings.maxInputBytes()) {
                count(dropped, OVERSIZE);
            } else if (!seen.add(OutputComparison.normalize(test.input()))) {
                count(dropped, DUPLICATE);
            } else {
                kept.add(test);
            }
        }
        if (sources != null && sources.validator() != null) {
            kept = validate(sources.validator(), kept, dropped, tally);
        }
        List<TestCase> extra = kept.stream().filter(test -> extraIds.contains(test.id())).toList();
        kept = new ArrayList<>(kept.stream().filter(test -> !extraIds.contains(test.id())).toList());
        int cap = Math.min(wanted, settings.maxCount());
        if (kept.size() > cap) {
            count(dropped, OVER_COUNT, kept.size() - cap);
            kept = capped(kept, cap);
        }
        List<TestCase> tests = new ArrayList<>(kept);
        tests.addAll(extra);
        return new TestSet(tests, dropped);
    }

    /** At most {@code cap} tests, in their order: samples first, then the other kinds in turns, stress first. */
    static List<TestCase> capped(List<TestCase> tests, int cap) {
        Map<Integer, List<TestCase>> byKind = new TreeMap<>();
        for (TestCase test : tests) {
            byKind.computeIfAbsent(capOrder(test), k -> new ArrayList<>()).add(test);
        }
        Set<TestCase> chosen = new HashSet<>(byKind.getOrDefault(0, List.of()).subList(0,
                Math.min(cap, byKind.getOrDefault(0, List.of()).size())));
        byKind.remove(0);
        int round = 0;
        while (chosen.size() < cap) {
            boolean took = false;
            for (List<TestCase> kind : byKind.values()) {
                if (round < kind.size() && chosen.size() < cap) {
                    chosen.add(kind.get(round));
                    took = true;
                }
            }
            if (!took) {
                break;
            }
            round++;
        }
        return tests.stream().filter(chosen::contains).toList();
    }

    private static int capOrder(TestCase test) {
        return switch (test.origin()) {
            case SAMPLE -> 0;
            case DIRECT -> 2;
            case GENERATED -> test.sizeClass() == Verified.SizeClass.MAX ? 1
                    : test.sizeClass() == Verified.SizeClass.MEDIUM ? 3 : 4;
        };
    }

    /** The generator runs of the configured seeds and size classes. */
    private List<GeneratorRun> requests() {
        List<GeneratorRun> runs = new ArrayList<>();
        for (int seed : settings.generatorSeeds()) {
            for (Verified.SizeClass size : settings.sizeClasses()) {
                runs.add(new GeneratorRun(seed, size));
            }
        }
        return runs;
    }

    /** {@code count} more runs of the small class, with seeds after the configured ones. */
    private List<GeneratorRun> extraSmall(int count) {
        int first = settings.generatorSeeds().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<GeneratorRun> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(new GeneratorRun(first + i, Verified.SizeClass.SMALL));
        }
        return runs;
    }

    private record GeneratorRun(int seed, Verified.SizeClass size) {
    }

    private List<TestCase> generate(Solved.Program generator, List<GeneratorRun> runs, Map<String, Integer> dropped,
            RunTally tally) {
        List<RunInput> requests = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Verified.SizeClass> sizes = new ArrayList<>();
        for (GeneratorRun run : runs) {
            requests.add(new RunInput("", List.of(Integer.toString(run.seed()), run.size().wire())));
            ids.add("generated-" + run.seed() + "-" + run.size().wire());
            sizes.add(run.size());
        }
        List<TestCase> generated = new ArrayList<>();
        try (PreparedProgram program = runner.prepare(generator.language(), generator.code())) {
            tally.addPreparation(program.preparation());
            if (program instanceof PreparedProgram.Unsupported) {
                count(dropped, GENERATOR_FAILED, requests.size());
                return generated;
            }
            List<RunOutcome> outcomes = runner.runAll(program, requests, limits);
            tally.addAll(outcomes);
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof RunOutcome.Completed done && !done.stdout().isBlank()) {
                    generated.add(new TestCase(ids.get(i), done.stdout(), Verified.Origin.GENERATED, sizes.get(i),
                            Optional.empty()));
                } else {
                    count(dropped, GENERATOR_FAILED);
                }
            }
        }
        return generated;
    }

    private List<TestCase> validate(Solved.Program validator, List<TestCase> tests, Map<String, Integer> dropped,
            RunTally tally) {
        try (PreparedProgram program = runner.prepare(validator.language(), validator.code())) {
            tally.addPreparation(program.preparation());
            if (program instanceof PreparedProgram.Unsupported) {
                return tests;
            }
            List<RunOutcome> outcomes = runner.runAll(program,
                    tests.stream().map(test -> RunInput.of(test.input())).toList(), limits);
            tally.addAll(outcomes);
            int samplesRejected = 0;
            for (int i = 0; i < tests.size(); i++) {
                if (tests.get(i).origin() == Verified.Origin.SAMPLE && !(outcomes.get(i) instanceof RunOutcome.Completed)) {
                    samplesRejected++;
                }
            }
            if (samplesRejected > 0) {
                count(dropped, SAMPLE_REJECTED, samplesRejected);
                count(dropped, VALIDATOR_DISCARDED);
                return tests;
            }
            List<TestCase> valid = new ArrayList<>();
            for (int i = 0; i < tests.size(); i++) {
                TestCase test = tests.get(i);
                RunOutcome outcome = outcomes.get(i);
                if (outcome instanceof RunOutcome.Completed) {
                    valid.add(test);
                } else if (outcome instanceof RunOutcome.RuntimeError) {
                    count(dropped, INVALID);
                } else {
                    count(dropped, VALIDATOR_FAILED);
                }
            }
            return valid;
        }
    }

    private static void count(Map<String, Integer> dropped, String reason) {
        count(dropped, reason, 1);
    }

    private static void count(Map<String, Integer> dropped, String reason, int times) {
        dropped.merge(reason, times, Integer::sum);
    }
}
