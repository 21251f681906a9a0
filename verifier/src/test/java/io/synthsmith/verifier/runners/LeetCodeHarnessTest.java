package io.synthsmith.verifier.runners;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.verifier.sandbox.RunOutcome;
import io.synthsmith.verifier.sandbox.Sandbox;
import io.synthsmith.verifier.sandbox.SandboxFixture;
import io.synthsmith.verifier.sandbox.SandboxLimits;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LeetCode-style solutions run through the call harness in the real sandbox. */
class LeetCodeHarnessTest {

    private static Sandbox sandbox;
    private static ProgramRunner runner;

    @BeforeAll
    static void start() {
        sandbox = SandboxFixture.sandbox(1);
        runner = new ProgramRunner(sandbox, "/usr/bin/g++",
                new SandboxLimits(60_000, 120_000, 2L << 30, 64L << 20, 256L << 20, 1L << 20, 32), (l, o) -> {
        });
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void exampleInputBecomesArgumentsAndTheReturnValueIsPrintedAsALiteral() {
        Task.Signature signature = new Task.Signature("Solution", "describe", List.of(
                new Task.Signature.Parameter("nums", "List[int]"), new Task.Signature.Parameter("k", "int"),
                new Task.Signature.Parameter("word", "str"), new Task.Signature.Parameter("grid", "List[List[str]]")),
                "List");
        String code = """
                class Solution:
                    def describe(self, nums: List[int], k: int, word: str, grid: List[List[str]]) -> list:
                        return [sum(nums) + k, word.upper(), k > 2, None, [len(r) for r in grid], 2.5, (1, 2)]
                """;
        assertThat(run(code, signature, "nums = [1,2,3], k = 3, word = \"a, b\", grid = [[\"x\",\"y\"],[\"z\"]]"))
                .isEqualTo("[9,\"A, B\",true,null,[2,1],2.50000,[1,2]]\n");
        assertThat(run(code, signature, "nums = [-1]\nk = 0\nword = \"\"\ngrid = []"))
                .isEqualTo("[-1,\"\",false,null,[],2.50000,[1,2]]\n");
    }

    @Test
    void aBalancedSplitsSolutionAnswersItsExamples() {
        Task.Signature signature = new Task.Signature("Solution", "balancedSplits",
                List.of(new Task.Signature.Parameter("nums", "List[int]")), "int");
        String code = """
                class Solution:
                    def balancedSplits(self, nums: List[int]) -> int:
                        total, prefix, count = sum(nums), 0, 0
                        for x in nums[:-1]:
                            prefix += x
                            count += prefix * 2 == total
                        return count
                """;
        assertThat(run(code, signature, "nums = [1,2,3,0,3,3]")).isEqualTo("2\n");
        assertThat(run(code, signature, "nums = [5,5]")).isEqualTo("1\n");
    }

    @Test
    void signatureTypesMapToCppTypes() {
        assertThat(CppHarness.cppType("int")).contains("int");
        assertThat(CppHarness.cppType("long")).contains("long long");
        assertThat(CppHarness.cppType("long long")).contains("long long");
        assertThat(CppHarness.cppType("float")).contains("double");
        assertThat(CppHarness.cppType("double")).contains("double");
        assertThat(CppHarness.cppType("bool")).contains("bool");
        assertThat(CppHarness.cppType("str")).contains("string");
        assertThat(CppHarness.cppType("std::string")).contains("string");
        assertThat(CppHarness.cppType("const string&")).contains("string");
        assertThat(CppHarness.cppType("char")).contains("char");
        assertThat(CppHarness.cppType("List[int]")).contains("vector<int>");
        assertThat(CppHarness.cppType("list[str]")).contains("vector<string>");
        assertThat(CppHarness.cppType("List[List[int]]")).contains("vector<vector<int>>");
        assertThat(CppHarness.cppType("vector<int>&")).contains("vector<int>");
        assertThat(CppHarness.cppType("vector<vector<int>>& ")).contains("vector<vector<int>>");
        assertThat(CppHarness.cppType("std::vector<std::string>")).contains("vector<string>");
        assertThat(CppHarness.cppType("vector<char>")).contains("vector<char>");
        assertThat(CppHarness.cppType("ListNode")).isEmpty();
        assertThat(CppHarness.cppType("Optional[TreeNode]")).isEmpty();
        assertThat(CppHarness.cppType("List[ListNode]")).isEmpty();
        assertThat(CppHarness.cppType("Dict[str, int]")).isEmpty();
        assertThat(CppHarness.cppType(null)).isEmpty();

        Task.Signature linked = new Task.Signature("Solution", "reverseList",
                List.of(new Task.Signature.Parameter("head", "Optional[ListNode]")), "Optional[ListNode]");
        assertThat(CppHarness.unsupported(linked)).hasValueSatisfying(
                why -> assertThat(why).contains("Optional[ListNode]").contains("head"));
        assertThat(CppHarness.linkedStructure(linked)).isPresent();
        try (PreparedProgram program = runner.prepare(Language.CPP, "class Solution {};", Optional.of(linked))) {
            assertThat(program).isInstanceOf(PreparedProgram.Unsupported.class);
            assertThat(((PreparedProgram.Unsupported) program).reason()).contains("ListNode");
        }
        Task.Signature dict = new Task.Signature(null, "count",
                List.of(new Task.Signature.Parameter("m", "Dict[str, int]")), "int");
        assertThat(CppHarness.unsupported(dict)).hasValueSatisfying(why -> assertThat(why).contains("Dict[str, int]"));
        assertThat(CppHarness.linkedStructure(dict)).isEmpty();
        assertThat(CppHarness.unsupported(new Task.Signature(null, "go",
                List.of(new Task.Signature.Parameter("nums", "vector<int>&")), "void"))).isEmpty();
    }

    @Test
    void cppAndPythonPrintTheSameLiterals() {
        Task.Signature signature = new Task.Signature("Solution", "describe", List.of(
                new Task.Signature.Parameter("nums", "List[int]"), new Task.Signature.Parameter("k", "int"),
                new Task.Signature.Parameter("word", "str"), new Task.Signature.Parameter("grid", "List[List[int]]"),
                new Task.Signature.Parameter("words", "List[str]"), new Task.Signature.Parameter("x", "float"),
                new Task.Signature.Parameter("flag", "bool")), "List[str]");
        String python = """
                class Solution:
                    def describe(self, nums: List[int], k: int, word: str, grid: List[List[int]], words: List[str],
                                 x: float, flag: bool) -> List[str]:
                        return [str(sum(nums) + k), word + "!", str(len(grid)), *words, "%.2f" % x, str(flag).lower()]
                """;
        String cpp = """
                class Solution {
                public:
                    vector<string> describe(vector<int>& nums, long long k, const string& word,
                            vector<vector<int>>& grid, vector<string> words, double x, bool flag) {
                        vector<string> out{to_string(accumulate(nums.begin(), nums.end(), 0LL) + k), word + "!",
                                to_string(grid.size())};
                        for (auto& w : words) out.push_back(w);
                        char buf[32];
                        snprintf(buf, sizeof buf, "%.2f", x);
                        out.push_back(buf);
                        out.push_back(flag ? "true" : "false");
                        return out;
                    }
                };
                """;
        List<String> inputs = List.of(
                "nums = [1,2,3], k = 3, word = \"a, \\\"b\\\"\", grid = [[1],[2,3]], words = [\"x\", 'y\\n'],"
                        + " x = 2.5, flag = true",
                "nums = [-1]\nk = 0\nword = \"\"\ngrid = []\nwords = [\"\u00e9\\t\"]\nx = -3\nflag = false",
                "[5, 6]\n10\n\"pos\"\n[[]]\n[]\n0.125\nTrue");
        assertThat(runAll(Language.CPP, cpp, signature, inputs)).isEqualTo(runAll(Language.PYTHON, python, signature, inputs))
                .first().isEqualTo("[\"9\",\"a, \\\"b\\\"!\",\"2\",\"x\",\"y\\n\",\"2.50\",\"true\"]\n");

        Task.Signature scalars = new Task.Signature(null, "pick", List.of(
                new Task.Signature.Parameter("grid", "vector<vector<int>>&"), new Task.Signature.Parameter("c", "char"),
                new Task.Signature.Parameter("n", "long long")), "vector<vector<double>>");
        String pythonScalars = """
                class Solution:
                    def pick(self, grid, c, n):
                        return [[v / 3 for v in row] + [n * 1.0, -0.000001] for row in grid]
                """;
        String cppScalars = """
                class Solution {
                public:
                    vector<vector<double>> pick(vector<vector<int>>& grid, char c, long long n) {
                        vector<vector<double>> out;
                        for (auto& row : grid) {
                            vector<double> r;
                            for (int v : row) r.push_back(v / 3.0);
                            r.push_back((double) n);
                            r.push_back(-0.000001);
                            out.push_back(r);
                        }
                        return out;
                    }
                };
                """;
        List<String> scalarInputs = List.of("grid = [[1,2],[7]], c = \"a\", n = 10000000000",
                "grid = [], c = 'z', n = -1");
        assertThat(runAll(Language.CPP, cppScalars, scalars, scalarInputs))
                .isEqualTo(runAll(Language.PYTHON, pythonScalars, scalars, scalarInputs))
                .containsExactly("[[0.33333,0.66667,10000000000.00000,-0.00000],[2.33333,10000000000.00000,-0.00000]]\n",
                        "[]\n");
    }

    @Test
    void cppReturnsOfEveryKindArePrintedAsLiterals() {
        Task.Signature signature = new Task.Signature("Solution", "go",
                List.of(new Task.Signature.Parameter("s", "string")), "string");
        String cpp = """
                class Solution {
                public:
                    string go(string s) { return s + "\\\"\\n\\t\\x01"; }
                };
                """;
        String python = """
                class Solution:
                    def go(self, s):
                        return s + "\\\"\\n\\t\\x01"
                """;
        List<String> inputs = List.of("s = \"q\\\\\"", "s = plain");
        assertThat(runAll(Language.CPP, cpp, signature, inputs)).isEqualTo(runAll(Language.PYTHON, python, signature,
                inputs)).first().isEqualTo("\"q\\\\\\\"\\n\\t\\u0001\"\n");
        assertThat(run(Language.CPP, """
                class Solution {
                public:
                    static bool go(string s) { return s.size() > 2; }
                };
                """, signature, "s = \"abc\"")).isEqualTo("true\n");
        assertThat(run(Language.CPP, """
                class Solution {
                public:
                    char go(const string& s) const { return s.back(); }
                };
                """, signature, "\"abc\"")).isEqualTo("\"c\"\n");
        assertThat(run(Language.CPP, """
                class Solution {
                public:
                    void go(string& s) { s += "x"; }
                };
                """, signature, "s = \"abc\"")).isEqualTo("null\n");
    }

    @Test
    void aCandidatesOwnMainBlockNeitherRunsNorClashesWithTheHarness() {
        Task.Signature signature = new Task.Signature("Solution", "twice",
                List.of(new Task.Signature.Parameter("nums", "List[int]")), "List[int]");
        // As models often end a LeetCode answer: a main block that reads stdin and prints, for local testing.
        String python = """
                import sys
                from dataclasses import dataclass

                @dataclass
                class Pair:
                    a: int

                class Solution:
                    def twice(self, nums: List[int]) -> List[int]:
                        return [Pair(x).a * 2 for x in nums]

                if __name__ == "__main__":
                    data = sys.stdin.read()
                    print("debug:", data)
                    print(Solution().twice([1]))
                """;
        String cpp = """
                class Solution {
                public:
                    vector<int> twice(vector<int>& nums) {
                        vector<int> out;
                        for (int x : nums) out.push_back(2 * x);
                        return out;
                    }
                };

                int main() {
                    string line;
                    getline(cin, line);
                    cout << "debug: " << line << endl;
                    vector<int> v = {1};
                    cout << Solution().twice(v)[0] << endl;
                    return 0;
                }
                """;
        List<String> inputs = List.of("nums = [1,2,3]");

        assertThat(runAll(Language.PYTHON, python, signature, inputs)).containsExactly("[2,4,6]\n");
        assertThat(runAll(Language.CPP, cpp, signature, inputs)).containsExactly("[2,4,6]\n");
    }

    private static List<String> runAll(Language language, String code, Task.Signature signature, List<String> inputs) {
        try (PreparedProgram program = runner.prepare(language, code, Optional.of(signature))) {
            assertThat(program).isInstanceOf(PreparedProgram.Ready.class);
            return runner.runAll(program, inputs.stream().map(RunInput::of).toList(), SandboxFixture.LIMITS).stream()
                    .map(outcome -> {
                        assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
                        return ((RunOutcome.Completed) outcome).stdout();
                    })
                    .toList();
        }
    }

    private static String run(Language language, String code, Task.Signature signature, String input) {
        return runAll(language, code, signature, List.of(input)).get(0);
    }

    private static String run(String code, Task.Signature signature, String input) {
        try (PreparedProgram program = runner.prepare(Language.PYTHON, code, Optional.of(signature))) {
            RunOutcome outcome = runner.runAll(program, List.of(RunInput.of(input)), SandboxFixture.LIMITS).get(0);
            assertThat(outcome).isInstanceOf(RunOutcome.Completed.class);
            return ((RunOutcome.Completed) outcome).stdout();
        }
    }
}
