package io.synthsmith.verifier.testcases;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Verified;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.runners.RunTally;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxFixture;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.verification.SolvedTasks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestBuilderTest {

    private static Sandbox sandbox;
    private static TestBuilder builder;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.sandbox(1);
        ProgramRunner runner = new ProgramRunner(sandbox, "/usr/bin/g++",
                new SandboxLimits(60_000, 120_000, 2L << 30, 64L << 20, 256L << 20, 1L << 20, 32), (l, o) -> {
        });
        builder = new TestBuilder(runner, new TestBuildSettings(List.of(1), List.of(Verified.SizeClass.SMALL), 50,
                1 << 20), SandboxFixture.LIMITS);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Solved withValidator(String validator) {
        Solved plain = SolvedTasks.sum("task-validator", List.of(SolvedTasks.sample("1 2\n", "3\n"),
                SolvedTasks.sample("-5 7\n", "2\n")), List.of("7 8\n", "x y\n"), false);
        Solved.TestSources sources = new Solved.TestSources(plain.testSources().samples(),
                plain.testSources().directInputs(), null, new Solved.Program(Language.PYTHON, validator, "m"));
        return new Solved(plain.schema(), plain.runId(), plain.id(), plain.lineage(), plain.createdAt(), plain.task(),
                plain.candidates(), sources, null);
    }

    @Test
    void aValidatorThatRejectsAStatementSampleIsDiscardedAndDropsNothing() {
        // The statement allows negative values; this validator (as a model might write it) does not.
        String wrong = "import sys\na, b = map(int, sys.stdin.read().split())\nsys.exit(0 if a >= 0 and b >= 0 else 1)\n";

        TestSet tests = builder.build(withValidator(wrong), 50, new RunTally());

        assertThat(tests.tests()).extracting(TestCase::id).containsExactly("sample-1", "sample-2", "direct-1",
                "direct-2");
        assertThat(tests.dropped()).containsEntry(TestBuilder.SAMPLE_REJECTED, 1)
                .containsEntry(TestBuilder.VALIDATOR_DISCARDED, 1).doesNotContainKey(TestBuilder.INVALID);
    }

    @Test
    void aValidatorThatAcceptsTheSamplesStillDropsInvalidInputs() {
        TestSet tests = builder.build(withValidator(SolvedTasks.VALIDATOR), 50, new RunTally());

        assertThat(tests.tests()).extracting(TestCase::id).containsExactly("sample-1", "sample-2", "direct-1");
        assertThat(tests.dropped()).containsEntry(TestBuilder.INVALID, 1)
                .doesNotContainKey(TestBuilder.VALIDATOR_DISCARDED);
    }

    @Test
    void theCountCapKeepsSamplesAndTakesStressInputsFirstInTurns() {
        List<TestCase> all = new ArrayList<>();
        all.add(test("sample-1", Verified.Origin.SAMPLE, null));
        all.add(test("sample-2", Verified.Origin.SAMPLE, null));
        for (int i = 1; i <= 3; i++) {
            all.add(test("direct-" + i, Verified.Origin.DIRECT, null));
        }
        for (int seed = 1; seed <= 2; seed++) {
            for (Verified.SizeClass size : Verified.SizeClass.values()) {
                all.add(test("generated-" + seed + "-" + size.wire(), Verified.Origin.GENERATED, size));
            }
        }

        assertThat(TestBuilder.capped(all, 6)).extracting(TestCase::id).containsExactly("sample-1", "sample-2",
                "direct-1", "generated-1-small", "generated-1-medium", "generated-1-max");
        assertThat(TestBuilder.capped(all, 3)).extracting(TestCase::id).containsExactly("sample-1", "sample-2",
                "generated-1-max");
        assertThat(TestBuilder.capped(all, 8)).extracting(TestCase::id).contains("generated-1-max",
                "generated-2-max");
        assertThat(TestBuilder.capped(all, 1)).extracting(TestCase::id).containsExactly("sample-1");
    }

    private static TestCase test(String id, Verified.Origin origin, Verified.SizeClass size) {
        return new TestCase(id, id + "\n", origin, size, Optional.empty());
    }
}
