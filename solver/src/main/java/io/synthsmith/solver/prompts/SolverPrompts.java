package io.synthsmith.solver.prompts;

import io.synthsmith.llm.ChatMessage;
import io.synthsmith.llm.ChatRequest;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.statements.ProblemText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The five requests the solver makes for a task: candidate solutions, direct test inputs, an input generator, an
 * input validator and a brute-force reference, each from its own prompt file. Each shows the task as
 * {@link ProblemText} renders it (statement and examples). LeetCode-style tasks get answers shaped by their
 * signature; the others read standard input.
 */
public final class SolverPrompts {

    private final PromptTemplates templates;

    public SolverPrompts(PromptTemplates templates) {
        this.templates = templates;
    }

    /** The request for candidate solutions in {@code language} ({@code n} is set by the caller). */
    public ChatRequest candidates(Task task, Language language) {
        Map<String, String> values = taskValues(task);
        values.put("answerContract", answerContract(task, language));
        return ChatRequest.of(templates.render("candidates.system", Map.of()),
                templates.render("candidates.user", values));
    }

    /** The request for {@code count} direct test inputs as a JSON list of strings. */
    public ChatRequest directInputs(Task task, int count) {
        Map<String, String> values = taskValues(task);
        values.put("count", String.valueOf(count));
        return testRequest("direct-inputs.user", task, values);
    }

    /** The request for a Python input generator taking a seed and a size class. */
    public ChatRequest generator(Task task) {
        return testRequest("generator.user", task, taskValues(task));
    }

    /** The request for a Python input validator that exits non-zero on a constraint violation. */
    public ChatRequest validator(Task task) {
        return testRequest("validator.user", task, taskValues(task));
    }

    /**
     * The follow-up to a test-source request whose reply could not be used: the same conversation, the reply, and
     * a user message that repeats the request's first line ({@code # Input generator for: <Title>}) and says why
     * the reply was unusable.
     */
    public ChatRequest testSourceRetry(ChatRequest asked, String answer, String why) {
        List<ChatMessage> messages = new ArrayList<>(asked.messages());
        String taskLine = asked.messages().stream().filter(m -> m.role() == ChatMessage.Role.USER)
                .map(m -> m.content().lines().findFirst().orElse("")).findFirst().orElse("");
        messages.add(ChatMessage.assistant(answer));
        messages.add(ChatMessage.user(templates.render("test-source-retry.user",
                Map.of("taskLine", taskLine, "why", why))));
        return new ChatRequest(messages, asked.samples(), asked.sampling());
    }

    /**
     * The request for a brute-force reference in Python: the simplest obviously-correct solution (exhaustive search,
     * direct simulation, exact arithmetic), with the candidates' input/output contract.
     */
    public ChatRequest bruteForce(Task task) {
        Map<String, String> values = taskValues(task);
        values.put("answerContract", answerContract(task, Language.PYTHON));
        return ChatRequest.of(templates.render("tests.system", Map.of()), templates.render("brute-force.user", values));
    }

    private ChatRequest testRequest(String template, Task task, Map<String, String> values) {
        values.put("inputFormat", inputFormat(task));
        return ChatRequest.of(templates.render("tests.system", Map.of()), templates.render(template, values));
    }

    private Map<String, String> taskValues(Task task) {
        Map<String, String> values = new HashMap<>();
        values.put("title", task.title());
        values.put("statement", ProblemText.render(task));
        return values;
    }

    private String answerContract(Task task, Language language) {
        String lang = language == Language.CPP ? "cpp" : "python";
        if (!isSignatureTask(task)) {
            return templates.render("answer.stdio." + lang, Map.of());
        }
        Task.Signature signature = task.signature();
        List<Task.Signature.Parameter> parameters = signature.parameters();
        return templates.render("answer.leetcode." + lang, Map.of(
                "className", signature.className(),
                "methodName", signature.methodName(),
                "returnType", signature.returnType(),
                "pythonParameters", parameters.stream().map(p -> p.name() + ": " + p.type())
                        .collect(Collectors.joining(", ")),
                "parameterList", parameters.isEmpty() ? "no arguments" : parameters.stream()
                        .map(p -> "`" + p.name() + "` (" + p.type() + ")").collect(Collectors.joining(", "))));
    }

    private String inputFormat(Task task) {
        if (!isSignatureTask(task)) {
            return templates.render("input-format.stdio", Map.of());
        }
        String example = task.samples().isEmpty() ? task.signature().parameters().stream()
                .map(p -> p.name() + " = ...").collect(Collectors.joining(", "))
                : task.samples().get(0).input().strip();
        return templates.render("input-format.leetcode", Map.of("exampleInput", example));
    }

    /** Whether the task is answered with a class and method rather than a program reading standard input. */
    public static boolean isSignatureTask(Task task) {
        return task.style() == Style.LEETCODE && task.signature() != null;
    }
}
