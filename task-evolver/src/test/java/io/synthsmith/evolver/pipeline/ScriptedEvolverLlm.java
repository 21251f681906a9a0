package io.synthsmith.evolver.pipeline;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import io.synthsmith.scriptedllm.ScriptedResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the scripted OpenAI-compatible server (scripted replies, not a model) with the replies the evolver's tests
 * need, matched on the task line of each prompt, and points the evolver at it. Sampling takes the whole (small) test
 * tree, so that the scripted selection always names candidates.
 */
public final class ScriptedEvolverLlm implements QuarkusTestResourceLifecycleManager {

    static final String CODE_FEATURES = """
            ```json
            {"features": {
              "algorithms": {"graph": ["BFS", "Shortest Path"]},
              "data structures": {"Queue": {}, "adjacency list": {}},
              "complexity analysis": ["linear time"],
              "coding techniques": ["list comprehension", "Python generators"],
              "programming language": {"python": {}}
            }}
            ```""";
    static final String ONLY_LANGUAGE = """
            {"features": {"coding techniques": ["list comprehension", "f-strings"], "python": {"print": {}}}}""";
    static final String CONCEPTS = """
            ```json
            {"concepts": {
              "data structures": {"Prefix Sums": ["difference array"], "Fenwick tree": {}},
              "problem-solving strategies": ["offline processing"]
            }}
            ```""";
    static final String EVOLVED = """
            ```json
            {"evolved": [
              {"path": "algorithms / graph / breadth-first search", "siblings": ["bidirectional search", "iterative deepening"], "children": ["multi-source bfs"]},
              {"path": "data structures / prefix sums", "siblings": ["sparse table", "sqrt decomposition"], "children": []},
              {"path": "algorithms / sorting / quick sort", "siblings": ["merge sort", "counting sort"], "children": []}
            ]}
            ```""";
    static final String SELECTION = """
            ```json
            {"annotations": [
              {"feature": "data structures / queue", "use": "process towers in order of discovery"},
              {"feature": "complexity analysis / linear time", "use": "the network is large, so one pass"}
            ],
             "selected": ["data structures / queue", "complexity analysis / linear time"],
             "integrationStrategy": "Signals spread from one tower to its neighbours; counting how many steps the farthest tower needs requires processing towers in discovery order within a linear bound."}
            ```""";
    static final String CODEFORCES = """
            ```json
            {"title": "Signal Towers",
             "statement": "The kingdom has n towers joined by m cables. A signal starts at tower 1 and crosses one cable per second. Find when the last tower lights up.\\n\\nInput\\nThe first line contains n and m. Each of the next m lines contains u and v.\\n\\nOutput\\nPrint the number of seconds, or -1 if some tower never lights up.\\n\\nConstraints\\n2 <= n <= 2*10^5, 1 <= m <= 2*10^5, 1 <= u, v <= n.",
             "samples": [
               {"input": "3 2\\n1 2\\n2 3\\n", "output": "2\\n", "explanation": "Tower 3 lights up after two seconds."},
               {"input": "2 1\\n1 2\\n", "output": "1\\n"}
             ]}
            ```""";
    static final String ATCODER = """
            ```json
            {"title": "Last Tower",
             "statement": "There are N towers and M cables. Find the time at which the last tower receives the signal sent from tower 1.\\n\\nConstraints\\n- 2 <= N <= 2*10^5\\n- 1 <= M <= 2*10^5\\n- All input values are integers.\\n\\nInput\\nN M\\nu_1 v_1\\n...\\n\\nOutput\\nPrint the answer.",
             "samples": [
               {"input": "3 2\\n1 2\\n2 3\\n", "output": "2\\n"},
               {"input": "4 3\\n1 2\\n1 3\\n1 4\\n", "output": "1\\n"}
             ]}
            ```""";
    static final String LEETCODE_UNTYPED = """
            ```json
            {"title": "Farthest Tower", "statement": "Return the time at which the last tower lights up.\\n\\nConstraints:\\n2 <= n <= 10^5",
             "signature": "class Solution:\\n    def farthestTower(self, n, edges) -> int:",
             "samples": [{"input": "n = 3, edges = [[1,2],[2,3]]", "output": "2"}, {"input": "n = 2, edges = [[1,2]]", "output": "1"}]}
            ```""";
    static final String LEETCODE = """
            ```json
            {"title": "Farthest Tower", "statement": "You are given n towers and a list of cables edges. Return the time at which the last tower lights up, or -1.\\n\\nExample 1:\\nInput: n = 3, edges = [[1,2],[2,3]]\\nOutput: 2\\n\\nConstraints:\\n2 <= n <= 10^5\\n1 <= edges.length <= 10^5",
             "signature": "class Solution:\\n    def farthestTower(self, n: int, edges: List[List[int]]) -> int:",
             "samples": [{"input": "n = 3, edges = [[1,2],[2,3]]", "output": "2"}, {"input": "n = 2, edges = [[1,2]]", "output": "1"}]}
            ```""";

    private ScriptedLlmServer server;

    @Override
    public Map<String, String> start() {
        server = ScriptedLlmServer.start(Script.of(
                ScriptRule.always(ScriptedResponse.completion(ONLY_LANGUAGE))
                        .whenLastUserMessageMatches("Task: extract features \\(run it-language\\)"),
                ScriptRule.always(ScriptedResponse.completion(CODE_FEATURES))
                        .whenLastUserMessageMatches("Task: extract features"),
                ScriptRule.always(ScriptedResponse.completion(CONCEPTS))
                        .whenLastUserMessageMatches("Task: extract concepts"),
                ScriptRule.always(ScriptedResponse.completion(EVOLVED))
                        .whenLastUserMessageMatches("Task: evolve features"),
                ScriptRule.always(ScriptedResponse.completion("These two features go well together."))
                        .whenLastUserMessageMatches("Task: select features \\(run it-unparsable\\)"),
                ScriptRule.always(ScriptedResponse.completion(SELECTION))
                        .whenLastUserMessageMatches("Task: select features"),
                ScriptRule.always(ScriptedResponse.completion(LEETCODE_UNTYPED), ScriptedResponse.completion(LEETCODE))
                        .whenLastUserMessageMatches("style leetcode"),
                ScriptRule.always(ScriptedResponse.completion(ATCODER)).whenLastUserMessageMatches("style atcoder"),
                ScriptRule.always(ScriptedResponse.completion(CODEFORCES))
                        .whenLastUserMessageMatches("style codeforces")));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("synthsmith.task-evolver.llm.base-url", server.baseUrl());
        config.put("synthsmith.task-evolver.llm.model", "scripted");
        config.put("synthsmith.task-evolver.llm.backoff-base", "100ms");
        config.put("synthsmith.task-evolver.sampling.roots", "9");
        config.put("synthsmith.task-evolver.sampling.inner", "50");
        config.put("synthsmith.task-evolver.sampling.leaves-min", "50");
        config.put("synthsmith.task-evolver.sampling.leaves-max", "50");
        config.put("synthsmith.task-evolver.sampling.min-leaves", "2");
        // SynthLLM level 3 only (the whole tree), so that the one scripted selection names candidates of every
        // task; levels 1 and 2 offer only a document's own concepts (SynthLlmLevelsTest).
        config.put("synthsmith.task-evolver.documents.level-weights", "0,0,1");
        config.put("synthsmith.task-evolver.seeds.max-chars", "50000");
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.MatchesType(ScriptedLlmServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
