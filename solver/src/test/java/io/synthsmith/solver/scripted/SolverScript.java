package io.synthsmith.solver.scripted;

import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scripted replies the solver's tests run against (a scripted server, not a model). Rules match on the stage
 * header and on the title and heading of the solver's prompts; tasks whose title a test names get their own
 * replies, every other task gets usable ones.
 */
public final class SolverScript {

    /** The model the tests configure. */
    public static final String MODEL = "scripted-r1";
    /** The shortest reasoning the tests keep (synthsmith.solver.min-reasoning-chars). */
    public static final int MIN_REASONING_CHARS = 200;

    /** Long enough to keep. */
    public static final String LONG_REASONING = "Each operation adds v to a range of lights; a direct loop costs "
            + "n*m, too slow for 2*10^5 each. A difference array records +v at l and -v at r+1, one prefix sum "
            + "gives every brightness, and a sort in non-increasing order gives the k brightest. Check sample 1: "
            + "brightness 2 3 3 1 1, sorted 3 3 2 1 1, first three 3 3 2. Matches.";
    /** Too short to keep. */
    public static final String SHORT_REASONING = "Easy: sort.";

    /** Titles of tasks with their own replies. */
    public static final String PARTIAL = "Partial Fortunes";
    public static final String SILENT = "Silent Solver";
    public static final String BROKEN = "Broken Endpoint";
    public static final String SLOW = "Slow Lane";
    public static final String LEETCODE = "Balanced Split Count";
    /** The extra delay of the slow task's candidates. */
    public static final Duration SLOW_DELAY = Duration.ofSeconds(20);

    public static final String STDIO_ANSWER = "Use a difference array, then sort.\n\n```python\nimport sys\n"
            + "def main():\n    data = sys.stdin.read().split()\n    print(data[0])\nmain()\n```\n";
    public static final String LEETCODE_ANSWER = "Compare a running prefix sum with the rest.\n\n```python\n"
            + "from typing import List\n\nclass Solution:\n    def balancedSplits(self, nums: List[int]) -> int:\n"
            + "        total, run, count = sum(nums), 0, 0\n        for x in nums[:-1]:\n            run += x\n"
            + "            count += run == total - run\n        return count\n```\n";
    public static final String DIRECT_INPUTS = "```json\n[\"3 1 3\\n1 3 5\\n\", \"4 2 2\\n1 1 9\\n4 4 9\\n\"]\n```";
    public static final String GENERATOR = "```python\nimport random, sys\nrandom.seed(int(sys.argv[1]))\n"
            + "n = {'small': 5, 'medium': 1000, 'max': 200000}[sys.argv[2]]\nprint(n, 1, 1)\nprint(1, n, 7)\n```";
    public static final String VALIDATOR = "```python\nimport sys\nn, m, k = map(int, sys.stdin.readline().split())\n"
            + "sys.exit(0 if 1 <= k <= n <= 200000 else 1)\n```";
    public static final String BRUTE_FORCE = "Apply every operation light by light, then sort.\n\n```python\n"
            + "import sys\ndata = list(map(int, sys.stdin.read().split()))\nn, m, k = data[:3]\nlights = [0] * n\n"
            + "for i in range(m):\n    l, r, v = data[3 + 3 * i:6 + 3 * i]\n    for j in range(l - 1, r):\n"
            + "        lights[j] += v\nprint(*sorted(lights, reverse=True)[:k])\n```";

    private SolverScript() {
    }

    public static ScriptedResponse.Completion good() {
        return ScriptedResponse.completion(STDIO_ANSWER).withReasoning(LONG_REASONING);
    }

    /** Usable replies to every test-source request (direct inputs, generator, validator, brute force). */
    public static List<ScriptRule> testSources() {
        return List.of(
                ScriptRule.forStage("solver", ScriptedResponse.completion(DIRECT_INPUTS))
                        .whenLastUserMessageMatches("^# Direct test inputs for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(GENERATOR))
                        .whenLastUserMessageMatches("^# Input generator for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(VALIDATOR))
                        .whenLastUserMessageMatches("^# Input validator for: "),
                ScriptRule.forStage("solver", ScriptedResponse.completion(BRUTE_FORCE))
                        .whenLastUserMessageMatches("^# Brute force for: "));
    }

    public static Script script() {
        List<ScriptRule> rules = new ArrayList<>(List.of(
                // Per answer: usable, a 500 (retried), cut by the token limit, no code, short reasoning, usable.
                ScriptRule.forStage("solver",
                                good(),
                                ScriptedResponse.httpError(500, "scripted server error mid-way"),
                                good().withFinishReason("length"),
                                ScriptedResponse.completion("I would sort the values.").withReasoning(LONG_REASONING),
                                ScriptedResponse.completion(STDIO_ANSWER).withReasoning(SHORT_REASONING),
                                good())
                        .whenLastUserMessageMatches("# Task: " + PARTIAL),
                ScriptRule.forStage("solver", ScriptedResponse.completion("No code today.")
                                .withReasoning(LONG_REASONING))
                        .whenLastUserMessageMatches("# Task: " + SILENT),
                ScriptRule.forStage("solver", ScriptedResponse.httpError(500, "scripted outage"))
                        .whenLastUserMessageMatches(BROKEN),
                ScriptRule.forStage("solver", ScriptedResponse.slow(SLOW_DELAY, good()))
                        .whenLastUserMessageMatches("# Task: " + SLOW),
                ScriptRule.forStage("solver", ScriptedResponse.completion(LEETCODE_ANSWER)
                                .withReasoning(LONG_REASONING))
                        .whenLastUserMessageMatches("# Task: " + LEETCODE),
                ScriptRule.forStage("solver", good()).whenLastUserMessageMatches("^# Task: ")));
        rules.addAll(rules.size() - 1, testSources());
        return Script.of(rules.toArray(ScriptRule[]::new));
    }
}
