package io.synthsmith.verifier.verification;

import static io.synthsmith.verifier.verification.SolvedTasks.Code.cpp;
import static io.synthsmith.verifier.verification.SolvedTasks.Code.python;
import static io.synthsmith.verifier.verification.SolvedTasks.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Solved;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.verifier.evidence.EvidenceSettings;
import io.synthsmith.verifier.runners.ProgramRunner;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxFixture;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import io.synthsmith.verifier.testcases.TestBuildSettings;
import io.synthsmith.verifier.testcases.TestBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole verifications of hand-made candidate sets in the real sandbox. */
class TaskVerifierTest {

    private static Sandbox sandbox;
    private static TaskVerifier verifier;
    private static SimpleMeterRegistry registry;
    private static final MessageCodec CODEC = new MessageCodec();

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.sandbox(2);
        registry = new SimpleMeterRegistry();
        VerifierMetrics metrics = new VerifierMetrics(registry);
        ProgramRunner runner = new ProgramRunner(sandbox, "/usr/bin/g++",
                new SandboxLimits(60_000, 120_000, 2L << 30, 64L << 20, 256L << 20, 1L << 20, 32), metrics::ran);
        VerificationSettings settings = new VerificationSettings(new EvidenceSettings(2, 0.5, 1, 0.3, 3, 3, 0.5),
                Optional.empty(), 1e-5, 2, 2, 1.0, 3, 12 << 20, 0.8, 0.4, 2, 2, SandboxFixture.LIMITS,
                SandboxFixture.LIMITS);
        TestBuilder tests = new TestBuilder(runner, new TestBuildSettings(List.of(1, 2),
                List.of(Verified.SizeClass.SMALL, Verified.SizeClass.MAX), 50, 1 << 20, 6), SandboxFixture.LIMITS);
        verifier = new TaskVerifier(runner, tests, settings, metrics);
    }

    @AfterAll
    static void stop() {
        verifier.close();
        sandbox.close();
    }

    @Test
    void labelsTestsByMajorityAndPicksAGoldenThatPassesTheHoldOut() {
        Solved solved = SolvedTasks.sum("task-sum", List.of(sample("1 2\n", "3\n"), sample("10 -4\n", "6\n")),
                List.of("7 8\n", "1 2\r\n", "x y\n", "100 200\n"), true,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO), cpp(SolvedTasks.CORRECT_CPP),
                python(SolvedTasks.PRODUCT), python(SolvedTasks.CRASHES), cpp(SolvedTasks.BROKEN_CPP));

        Verified verified = verified(verifier.verify(solved));

        assertThat(CODEC.validate(MessageType.VERIFIED, CODEC.toTree(verified))).isEmpty();
        assertThat(verified.id()).isEqualTo("task-sum");
        assertThat(verified.golden().candidateId()).isEqualTo("cand-1-task-sum");
        assertThat(verified.golden().holdoutPassRate()).isEqualTo(1.0);
        Map<String, String> labels = verified.tests().stream()
                .collect(Collectors.toMap(Verified.LabelledTest::id, Verified.LabelledTest::output));
        assertThat(labels).containsEntry("sample-1", "3").containsEntry("sample-2", "6")
                .containsEntry("direct-1", "15").containsEntry("direct-4", "300")
                .containsKeys("generated-1-small", "generated-1-max", "generated-2-small", "generated-2-max");
        assertThat(verified.execution().testsDropped())
                .containsEntry(TestBuilder.DUPLICATE, 1).containsEntry(TestBuilder.INVALID, 1);
        assertThat(verified.tests()).allSatisfy(test -> {
            assertThat(test.votes().voters()).isEqualTo(6);
            assertThat(test.votes().agreeing()).isEqualTo(3);
            assertThat(test.weight()).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(verified.tests()).extracting(Verified.LabelledTest::half)
                .contains(Verified.Half.SELECTION, Verified.Half.HOLDOUT);
        Map<String, Verified.CandidateResult> byId = verified.candidates().stream()
                .collect(Collectors.toMap(c -> c.candidate().id(), c -> c));
        assertThat(byId.get("cand-3-task-sum").passRate()).isEqualTo(1.0);
        assertThat(byId.get("cand-4-task-sum").verdicts()).containsKey("wrong_answer");
        assertThat(byId.get("cand-5-task-sum").verdicts()).containsOnlyKeys("runtime_error");
        assertThat(byId.get("cand-6-task-sum").verdicts()).containsOnlyKeys("runtime_error");
        assertThat(verified.difficulty().meanPassRate()).isBetween(0.5, 0.6);
        assertThat(verified.difficulty().level()).isEqualTo(Verified.Difficulty.Level.MEDIUM);
        assertThat(verified.execution().runs()).isGreaterThan(6L * verified.tests().size());
        assertThat(registry.find("synthsmith.verifier.runs").tag("verdict", "runtime_error").counter())
                .isNotNull();
    }

    @Test
    void aCorrelatedWrongMajorityThatContradictsASampleLosesItsVotesEverywhere() {
        Solved solved = SolvedTasks.sum("task-product", List.of(sample("3 4\n", "7\n")),
                List.of("5 6\n", "2 9\n", "8 8\n"), false,
                python(SolvedTasks.PRODUCT), python(SolvedTasks.PRODUCT), python(SolvedTasks.PRODUCT),
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO));

        Verified verified = verified(verifier.verify(solved));

        assertThat(labels(verified)).containsEntry("sample-1", "7").containsEntry("direct-1", "11")
                .containsEntry("direct-2", "11").containsEntry("direct-3", "16");
        assertThat(verified.golden().candidateId()).isIn("cand-4-task-product", "cand-5-task-product");
        assertThat(verified.candidates()).filteredOn(c -> c.candidate().code().equals(SolvedTasks.PRODUCT))
                .hasSize(3).allSatisfy(c -> {
                    assertThat(c.goldenExclusion()).isEqualTo("contradicts_samples");
                    assertThat(c.verdictCodes()).isEqualTo("WWWW");
                });
        Verified.LabelledTest direct = verified.tests().stream().filter(t -> t.id().equals("direct-1")).findFirst()
                .orElseThrow();
        assertThat(direct.evidence().eliminated()).isEqualTo(3);
        assertThat(direct.evidence().clusters()).containsExactly(2);
        assertThat(direct.votes().distribution()).containsExactly(3, 2);
    }

    @Test
    void candidatesThatAllContradictTheStatementsSamplesGetNoGolden() {
        Solved solved = SolvedTasks.sum("task-all-product", List.of(sample("3 4\n", "7\n")),
                List.of("5 6\n", "2 9\n", "8 8\n"), false,
                python(SolvedTasks.PRODUCT), python(SolvedTasks.PRODUCT), python(SolvedTasks.PRODUCT));

        Rejected rejected = rejected(verifier.verify(solved));

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.CONTRADICTS_SAMPLES);
        assertThat(rejected.detail()).contains("cand-1-task-all-product").contains("contradicts_samples");
        assertThat(rejected.stage()).isEqualTo("verifier");
        assertThat(rejected.subjectId()).isEqualTo("task-all-product");
    }

    @Test
    void theBruteForceEliminatesACorrelatedGroupThatPassesTheSamples() {
        Solved solved = SolvedTasks.withBruteForce(SolvedTasks.sum("task-absolute",
                List.of(sample("1 2\n", "3\n")), List.of("-3 5\n", "4 -9\n", "7 7\n"), true,
                python(SolvedTasks.ABSOLUTE), python(SolvedTasks.ABSOLUTE), python(SolvedTasks.CORRECT),
                python(SolvedTasks.CORRECT_TOO), python(SolvedTasks.CORRECT)), SolvedTasks.BRUTE_FORCE);

        Verified verified = verified(verifier.verify(solved));

        assertThat(CODEC.validate(MessageType.VERIFIED, CODEC.toTree(verified))).isEmpty();
        assertThat(verified.bruteForce().status()).isEqualTo("used");
        assertThat(verified.bruteForce().eliminatedCandidates())
                .containsExactly("cand-1-task-absolute", "cand-2-task-absolute");
        assertThat(verified.bruteForce().smallTests()).isGreaterThanOrEqualTo(6);
        assertThat(labels(verified)).containsEntry("direct-1", "2").containsEntry("direct-2", "-5");
        assertThat(verified.golden().candidateId()).isIn("cand-3-task-absolute", "cand-4-task-absolute",
                "cand-5-task-absolute");
        Verified.LabelledTest direct = verified.tests().stream().filter(t -> t.id().equals("direct-1")).findFirst()
                .orElseThrow();
        assertThat(direct.evidence().decidedBy()).isEqualTo("brute_force");
        assertThat(direct.evidence().bruteForce()).isEqualTo("agreed");
        assertThat(verified.tests()).filteredOn(t -> t.sizeClass() == Verified.SizeClass.MAX)
                .allSatisfy(t -> assertThat(t.evidence().bruteForce()).isEqualTo("not_run"));
        assertThat(verified.candidates().get(0).goldenExclusion()).isEqualTo("eliminated_by_brute_force");
        assertThat(verified.candidates().get(0).verdictCodes()).hasSize(verified.tests().size()).contains("W");
        assertThat(verified.candidates().get(3).verdictCodes()).matches("P+");
    }

    @Test
    void aBruteForceThatFailsTheSamplesIsDiscardedAndRecorded() {
        Solved solved = SolvedTasks.withBruteForce(SolvedTasks.sum("task-bad-brute",
                List.of(sample("1 2\n", "3\n")), List.of("-3 5\n", "4 -9\n", "7 7\n"), false,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO), python(SolvedTasks.CORRECT)),
                SolvedTasks.PRODUCT);

        Verified verified = verified(verifier.verify(solved));

        assertThat(verified.bruteForce().status()).isEqualTo("discarded");
        assertThat(verified.bruteForce().reason()).isEqualTo("fails_samples");
        assertThat(verified.bruteForce().eliminatedCandidates()).isEmpty();
        assertThat(labels(verified)).containsEntry("direct-1", "2");
    }

    @Test
    void labelsThatAreAllTheSameAreDegenerate() {
        Solved solved = SolvedTasks.sum("task-zero", List.of(), List.of("1 2\n", "3 4\n", "5 6\n"), false,
                python("print(0)\n"), python("print(0)\n"), python("print(0)\n"));

        Rejected rejected = rejected(verifier.verify(solved));

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.DEGENERATE_LABELS);
        assertThat(rejected.detail()).contains("all 3 labelled outputs are \"0\"");
    }

    @Test
    void probeAttemptsRunOnTheLabelledTestsAfterTheLabelsAndNeverVote() {
        Solved plain = SolvedTasks.sum("task-probe", List.of(sample("1 2\n", "3\n"), sample("10 -4\n", "6\n")),
                List.of("7 8\n", "2 2\n", "100 200\n"), true,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO), cpp(SolvedTasks.CORRECT_CPP),
                python(SolvedTasks.PRODUCT));
        // Four wrong attempts would outvote the three right candidates if attempts voted.
        Solved solved = SolvedTasks.withProbe(plain, probeAttempt(SolvedTasks.PRODUCT),
                probeAttempt(SolvedTasks.PRODUCT), probeAttempt(SolvedTasks.PRODUCT), probeAttempt(SolvedTasks.PRODUCT),
                probeAttempt(SolvedTasks.CORRECT),
                new Solved.ProbeAttempt(Language.PYTHON, null, "stop", "no_code_block: no fenced code block", null),
                new Solved.ProbeAttempt(Language.PYTHON, null, Solved.ProbeAttempt.CALL_FAILED, "HTTP 503", null));

        Verified verified = verified(verifier.verify(solved));

        assertThat(CODEC.validate(MessageType.VERIFIED, CODEC.toTree(verified))).isEmpty();
        assertThat(labels(verified)).containsEntry("sample-1", "3").containsEntry("direct-1", "15")
                .containsEntry("direct-3", "300");
        assertThat(verified.candidates()).hasSize(4);
        assertThat(verified.golden().candidateId()).startsWith("cand-");
        double product = verified.candidates().stream().filter(c -> c.candidate().id().equals("cand-4-task-probe"))
                .findFirst().orElseThrow().passRate();
        assertThat(product).isStrictlyBetween(0.0, 1.0);
        Verified.ProbeDifficulty probe = verified.difficulty().probe();
        assertThat(probe.model()).isEqualTo("probe-model");
        assertThat(probe.attempts()).isEqualTo(6);
        assertThat(probe.solvedAttempts()).isEqualTo(1);
        assertThat(probe.meanPassRate()).isCloseTo((4 * product + 1) / 6, offset(1e-9));
        assertThat(probe.level()).isEqualTo(probe.meanPassRate() >= 0.8 ? Verified.Difficulty.Level.EASY
                : probe.meanPassRate() < 0.4 ? Verified.Difficulty.Level.HARD : Verified.Difficulty.Level.MEDIUM);
        assertThat(verified.difficulty().meanPassRate()).isCloseTo((3 + product) / 4,
                offset(1e-9));
    }

    @Test
    void aProbeWhoseCallsAllFailedGivesNoProbeDifficulty() {
        Solved solved = SolvedTasks.withProbe(SolvedTasks.sum("task-probe-down", List.of(sample("1 2\n", "3\n")),
                        List.of("7 8\n", "2 5\n"), true, python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO),
                        cpp(SolvedTasks.CORRECT_CPP)),
                new Solved.ProbeAttempt(Language.PYTHON, null, Solved.ProbeAttempt.CALL_FAILED, "HTTP 503", null));

        Verified verified = verified(verifier.verify(solved));

        assertThat(verified.difficulty().probe()).isNull();
        assertThat(verified.difficulty().meanPassRate()).isEqualTo(1.0);
    }

    private static Solved.ProbeAttempt probeAttempt(String code) {
        return new Solved.ProbeAttempt(Language.PYTHON, code, "stop", null, null);
    }

    private static Map<String, String> labels(Verified verified) {
        return verified.tests().stream()
                .collect(Collectors.toMap(Verified.LabelledTest::id, Verified.LabelledTest::output));
    }

    @Test
    void theBestCandidateOnTheSelectionHalfMustPassTheHoldOut() {
        List<SolvedTasks.Code> offByOne = List.of(1, 2, 3, 4).stream()
                .map(k -> python("a, b = map(int, input().split())\nprint(a + b + (1 if a == " + k + " else 0))\n"))
                .toList();
        Solved solved = SolvedTasks.sum("task-holdout", List.of(),
                List.of("1 1\n", "2 2\n", "3 3\n", "4 4\n", "5 5\n", "6 6\n"), false,
                offByOne.toArray(SolvedTasks.Code[]::new));

        Rejected rejected = rejected(verifier.verify(solved));

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.NO_GOLDEN);
        assertThat(rejected.evidence()).containsEntry("selectionScore", 1.0);
        assertThat((Double) rejected.evidence().get("holdoutPassRate")).isLessThan(1.0);
    }

    @Test
    void candidatesThatAllDisagreeGiveNoConsensus() {
        Solved solved = SolvedTasks.sum("task-chaos", List.of(), List.of("1 2\n", "3 4\n", "5 6\n"), false,
                python(SolvedTasks.CORRECT), python(SolvedTasks.PRODUCT), python("print(42)\n"),
                python(SolvedTasks.CRASHES));

        Rejected rejected = rejected(verifier.verify(solved));

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.NO_CONSENSUS);
        assertThat(rejected.evidence()).containsEntry("labelledTests", 0);
    }

    @Test
    void tooFewInputsAreRejectedBeforeAnyCandidateRuns() {
        Solved solved = SolvedTasks.sum("task-thin", List.of(sample("1 2\n", "3\n")), List.of("1 2\n"), false,
                python(SolvedTasks.CORRECT), python(SolvedTasks.CORRECT_TOO));

        Rejected rejected = rejected(verifier.verify(solved));

        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.TOO_FEW_TESTS);
        assertThat(rejected.detail()).contains("1 test inputs");
    }

    @Test
    void aLeetCodeTaskWithoutASignatureIsUnsupported() {
        Solved plain = SolvedTasks.sum("task-leet", List.of(), List.of("1 2\n"), false, python(SolvedTasks.CORRECT),
                python(SolvedTasks.CORRECT));
        var task = plain.task();
        Solved leet = new Solved(plain.schema(), plain.runId(), plain.id(), plain.lineage(), plain.createdAt(),
                new io.synthsmith.messages.Task(task.schema(), task.runId(), task.id(), task.lineage(),
                        task.createdAt(), task.requestId(), Style.LEETCODE, task.title(), task.statement(),
                        task.features(), task.integrationStrategy(), task.samples(), null, null),
                plain.candidates(), plain.testSources(), null);

        assertThat(rejected(verifier.verify(leet)).reason()).isEqualTo(Rejected.Reason.UNSUPPORTED_TASK);
    }

    @Test
    void cppAndPythonCandidatesOfALeetCodeTaskVoteTogetherAndCppCanBeGolden() {
        Task.Signature signature = new Task.Signature("Solution", "runningSum",
                List.of(new Task.Signature.Parameter("nums", "List[int]"), new Task.Signature.Parameter("scale",
                        "float")), "List[float]");
        String cppCode = """
                class Solution {
                public:
                    vector<double> runningSum(vector<int>& nums, double scale) {
                        vector<double> out;
                        long long total = 0;
                        for (int x : nums) { total += x; out.push_back(total * scale); }
                        return out;
                    }
                };
                """;
        String pythonCode = """
                class Solution:
                    def runningSum(self, nums: List[int], scale: float) -> List[float]:
                        return [s * scale for s in accumulate(nums)]
                """;
        String wrongCode = """
                class Solution:
                    def runningSum(self, nums: List[int], scale: float) -> List[float]:
                        return [x * scale for x in nums]
                """;
        Solved solved = SolvedTasks.leetCode("task-running", signature,
                List.of(sample("nums = [1,2,3,4], scale = 1", "[1.00000,3.00000,6.00000,10.00000]")),
                List.of("nums = [5], scale = 0.5", "nums = [-1,1,-1]\nscale = 2", "[3,3,3]\n0.1",
                        "nums = [1000000,1000000,1000000], scale = 1e3", "nums = [7,-2], scale = 1.5"),
                cpp(cppCode), python(pythonCode), python(wrongCode));

        Verified verified = verified(verifier.verify(solved));

        assertThat(verified.golden().candidateId()).isEqualTo("cand-1-task-running");
        assertThat(verified.tests()).hasSizeGreaterThanOrEqualTo(5);
        Map<String, String> labels = verified.tests().stream()
                .collect(Collectors.toMap(Verified.LabelledTest::id, Verified.LabelledTest::output));
        assertThat(labels).containsEntry("sample-1", "[1.00000,3.00000,6.00000,10.00000]")
                .containsEntry("direct-3", "[0.30000,0.60000,0.90000]");
        assertThat(verified.tests()).allSatisfy(test -> {
            assertThat(test.votes().voters()).isEqualTo(3);
            assertThat(test.votes().agreeing()).isGreaterThanOrEqualTo(2);
        });
        Map<String, Verified.CandidateResult> byId = verified.candidates().stream()
                .collect(Collectors.toMap(c -> c.candidate().id(), c -> c));
        assertThat(byId.get("cand-1-task-running").passRate()).isEqualTo(1.0);
        assertThat(byId.get("cand-2-task-running").passRate()).isEqualTo(1.0);
        assertThat(byId.get("cand-3-task-running").verdicts()).containsKey("wrong_answer");
    }

    @Test
    void aSignatureWithATypeNoHarnessCanBuildIsRejectedNamingTheType() {
        Task.Signature linked = new Task.Signature("Solution", "reverseList",
                List.of(new Task.Signature.Parameter("head", "Optional[ListNode]")), "Optional[ListNode]");
        Rejected rejected = rejected(verifier.verify(SolvedTasks.leetCode("task-linked", linked, List.of(),
                List.of("head = [1,2]", "head = []", "head = [3]"), python("class Solution: pass\n"),
                cpp("class Solution {};"))));
        assertThat(rejected.reason()).isEqualTo(Rejected.Reason.UNSUPPORTED_TASK);
        assertThat(rejected.detail()).contains("Optional[ListNode]").contains("head");

        Task.Signature dict = new Task.Signature("Solution", "count",
                List.of(new Task.Signature.Parameter("counts", "Dict[str, int]")), "int");
        Rejected cppOnly = rejected(verifier.verify(SolvedTasks.leetCode("task-dict", dict, List.of(),
                List.of("counts = {}", "counts = {\"a\": 1}", "counts = {\"b\": 2}"),
                cpp("class Solution {};"), cpp("class Solution {};"))));
        assertThat(cppOnly.reason()).isEqualTo(Rejected.Reason.UNSUPPORTED_TASK);
        assertThat(cppOnly.detail()).contains("no candidate can run").contains("'Dict[str, int]'");
    }

    private static Verified verified(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.VerifiedTask.class);
        return ((VerificationResult.VerifiedTask) result).message();
    }

    private static Rejected rejected(VerificationResult result) {
        assertThat(result).isInstanceOf(VerificationResult.RejectedTask.class);
        Rejected rejected = ((VerificationResult.RejectedTask) result).message();
        assertThat(CODEC.validate(MessageType.REJECTED, CODEC.toTree(rejected))).isEmpty();
        return rejected;
    }
}
