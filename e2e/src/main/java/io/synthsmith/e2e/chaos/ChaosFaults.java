package io.synthsmith.e2e.chaos;

import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The LLM faults of a chaos run: every rule of the script answers a share of its calls with a fault instead of its
 * reply. The five kinds (429 with Retry-After, 500, a reply slower than the clients' timeout, a malformed body, a
 * body cut off mid-way) are dealt to the rules in turn, so each kind is served wherever the pipeline's calls go.
 */
public final class ChaosFaults {

    /** The clients' per-attempt timeout a chaos run sets; the slow fault answers after twice as long. */
    public static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(4);

    private ChaosFaults() {
    }

    /** The kinds, in the order they are dealt. */
    public static List<ScriptedResponse> kinds() {
        return List.of(
                ScriptedResponse.rateLimited(Duration.ofSeconds(1)),
                ScriptedResponse.httpError(500, "scripted fault: internal error"),
                ScriptedResponse.slow(CLIENT_TIMEOUT.multipliedBy(2), ScriptedResponse.completion("a reply too late")),
                ScriptedResponse.malformedBody(),
                ScriptedResponse.truncatedBody(ScriptedResponse.completion("a reply cut off half way through")));
    }

    /** {@code script} with each rule failing with probability {@code rate}, the fault kinds dealt in turn. */
    public static Script inject(Script script, double rate) {
        if (rate <= 0) {
            return script;
        }
        List<ScriptedResponse> kinds = kinds();
        List<ScriptRule> rules = new ArrayList<>();
        for (int i = 0; i < script.rules().size(); i++) {
            rules.add(script.rules().get(i).withRandomFault(rate, kinds.get(i % kinds.size())));
        }
        return new Script(rules, script.latency(), script.capacity(), script.overflow(), script.overflowRetryAfter(),
                script.seed(), script.recordLimit());
    }
}
