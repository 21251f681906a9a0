package io.synthsmith.verifier.verification;

import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-made solved tasks: "print a + b" with candidate sets written to exercise the vote and the selection. */
public final class SolvedTasks {

    public static final String CORRECT = "a, b = map(int, input().split())\nprint(a + b)\n";
    public static final String CORRECT_TOO = "import sys\nprint(sum(int(x) for x in sys.stdin.read().split()))\n";
    public static final String PRODUCT = "a, b = map(int, input().split())\nprint(a * b)\n";
    public static final String CRASHES = "raise RuntimeError('boom')\n";
    /** Right for non-negative numbers only: a shortcut several candidates can share. */
    public static final String ABSOLUTE = "a, b = map(int, input().split())\nprint(abs(a) + abs(b))\n";
    /** Adds the two numbers one at a time, as the statement says. */
    public static final String BRUTE_FORCE = """
            total = 0
            for word in input().split():
                total += int(word)
            print(total)
            """;
    public static final String CORRECT_CPP = """
            #include <iostream>
            int main() { long long a, b; std::cin >> a >> b; std::cout << a + b << "\\n"; }
            """;
    public static final String BROKEN_CPP = "int main( {";
    public static final String GENERATOR = """
            import random, sys
            seed, size = int(sys.argv[1]), sys.argv[2]
            random.seed(seed)
            top = {"small": 10, "medium": 1000, "max": 10 ** 9}[size]
            print(random.randint(3, top), random.randint(3, top))
            """;
    public static final String VALIDATOR = """
            parts = input().split()
            assert len(parts) == 2 and all(p.lstrip("-").isdigit() for p in parts)
            """;

    private SolvedTasks() {
    }

    public record Code(Language language, String code) {

        public static Code python(String code) {
            return new Code(Language.PYTHON, code);
        }

        public static Code cpp(String code) {
            return new Code(Language.CPP, code);
        }
    }

    /** A solved "a + b" task with these samples, direct inputs, generator/validator (or none) and candidates. */
    public static Solved sum(String id, List<Task.Sample> samples, List<String> directInputs, boolean programs,
            Code... candidates) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        Task task = new Task(Task.SCHEMA, "test-run", id, Lineage.ofSeed("seed-" + id, at), at, "request-" + id,
                Style.CODEFORCES, "Sum", "Print the sum of two integers a and b.", List.of("math / arithmetic"),
                "add", samples, null, null);
        List<Candidate> list = new ArrayList<>();
        for (int i = 0; i < candidates.length; i++) {
            Code code = candidates[i];
            list.add(new Candidate("cand-" + (i + 1) + "-" + id, "test-model", code.language(), "reasoning",
                    "```\n" + code.code() + "```", code.code(), "stop", null));
        }
        Solved.Program generator = programs ? new Solved.Program(Language.PYTHON, GENERATOR, "test-model") : null;
        Solved.Program validator = programs ? new Solved.Program(Language.PYTHON, VALIDATOR, "test-model") : null;
        return new Solved(Solved.SCHEMA, "test-run", id, task.lineage(), at, task, list,
                new Solved.TestSources(samples, directInputs, generator, validator), null);
    }

    /** A solved LeetCode-style task with this signature, samples, direct inputs and candidates. */
    public static Solved leetCode(String id, Task.Signature signature, List<Task.Sample> samples,
            List<String> directInputs, Code... candidates) {
        Solved plain = sum(id, samples, directInputs, false, candidates);
        Task task = plain.task();
        Task leet = new Task(task.schema(), task.runId(), task.id(), task.lineage(), task.createdAt(),
                task.requestId(), Style.LEETCODE, "Running sum", "Return the running sums of nums.",
                task.features(), task.integrationStrategy(), task.samples(), signature, null);
        return new Solved(plain.schema(), plain.runId(), plain.id(), plain.lineage(), plain.createdAt(), leet,
                plain.candidates(), plain.testSources(), null);
    }

    /** The same solved task with a brute force written in Python. */
    public static Solved withBruteForce(Solved solved, String code) {
        Solved.TestSources sources = solved.testSources();
        return new Solved(solved.schema(), solved.runId(), solved.id(), solved.lineage(), solved.createdAt(),
                solved.task(), solved.candidates(), new Solved.TestSources(sources.samples(), sources.directInputs(),
                        sources.generator(), sources.validator(),
                        new Solved.Program(Language.PYTHON, code, "test-model")), null);
    }

    /** The same solved task with these probe attempts by model {@code probe-model}. */
    public static Solved withProbe(Solved solved, Solved.ProbeAttempt... attempts) {
        return new Solved(solved.schema(), solved.runId(), solved.id(), solved.lineage(), solved.createdAt(),
                solved.task(), solved.candidates(), solved.testSources(), solved.dropped(),
                solved.missingTestSources(), solved.promptVersion(), new Solved.Probe("probe-model", List.of(attempts)));
    }

    public static Task.Sample sample(String input, String output) {
        return new Task.Sample(input, output, null);
    }
}
