package io.synthsmith.exporter.sft;

import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.cost.TaskCosts;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.Candidate;
import io.synthsmith.messages.ChatMessage;
import io.synthsmith.messages.ExportSft;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.ids.Ids;
import java.time.Instant;
import java.util.List;

/**
 * The SFT samples of one accepted task: the user prompt, and the assistant answer made of the candidate's long
 * reasoning (in {@code <think>} tags when the run asks for them) and its final answer with the code. Chat
 * {@code messages} or {@code query}/{@code response}, as the run's configuration says.
 */
public final class SftRecords {

    public static final String STAGE = "exporter";

    private final PromptWriter prompts;

    public SftRecords(PromptWriter prompts) {
        this.prompts = prompts;
    }

    /** One sample per chosen candidate; the id derives from the task and the candidate. */
    public List<ExportSft> of(Accepted accepted, Instant at) {
        Verified verified = accepted.verified();
        Task task = verified.task();
        RunConfig.Export export = task.runConfig().export();
        return SolutionSelection.choose(verified, export).stream()
                .map(chosen -> sample(accepted, chosen, export, at))
                .toList();
    }

    private ExportSft sample(Accepted accepted, SolutionSelection.Chosen chosen, RunConfig.Export export,
            Instant at) {
        Verified verified = accepted.verified();
        Task task = verified.task();
        Candidate candidate = chosen.candidate();
        String id = Ids.derive("sft", task.id(), candidate.id());
        String query = prompts.userPrompt(task, candidate.language());
        String response = response(candidate, export.thinkTags());
        boolean messages = ExportSft.FORMAT_MESSAGES.equals(export.sftFormat());
        return new ExportSft(ExportSft.SCHEMA, accepted.runId(), id,
                TaskCosts.lineageOf(accepted).next(STAGE, accepted.id(), id, at), at,
                task.id(), candidate.id(), chosen.golden(),
                messages ? ExportSft.FORMAT_MESSAGES : ExportSft.FORMAT_QUERY_RESPONSE,
                messages ? List.of(ChatMessage.user(query), ChatMessage.assistant(response)) : null,
                messages ? null : query,
                messages ? null : response,
                task.style(), candidate.language(), candidate.reasoningChars() != null ? candidate.reasoningChars()
                        : candidate.reasoning() == null ? null : candidate.reasoning().length(),
                Boolean.TRUE.equals(candidate.reasoningHidden()));
    }

    /**
     * The assistant's answer: reasoning, then the final answer. The final answer keeps its code block; when the
     * model's answer text lacks the extracted code, the code is appended in a fenced block.
     */
    static String response(Candidate candidate, boolean thinkTags) {
        String answer = candidate.answer() == null ? "" : candidate.answer().strip();
        String code = candidate.code().strip();
        if (!answer.contains(code)) {
            answer = (answer.isEmpty() ? "" : answer + "\n\n") + "```" + candidate.language().wire() + "\n" + code
                    + "\n```";
        }
        String reasoning = candidate.reasoning() == null ? "" : candidate.reasoning().strip();
        if (reasoning.isEmpty()) {
            return answer;
        }
        return thinkTags ? "<think>\n" + reasoning + "\n</think>\n\n" + answer : reasoning + "\n\n" + answer;
    }
}
