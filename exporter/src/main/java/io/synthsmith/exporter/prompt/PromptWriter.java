package io.synthsmith.exporter.prompt;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Task;
import io.synthsmith.statements.ProblemText;

/**
 * Wraps a task, rendered as a contest shows it ({@link ProblemText}: statement and examples), into the user prompt
 * that SFT and RL records share: the stdio template for Codeforces and AtCoder tasks, the function template, with
 * the method to complete, for LeetCode tasks.
 */
public final class PromptWriter {

    private final String stdioTemplate;
    private final String functionTemplate;

    public PromptWriter(String stdioTemplate, String functionTemplate) {
        this.stdioTemplate = stdioTemplate;
        this.functionTemplate = functionTemplate;
    }

    /** The user prompt for {@code task} when solved in {@code language}. */
    public String userPrompt(Task task, Language language) {
        String stub = ProblemText.stub(task, language).map(code -> ProblemText.fenced(code, language)).orElse(null);
        String template = stub != null ? functionTemplate : stdioTemplate;
        return template
                .replace("{statement}", ProblemText.render(task))
                .replace("{language}", languageName(language))
                .replace("{signature}", stub == null ? "" : stub);
    }

    /** The language as a prompt names it. */
    public static String languageName(Language language) {
        return switch (language) {
            case PYTHON -> "Python 3";
            case CPP -> "C++17";
        };
    }
}
