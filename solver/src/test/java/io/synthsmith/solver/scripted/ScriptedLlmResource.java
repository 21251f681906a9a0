package io.synthsmith.solver.scripted;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.synthsmith.scriptedllm.ScriptedLlmServer;
import java.util.Map;

/**
 * Points the solver at a scripted OpenAI-compatible server (scripted replies, not a model) running
 * {@link SolverScript}. Started once per test JVM and shared by every test class, like the embedded broker.
 */
public final class ScriptedLlmResource implements QuarkusTestResourceLifecycleManager {

    private static ScriptedLlmServer shared;

    /** The running server, started on first use. */
    public static synchronized ScriptedLlmServer server() {
        if (shared == null) {
            ScriptedLlmServer started = ScriptedLlmServer.start(SolverScript.script());
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "scripted-llm-stop"));
            shared = started;
        }
        return shared;
    }

    @Override
    public Map<String, String> start() {
        return Map.of(
                "synthsmith.solver.llm.base-url", server().baseUrl(),
                "synthsmith.solver.llm.model", SolverScript.MODEL,
                "synthsmith.solver.llm.max-attempts", "3",
                "synthsmith.solver.llm.backoff-base", "50ms",
                "synthsmith.solver.llm.backoff-max", "200ms",
                "synthsmith.solver.min-reasoning-chars", String.valueOf(SolverScript.MIN_REASONING_CHARS));
    }

    @Override
    public void stop() {
        // Shared across test classes in this JVM; closed by the shutdown hook.
    }
}
