package io.synthsmith.exporter.rl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.exporter.cost.TaskCosts;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.exporter.sft.SolutionSelection;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.ChatMessage;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.ids.Ids;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The RL record of one accepted task, as verl reads it: the prompt, a rule reward whose {@code ground_truth} is a
 * JSON string with the labelled tests ({@code inputs}, {@code outputs}, and for LeetCode-style tasks
 * {@code fn_name} and {@code signature}), and {@code extra_info} tracing the task back to its run and seeds.
 */
public final class RlRecords {

    public static final String SPLIT_MAIN = "main";
    public static final String SPLIT_EASY = "easy";

    private final PromptWriter prompts;
    private final String dataSourceTemplate;
    private final String ability;
    private final ObjectMapper mapper;

    public RlRecords(PromptWriter prompts, String dataSourceTemplate, String ability, ObjectMapper mapper) {
        this.prompts = prompts;
        this.dataSourceTemplate = dataSourceTemplate;
        this.ability = ability;
        this.mapper = mapper;
    }

    /** The task's RL record; its id derives from the task id. */
    public ExportRl of(Accepted accepted, Instant at) {
        Verified verified = accepted.verified();
        Task task = verified.task();
        Language language = verified.language();
        String id = Ids.derive("rl", task.id());
        Verified.Difficulty difficulty = verified.difficulty();
        boolean easy = task.runConfig().export().easySplit() && solvedByEveryCandidate(verified);
        Lineage.Cost cost = TaskCosts.of(accepted);
        Verified.Agreement agreement = verified.agreement();
        Map<String, Integer> testsByOrigin = new TreeMap<>();
        verified.tests().forEach(t -> testsByOrigin.merge(t.origin() == null ? "unknown" : t.origin().wire(), 1,
                Integer::sum));
        return new ExportRl(ExportRl.SCHEMA, accepted.runId(), id,
                TaskCosts.lineageOf(accepted).next(SftRecords.STAGE, accepted.id(), id, at), at,
                dataSourceTemplate.replace("{runId}", accepted.runId()),
                List.of(ChatMessage.user(prompts.userPrompt(task, language))),
                ability,
                new ExportRl.RewardModel("rule", groundTruth(verified)),
                new ExportRl.ExtraInfo(task.id(), accepted.runId(), task.style(), task.features(),
                        difficulty == null ? null : difficulty.meanPassRate(),
                        difficulty == null ? null : difficulty.level(),
                        easy ? SPLIT_EASY : SPLIT_MAIN,
                        accepted.lineage().seedIds(), ExportRl.TaskCost.of(cost), testsByOrigin,
                        agreement == null ? null : agreement.meanMajorityShare()));
    }

    /** Whether every candidate passed every labelled test: such a task teaches an RL policy little. */
    static boolean solvedByEveryCandidate(Verified verified) {
        return !verified.candidates().isEmpty()
                && verified.candidates().stream().allMatch(SolutionSelection::passesEverything);
    }

    /** The tests as verl's reward function reads them, in the order the verifier labelled them. */
    String groundTruth(Verified verified) {
        Map<String, Object> truth = new LinkedHashMap<>();
        truth.put("inputs", verified.tests().stream().map(Verified.LabelledTest::input).toList());
        truth.put("outputs", verified.tests().stream().map(Verified.LabelledTest::output).toList());
        Task task = verified.task();
        if (task.style() == Style.LEETCODE && task.signature() != null) {
            truth.put("fn_name", task.signature().methodName());
            truth.put("signature", task.signature());
        }
        try {
            return mapper.writeValueAsString(truth);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the ground truth of task " + task.id(), e);
        }
    }
}
