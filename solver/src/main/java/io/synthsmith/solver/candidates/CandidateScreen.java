package io.synthsmith.solver.candidates;

import io.synthsmith.llm.ChatChoice;
import io.synthsmith.llm.reply.CodeBlockExtraction;
import io.synthsmith.llm.reply.CodeLanguage;
import io.synthsmith.llm.reply.ReplyCode;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.solver.prompts.SolverPrompts;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether one sampled answer is a usable candidate. The checks run in a fixed order and the first that
 * fails names the drop reason: truncated, then a complete non-empty code block in the run's language (the last one
 * when there are several; other languages' and text blocks are ignored, see {@link ReplyCode}), then (Python) that it
 * compiles, then (LeetCode style) the task's class and method, then the length of the reasoning when a run asks for a
 * minimum (off by default; never for endpoints whose reasoning is hidden). C++ is compiled at the verifier. A kept
 * candidate records its reasoning length and whether its reasoning was hidden.
 */
public final class CandidateScreen {

    private final int minReasoningChars;
    private final PythonSyntax pythonSyntax;

    /** @param minReasoningChars the shortest reasoning kept, in characters (0: no gate, the default) */
    public CandidateScreen(int minReasoningChars) {
        this(minReasoningChars, PythonSyntax.disabled());
    }

    /**
     * @param minReasoningChars the shortest reasoning kept, in characters (0 keeps answers without reasoning)
     * @param pythonSyntax      the syntax check of Python code
     */
    public CandidateScreen(int minReasoningChars, PythonSyntax pythonSyntax) {
        this.pythonSyntax = pythonSyntax;
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
        switch (ReplyCode.lastBlock(choice.answer(), codeLanguage(language))) {
            case CodeBlockExtraction.None none -> {
                return new Screening.Dropped(DropReason.NO_CODE_BLOCK, none.describe());
            }
            case CodeBlockExtraction.OtherLanguages other -> {
                return new Screening.Dropped(DropReason.WRONG_LANGUAGE, other.describe());
            }
            case CodeBlockExtraction.Unterminated open -> {
                return new Screening.Dropped(DropReason.UNTERMINATED_CODE_BLOCK, open.describe());
            }
            case CodeBlockExtraction.Found found -> {
                if (found.code().isBlank()) {
                    return new Screening.Dropped(DropReason.EMPTY_CODE_BLOCK, "the code block at line "
                            + found.line() + " is empty");
                }
                code = found.code();
            }
        }
        if (language == Language.PYTHON) {
            Optional<String> error = pythonSyntax.error(code);
            if (error.isPresent()) {
                return new Screening.Dropped(DropReason.SYNTAX_ERROR, "the Python code does not compile: "
                        + error.get());
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

    /** The code language of a run's language. */
    public static CodeLanguage codeLanguage(Language language) {
        return language == Language.CPP ? CodeLanguage.CPP : CodeLanguage.PYTHON;
    }

    private static boolean definesSignature(String code, Task.Signature signature, Language language) {
        Pattern type = Pattern.compile("(?m)^\\s*(?:struct|class)\\s+" + Pattern.quote(signature.className()) + "\\b");
        Pattern method = language == Language.CPP
                ? Pattern.compile("\\b" + Pattern.quote(signature.methodName()) + "\\s*\\(")
                : Pattern.compile("(?m)^\\s+def\\s+" + Pattern.quote(signature.methodName()) + "\\s*\\(\\s*self\\b");
        return type.matcher(code).find() && method.matcher(code).find();
    }
}
