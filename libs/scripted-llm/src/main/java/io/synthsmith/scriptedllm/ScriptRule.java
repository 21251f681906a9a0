package io.synthsmith.scriptedllm;

import io.synthsmith.scriptedllm.ScriptedResponse.Completion;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of a {@link Script}: which requests it answers and with what.
 *
 * <p>A rule matches a request when its {@code stage} (if set) equals the {@code X-SynthSmith-Stage} header and its
 * {@code lastUserMessage} pattern (if set) is found in the last user message. The n-th request matched by the rule
 * gets {@code replies[n]}; once the replies are used up, the last one repeats, or with {@code cycle} they start over.
 * With a {@link RandomFault}, each matched request first draws whether it gets the fault instead (the draw does not
 * consume a reply). Template replies ({@link Completion#asTemplate()}) are filled per request from the number of
 * requests the rule has matched and the groups of {@code lastUserMessage}; a {@link Script} refuses a rule whose
 * placeholders name a group its pattern lacks.
 *
 * @param stage           the stage header value to match, or null for any stage
 * @param lastUserMessage a regex searched ({@link java.util.regex.Matcher#find()}) in the last user message, or null
 * @param replies         the replies in order; at least one
 * @param randomFault     a fault injected with some probability, or null
 * @param cycle           whether the replies start over after the last one instead of repeating it
 * @param model           a regex the request's {@code model} must match entirely, or null for any model; one
 *                        server can so answer several models in their own dialects
 * @param rejectedParameters request fields this rule's model refuses: a request carrying one gets a 400 in
 *                        OpenAI's words ({@code Unsupported parameter: 'max_tokens' ...}), as OpenAI's reasoning
 *                        models answer {@code max_tokens} and {@code temperature}; no reply is used up
 */
public record ScriptRule(String stage, Pattern lastUserMessage, List<ScriptedResponse> replies,
                         RandomFault randomFault, boolean cycle, Pattern model, Set<String> rejectedParameters) {

    public ScriptRule {
        replies = List.copyOf(replies);
        if (replies.isEmpty()) {
            throw new IllegalArgumentException("a script rule needs at least one reply");
        }
        // kept in the order given: the first refused field present names the 400, as the real API names one
        rejectedParameters = rejectedParameters == null ? Set.of()
                : java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(rejectedParameters));
    }

    /** A rule for any model that refuses no parameter. */
    public ScriptRule(String stage, Pattern lastUserMessage, List<ScriptedResponse> replies, RandomFault randomFault,
            boolean cycle) {
        this(stage, lastUserMessage, replies, randomFault, cycle, null, Set.of());
    }

    /** A rule whose replies repeat the last one once used up. */
    public ScriptRule(String stage, Pattern lastUserMessage, List<ScriptedResponse> replies, RandomFault randomFault) {
        this(stage, lastUserMessage, replies, randomFault, false);
    }

    /** A rule that matches every request and answers with {@code replies} in order. */
    public static ScriptRule always(ScriptedResponse... replies) {
        return new ScriptRule(null, null, List.of(replies), null);
    }

    /** A rule that matches requests of {@code stage} and answers with {@code replies} in order. */
    public static ScriptRule forStage(String stage, ScriptedResponse... replies) {
        return new ScriptRule(Objects.requireNonNull(stage, "stage"), null, List.of(replies), null);
    }

    /** This rule, restricted to requests whose last user message contains a match of {@code regex}. */
    public ScriptRule whenLastUserMessageMatches(String regex) {
        return new ScriptRule(stage, Pattern.compile(regex), replies, randomFault, cycle, model, rejectedParameters);
    }

    /** This rule, restricted to requests whose {@code model} matches {@code regex} entirely. */
    public ScriptRule forModel(String regex) {
        return new ScriptRule(stage, lastUserMessage, replies, randomFault, cycle, Pattern.compile(regex),
                rejectedParameters);
    }

    /** This rule, answering 400 to requests that carry any of {@code fields} (e.g. max_tokens, temperature). */
    public ScriptRule rejecting(String... fields) {
        return new ScriptRule(stage, lastUserMessage, replies, randomFault, cycle, model, new java.util.LinkedHashSet<>(
                java.util.List.of(fields)));
    }

    /** This rule, answering {@code fault} instead of its next reply with the given probability. */
    public ScriptRule withRandomFault(double probability, ScriptedResponse fault) {
        return new ScriptRule(stage, lastUserMessage, replies, new RandomFault(probability, fault), cycle, model,
                rejectedParameters);
    }

    /** This rule, starting its replies over after the last one (reply n is {@code replies[n % size]}). */
    public ScriptRule cycling() {
        return new ScriptRule(stage, lastUserMessage, replies, randomFault, true, model, rejectedParameters);
    }

    /**
     * The groups of {@code lastUserMessage} found in {@code lastUser} (index 0 the whole match, null for a group that
     * took no part; empty without a pattern), or null when this rule does not match the request.
     */
    List<String> match(String requestStage, String requestModel, String lastUser) {
        if (stage != null && !stage.equals(requestStage)) {
            return null;
        }
        if (model != null && (requestModel == null || !model.matcher(requestModel).matches())) {
            return null;
        }
        if (lastUserMessage == null) {
            return List.of();
        }
        Matcher matcher = lastUserMessage.matcher(lastUser);
        if (!matcher.find()) {
            return null;
        }
        List<String> groups = new ArrayList<>(matcher.groupCount() + 1);
        for (int group = 0; group <= matcher.groupCount(); group++) {
            groups.add(matcher.group(group));
        }
        return groups;
    }

    /** The reply for the {@code step}-th (0-based) request that is not answered by a random fault. */
    ScriptedResponse reply(int step) {
        return replies.get(cycle ? step % replies.size() : Math.min(step, replies.size() - 1));
    }

    /**
     * Checks that the placeholders of this rule's template replies name only groups its regex has. Called when a
     * {@link Script} is made, not here, since a rule is built step by step ({@code forStage(...)} before
     * {@code whenLastUserMessageMatches(...)}).
     *
     * @throws IllegalArgumentException naming the reply and the placeholder
     */
    void checkTemplates() {
        int groupCount = lastUserMessage == null ? -1 : lastUserMessage.matcher("").groupCount();
        for (int i = 0; i < replies.size(); i++) {
            checkTemplate(replies.get(i), groupCount, "replies[" + i + "]");
        }
        if (randomFault != null) {
            checkTemplate(randomFault.response(), groupCount, "randomFault.reply");
        }
    }

    private static void checkTemplate(ScriptedResponse response, int groupCount, String where) {
        Completion completion = switch (response) {
            case Completion c -> c;
            case ScriptedResponse.TruncatedBody truncated -> truncated.completion();
            case ScriptedResponse.Slow slow -> {
                checkTemplate(slow.then(), groupCount, where);
                yield null;
            }
            default -> null;
        };
        if (completion == null || !completion.template()) {
            return;
        }
        checkGroups(completion.content(), groupCount, where + ".content");
        checkGroups(completion.reasoning(), groupCount, where + ".reasoning");
    }

    private static void checkGroups(String text, int groupCount, String where) {
        if (text == null) {
            return;
        }
        try {
            ReplyTemplate.parse(text).checkGroups(groupCount);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** A fault answered instead of the rule's next reply with {@code probability} (0..1). */
    public record RandomFault(double probability, ScriptedResponse response) {
        public RandomFault {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("a fault probability is between 0 and 1, not " + probability);
            }
            Objects.requireNonNull(response, "response");
        }
    }
}
