package io.synthsmith.solver.candidates;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.reply.CodeBlockExtraction;
import io.synthsmith.llm.reply.ReplyCode;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.solver.prompts.SolverPrompts;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether one sampled answer is a usable candidate. The checks run in a fixed order and the first that
 * fails names the drop reason: truncated, then exactly one complete non-empty code block, then its language tag,
 * then (LeetCode style) the task's class and method, then the length of the reasoning when a run asks for a
 * minimum (off by default; never for endpoints whose reasoning is hidden). A kept candidate records its reasoning
 * length and whether its reasoning was hidden.
 */
public final class CandidateScreen {

    private static final Set<String> PYTHON_TAGS = Set.of("python", "python3", "py", "py3");
    private static final Set<String> CPP_TAGS = Set.of("cpp", "c++", "cc", "cxx", "c++17", "c++20");

    private final int minReasoningChars;

    /** @param minReasoningChars the shortest reasoning kept, in characters (0: no gate, the default) */
    public CandidateScreen(int minReasoningChars) {
        if (minReasoningChars < 0) {
            throw new IllegalArgumentException("synthsmith.solver.min-reasoning-chars must be 0 or more, got "
                    + minReasoningChars);
        }
        this.minReasoningChars = minReasoningChars;
    }

    /** Screens {@code choice}, written by {@code model} for {@code task}, into a candidate with {@code id}. */
    public Screening screen(ChatChoice choice, Task task, Language language, String model, String id,
            Candidate.TokenUsage usage) {
        return screen(choice, task, language, model, id, usage, true);
    }

    /**
     * Screens {@code choice}; the reasoning-length gate (when one is set) applies only when
     * {@code endpointReturnsReasoning} and the choice's reasoning is not hidden.
     */
    public Screening screen(ChatChoice choice, Task task, Language language, String model, String id,
            Candidate.TokenUsage usage, boolean endpointReturnsReasoning) {
        if (choice.truncated()) {
            return new Screening.Dropped(DropReason.TRUNCATED, "finish_reason is length: the answer was cut");
        }
        String code;
        switch (ReplyCode.singleBlock(choice.answer())) {
            case CodeBlockExtraction.None none -> {
                return new Screening.Dropped(DropReason.NO_CODE_BLOCK, none.describe());
            }
            case CodeBlockExtraction.Several several -> {
                return new Screening.Dropped(DropReason.SEVERAL_CODE_BLOCKS, several.describe());
            }
            case CodeBlockExtraction.Unterminated open -> {
                return new Screening.Dropped(DropReason.UNTERMINATED_CODE_BLOCK, open.describe());
            }
            case CodeBlockExtraction.Found found -> {
                if (found.code().isBlank()) {
                    return new Screening.Dropped(DropReason.EMPTY_CODE_BLOCK, "the code block at line "
                            + found.line() + " is empty");
                }
                if (!tagFits(found.language(), language)) {
                    return new Screening.Dropped(DropReason.WRONG_LANGUAGE, "the code block is tagged '"
                            + found.language() + "' but the run asks for " + language.wire());
                }
                code = found.code();
            }
        }
        if (SolverPrompts.isSignatureTask(task) && !definesSignature(code, task.signature(), language)) {
            return new Screening.Dropped(DropReason.MISSING_SIGNATURE, "the code does not define class "
                    + task.signature().className() + " with method " + task.signature().methodName());
        }
        boolean gated = minReasoningChars > 0 && endpointReturnsReasoning && !choice.reasoningHidden();
        if (gated && choice.reasoning().length() < minReasoningChars) {
            return new Screening.Dropped(DropReason.SHORT_REASONING, "the reasoning has "
                    + choice.reasoning().length() + " characters, fewer than the " + minReasoningChars + " required");
        }
        return new Screening.Kept(new Candidate(id, model, language, choice.reasoning(), choice.answer(), code,
                choice.finishReason().name().toLowerCase(Locale.ROOT), usage, choice.reasoning().length(),
                choice.reasoningHidden() ? Boolean.TRUE : null));
    }

    private static boolean tagFits(String tag, Language language) {
        String normalized = tag.strip().toLowerCase(Locale.ROOT);
        if (normalized.isEmpty()) {
            return true;
        }
        return language == Language.CPP ? CPP_TAGS.contains(normalized) : PYTHON_TAGS.contains(normalized);
    }

    private static boolean definesSignature(String code, Task.Signature signature, Language language) {
        Pattern type = Pattern.compile("(?m)^\\s*(?:struct|class)\\s+" + Pattern.quote(signature.className()) + "\\b");
        Pattern method = language == Language.CPP
                ? Pattern.compile("\\b" + Pattern.quote(signature.methodName()) + "\\s*\\(")
                : Pattern.compile("(?m)^\\s+def\\s+" + Pattern.quote(signature.methodName()) + "\\s*\\(\\s*self\\b");
        return type.matcher(code).find() && method.matcher(code).find();
    }
}
