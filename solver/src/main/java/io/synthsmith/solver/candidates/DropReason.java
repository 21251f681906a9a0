package io.synthsmith.solver.candidates;

/** Why a candidate answer was not kept. The wire name is the key in {@code Solved.dropped} and a metric tag. */
public enum DropReason {
    /** The token limit cut the answer ({@code finish_reason: length}). */
    TRUNCATED("truncated"),
    /** The answer has no fenced code block. */
    NO_CODE_BLOCK("no_code_block"),
    /** A code block is opened and never closed, although the model said it stopped normally. */
    UNTERMINATED_CODE_BLOCK("unterminated_code_block"),
    /** The chosen code block is empty. */
    EMPTY_CODE_BLOCK("empty_code_block"),
    /** The answer has code blocks, none of them in the language the run asks for. */
    WRONG_LANGUAGE("wrong_language"),
    /** The Python code does not compile ({@code synthsmith.solver.python-syntax-check}). */
    SYNTAX_ERROR("syntax_error"),
    /** A LeetCode-style answer that does not define the task's class and method. */
    MISSING_SIGNATURE("missing_signature"),
    /** The reasoning is shorter than {@code synthsmith.solver.min-reasoning-chars}. */
    SHORT_REASONING("short_reasoning"),
    /** The call that should have written this candidate failed for good. */
    LLM_FAILED("llm_failed");

    private final String wire;

    DropReason(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
