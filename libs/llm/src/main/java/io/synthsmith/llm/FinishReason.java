package io.synthsmith.llm;

/** Why the model stopped writing a choice. {@link #LENGTH} means the answer was cut by the token limit. */
public enum FinishReason {
    /** A natural stop or a stop sequence ({@code stop}). */
    STOP,
    /** The token limit was reached: the answer (or its reasoning) is truncated ({@code length}). */
    LENGTH,
    /** The server's content filter cut the answer ({@code content_filter}). */
    CONTENT_FILTER,
    /** The model asked for a tool call ({@code tool_calls} or {@code function_call}). */
    TOOL_CALLS,
    /** The server did not say, or said something this client does not know. */
    UNKNOWN;

    /** The reason for the wire value {@code finish_reason} (null gives {@link #UNKNOWN}). */
    public static FinishReason fromWire(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value) {
            case "stop", "eos", "stop_sequence", "end_turn" -> STOP;
            case "length", "max_tokens" -> LENGTH;
            case "content_filter" -> CONTENT_FILTER;
            case "tool_calls", "function_call" -> TOOL_CALLS;
            default -> UNKNOWN;
        };
    }
}
