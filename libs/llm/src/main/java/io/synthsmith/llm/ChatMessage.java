package io.synthsmith.llm;

import java.util.Objects;

/**
 * One message of a chat-completions conversation.
 *
 * @param role    who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /** A system message. */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /** A user message. */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }

    /** An assistant message, e.g. an earlier answer in a multi-turn prompt. */
    public static ChatMessage assistant(String content) {
        return new ChatMessage(Role.ASSISTANT, content);
    }

    /** The speaker of a message, with its wire name. */
    public enum Role {
        /** {@code system}. */
        SYSTEM("system"),
        /** {@code user}. */
        USER("user"),
        /** {@code assistant}. */
        ASSISTANT("assistant");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        /** The role as the API spells it. */
        public String wireName() {
            return wireName;
        }
    }
}
