package io.synthsmith.evolver.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.ChatMessage;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.llm.ChatResult;
import io.synthsmith.llm.LlmClient;
import io.synthsmith.llm.LlmException;
import io.synthsmith.llm.TokenUsage;
import io.synthsmith.llm.reply.ReplyCheckException;
import io.synthsmith.llm.reply.ReplyFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/**
 * Asks the LLM for a reply of a given shape. A reply that does not parse (or was cut by the token limit) is
 * answered in the same conversation with the parse error and the task line of the original prompt, and asked again,
 * up to {@code maxAttempts} replies in all. Blocks the calling (virtual) thread while the LLM answers.
 */
public final class LlmConversation {

    private static final Logger LOG = Logger.getLogger(LlmConversation.class);

    private final LlmClient llm;
    private final PromptBook prompts;
    private final MeterRegistry registry;

    public LlmConversation(LlmClient llm, PromptBook prompts, MeterRegistry registry) {
        this.llm = llm;
        this.prompts = prompts;
        this.registry = registry;
    }

    /**
     * Asks {@code system} + {@code user} until {@code parser} accepts a reply or {@code maxAttempts} replies failed.
     *
     * @param step names the step for metrics: extraction, evolution, selection, statement
     * @throws LlmException when the endpoint fails beyond its own retries
     */
    public <T> Exchange<T> ask(String step, String system, String user, ReplyParser<T> parser, int maxAttempts) {
        List<ChatMessage> messages = new ArrayList<>(List.of(ChatMessage.system(system), ChatMessage.user(user)));
        List<String> errors = new ArrayList<>();
        String taskLine = user.lines().findFirst().orElse("");
        TokenUsage spent = TokenUsage.NONE;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            ChatResult result = call(messages);
            countTokens(step, result);
            spent = spent.plus(result.usage());
            ChatChoice choice = result.first();
            String error;
            String outcome = "unparsable";
            if (choice.truncated()) {
                error = "the reply was cut off by the token limit before it ended; write a shorter reply";
            } else {
                try {
                    T value = parser.parse(choice.answer());
                    count(step, "parsed");
                    return new Exchange.Parsed<>(value, result.model(), attempt, spent);
                } catch (ReplyCheckException e) {
                    error = e.getMessage();
                    outcome = "failed_check";
                } catch (ReplyFormatException e) {
                    error = e.getMessage();
                }
            }
            errors.add(error);
            count(step, outcome);
            LOG.infof("%s reply %d of %d (%s, reply %s) %s: %s; %s", step, attempt, maxAttempts, taskLine,
                    String.join(",", result.responseIds()), outcome.replace('_', ' '), error,
                    attempt < maxAttempts ? "asking again" : "giving up");
            messages.add(ChatMessage.assistant(choice.answer()));
            messages.add(ChatMessage.user(prompts.render("retry.user", Map.of("taskLine", taskLine, "error", error))));
        }
        count(step, "gave_up");
        return new Exchange.Unparsable<>(errors, maxAttempts, spent);
    }

    private ChatResult call(List<ChatMessage> messages) {
        try {
            return llm.chat(ChatRequest.of(messages.toArray(ChatMessage[]::new))).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void count(String step, String outcome) {
        Counter.builder("synthsmith.task-evolver.replies")
                .description("LLM replies per step, by outcome: parsed, unparsable (not read, retried), failed_check "
                        + "(read but failing a check of the prompt, retried), gave_up")
                .tag("step", step).tag("outcome", outcome)
                .register(registry).increment();
    }

    private void countTokens(String step, ChatResult result) {
        tokens(step, "prompt").increment(result.usage().promptTokens());
        tokens(step, "completion").increment(result.usage().completionTokens());
        result.usage().reasoningTokens().ifPresent(n -> tokens(step, "reasoning").increment(n));
    }

    private Counter tokens(String step, String type) {
        return Counter.builder("synthsmith.task-evolver.llm.tokens")
                .description("Tokens the LLM reported, per step and type")
                .tag("step", step).tag("type", type)
                .register(registry);
    }
}
