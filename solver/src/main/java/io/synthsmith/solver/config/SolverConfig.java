package io.synthsmith.solver.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * The solver's own settings (environment variables {@code SYNTHSMITH_SOLVER_*}). The LLM endpoint is configured
 * under {@code synthsmith.solver.llm.*} (see libs/llm); what each run asks for (candidates per task, minimum usable
 * candidates, language, models) travels with its tasks.
 */
@ConfigMapping(prefix = "synthsmith.solver")
public interface SolverConfig {

    /**
     * The topic of tasks to solve: the ones dedup's pre-solve stage found unique ({@code <prefix>tasks.unique},
     * set in application.properties). With that stage off ({@code synthsmith.dedup.pre-solve.enabled=false}), the
     * evolver's own topic {@code <prefix>tasks}. The default here holds for the default prefix only.
     */
    @WithDefault("synthsmith.tasks.unique")
    String inputTopic();

    /**
     * A reasoning-length gate, off by default (0): a candidate's code is judged by execution, so its reasoning
     * length is recorded ({@code reasoningChars}) rather than used to drop it. A run that wants only long chains of
     * thought sets a minimum in characters; shorter ones are then dropped as {@code short_reasoning}, but only from
     * endpoints that return reasoning text (the dialect's reasoning is not {@code hidden} or {@code none}).
     */
    @WithDefault("0")
    int minReasoningChars();

    /**
     * The Python 3 executable that checks that Python code (candidates, generators, validators) compiles; code that
     * does not is dropped as {@code syntax_error} (a candidate) or retried (a test source). Nothing is run: the code
     * is only compiled. {@code none} turns the check off; an executable that cannot be started turns it off with one
     * WARN.
     */
    @WithDefault("python3")
    String pythonSyntaxCheck();

    /**
     * Replies asked for at most per test source (direct inputs, generator, validator): an unusable reply is answered
     * with why and asked again until this many replies were read. 1 asks once.
     */
    @WithDefault("2")
    int testSourceAttempts();

    /**
     * How much larger the token budget ({@code max-tokens}) of the one retry of truncated candidates is
     * ({@code finish_reason: length}): the truncated ones are asked again, once, with {@code n} = their count and
     * this multiple of the budget. 1 or less turns the retry off.
     */
    @WithDefault("2.0")
    double truncatedRetryFactor();

    /** How many direct test inputs the solver asks the model for. */
    @WithDefault("10")
    int directInputs();

    /**
     * Tasks processed at once by one replica (each holds up to one request per solver model plus three test-source
     * requests). Applied through {@code smallrye.messaging.worker."<virtual-thread>".max-concurrency} and the
     * consumer's {@code max.poll.records} in application.properties.
     */
    @WithDefault("64")
    int maxInFlightTasks();

    /**
     * Distinct solver models one replica keeps clients for (runs may name their own). A task that needs one more
     * goes to the dead-letter topic with a message naming this key.
     */
    @WithDefault("16")
    int maxModels();

    /**
     * The largest solved message written, in bytes, encoded and before compression; a larger one is rejected as
     * {@code oversize}, never cut. Below the topics' 16 MiB limit, leaving room for the record's overhead.
     */
    @WithDefault("15728640")
    int maxSolvedBytes();

    /**
     * The LLM endpoint ({@code synthsmith.solver.llm.base-url}, {@code model}, sampling, limits), read by libs/llm's
     * {@code LlmSettingsResolver} with the global {@code synthsmith.llm.*} as fallback; named here so that
     * configuration validation accepts the keys.
     */
    Map<String, String> llm();
}
