package io.synthsmith.scriptedllm;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of a {@link Script}: which requests it answers and with what.
 *
 * <p>A rule matches a request when its {@code stage} (if set) equals the {@code X-SynthSmith-Stage} header and its
 * {@code lastUserMessage} pattern (if set) is found in the last user message. The n-th request matched by the rule
 * gets {@code replies[n]}; once the replies are used up, the last one repeats. With a {@link RandomFault}, each
 * matched request first draws whether it gets the fault instead (the draw does not consume a reply).
 *
 * @param stage           the stage header value to match, or null for any stage
 * @param lastUserMessage a regex searched ({@link java.util.regex.Matcher#find()}) in the last user message, or null
 * @param replies         the replies in order; at least one
 * @param randomFault     a fault injected with some probability, or null
 */
public record ScriptRule(String stage, Pattern lastUserMessage, List<ScriptedResponse> replies,
                         RandomFault randomFault) {

    public ScriptRule {
        replies = List.copyOf(replies);
        if (replies.isEmpty()) {
            throw new IllegalArgumentException("a script rule needs at least one reply");
        }
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
        return new ScriptRule(stage, Pattern.compile(regex), replies, randomFault);
    }

    /** This rule, answering {@code fault} instead of its next reply with the given probability. */
    public ScriptRule withRandomFault(double probability, ScriptedResponse fault) {
        return new ScriptRule(stage, lastUserMessage, replies, new RandomFault(probability, fault));
    }

    boolean matches(String requestStage, String lastUser) {
        return (stage == null || stage.equals(requestStage))
                && (lastUserMessage == null || lastUserMessage.matcher(lastUser).find());
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
