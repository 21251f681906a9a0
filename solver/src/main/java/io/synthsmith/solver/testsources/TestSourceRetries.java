package io.synthsmith.solver.testsources;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.ChatResult;
import io.synthsmith.llm.LlmException;
import io.synthsmith.solver.prompts.SolverPrompts;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Asks for one test source (direct inputs, generator or validator) until a reply is usable, up to
 * {@code maxAttempts} replies: an unusable reply is answered in the same conversation with why it could not be used
 * ({@code test-source-retry.user}). A call that fails for good (the client's own retries spent) ends the asking.
 */
public final class TestSourceRetries {

    private static final Logger LOG = Logger.getLogger(TestSourceRetries.class);

    private final SolverPrompts prompts;
    private final int maxAttempts;

    /** @param maxAttempts replies asked for at most per source ({@code synthsmith.solver.test-source-attempts}) */
    public TestSourceRetries(SolverPrompts prompts, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("synthsmith.solver.test-source-attempts must be 1 or more, got "
                    + maxAttempts);
        }
        this.prompts = prompts;
        this.maxAttempts = maxAttempts;
    }

    /** How one call ended: a result, or the client's failure. */
    public record Answer(ChatResult result, LlmException failure) {
    }

    /**
     * What asking for a source gave.
     *
     * @param reply    the last reply's reading (usable, or unusable with why); {@code null} when the first call
     *                 itself failed
     * @param failure  the failure of the last call, when it failed
     * @param attempts replies asked for
     * @param tokens   the tokens of every answered call
     */
    public record Outcome<T>(TestSourceReply<T> reply, LlmException failure, int attempts, long tokens) {

        /** Why the source is missing: the last unusable reply's reason, or the failed call's. */
        public String why() {
            if (reply instanceof TestSourceReply.Unusable<T> unusable) {
                return failure == null ? unusable.why() : unusable.why() + "; the retry failed: "
                        + failure.getMessage();
            }
            return failure == null ? "" : "the call failed: " + failure.getMessage();
        }
    }

    /**
     * Asks {@code request} through {@code call} and reads each reply with {@code parse}.
     *
     * @param source  the source's name for logs ({@code direct_inputs}, {@code generator}, {@code validator})
     * @param context who asks, for logs (the task id)
     */
    public <T> CompletableFuture<Outcome<T>> ask(String source, String context, ChatRequest request,
            Function<ChatRequest, CompletableFuture<Answer>> call, Function<ChatChoice, TestSourceReply<T>> parse) {
        return attempt(1, source, context, request, call, parse, null, 0);
    }

    private <T> CompletableFuture<Outcome<T>> attempt(int attempt, String source, String context,
            ChatRequest request, Function<ChatRequest, CompletableFuture<Answer>> call,
            Function<ChatChoice, TestSourceReply<T>> parse, TestSourceReply<T> previous, long tokens) {
        return call.apply(request).thenCompose(answer -> {
            if (answer.failure() != null) {
                return CompletableFuture.completedFuture(new Outcome<>(previous, answer.failure(), attempt, tokens));
            }
            long spent = tokens + answer.result().usage().totalTokens();
            ChatChoice choice = answer.result().first();
            TestSourceReply<T> reply = parse.apply(choice);
            if (reply instanceof TestSourceReply.Unusable<T> unusable) {
                boolean again = attempt < maxAttempts;
                LOG.infof("task %s: the %s reply is unusable (attempt %d of %d%s): %s", context, source, attempt,
                        maxAttempts, again ? ", asking again" : ", giving up", unusable.why());
                if (again) {
                    return attempt(attempt + 1, source, context,
                            prompts.testSourceRetry(request, choice.answer(), unusable.why()), call, parse, reply,
                            spent);
                }
            }
            return CompletableFuture.completedFuture(new Outcome<>(reply, null, attempt, spent));
        });
    }
}
