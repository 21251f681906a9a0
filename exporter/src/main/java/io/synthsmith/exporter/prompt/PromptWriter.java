package io.synthsmith.exporter.prompt;

import io.synthsmith.messages.Language;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import java.util.stream.Collectors;

/**
 * Wraps a task's statement into the user prompt that SFT and RL records share: the stdio template for
 * Codeforces and AtCoder tasks, the function template, with the method to complete, for LeetCode tasks.
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
        boolean function = task.style() == Style.LEETCODE && task.signature() != null;
        String template = function ? functionTemplate : stdioTemplate;
        return template
                .replace("{statement}", task.statement().strip())
                .replace("{language}", languageName(language))
                .replace("{signature}", function ? signature(task.signature(), language) : "");
    }

    /** The language as a prompt names it. */
    public static String languageName(Language language) {
        return switch (language) {
            case PYTHON -> "Python 3";
            case CPP -> "C++17";
        };
    }

    /** The method to complete, as its language declares it. */
    static String signature(Task.Signature signature, Language language) {
        return switch (language) {
            case PYTHON -> "class " + signature.className() + ":\n    def " + signature.methodName() + "(self"
                    + signature.parameters().stream().map(p -> ", " + p.name() + ": " + p.type())
                            .collect(Collectors.joining())
                    + ") -> " + signature.returnType() + ":";
            case CPP -> "class " + signature.className() + " {\npublic:\n    " + signature.returnType() + " "
                    + signature.methodName() + "("
                    + signature.parameters().stream().map(p -> p.type() + " " + p.name())
                            .collect(Collectors.joining(", "))
                    + ");\n};";
        };
    }
}
