package io.synthsmith.exporter.rl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.exporter.cost.TaskCosts;
import io.synthsmith.exporter.prompt.PromptWriter;
import io.synthsmith.exporter.sft.SftRecords;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.ChatMessage;
import io.synthsmith.messages.ExportRl;
import io.synthsmith.messages.Language;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.statements.ProblemText;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * The RL record of one accepted task, as verl reads it: the prompt, a rule reward whose {@code ground_truth} is a
 * JSON string with the labelled tests, and {@code extra_info} tracing the task back to its run and seeds, with the
 * candidates' and (when the run has a probe) the probe's pass rates; {@link RlSplit} decides the split.
 *
 * <p>The ground truth keeps verl's keys: {@code inputs} and {@code outputs} (stdin text and expected stdout) for
 * stdin tasks; for LeetCode-style tasks verl's call-based form ({@code fn_name}; each input one JSON value per line
 * per argument, each output the return value as JSON), with the tests as the statement writes them in
 * {@code example_inputs} / {@code example_outputs} and the {@code signature}. It also says the {@code language}
 * of the run's solutions and, where outputs are compared with one, the {@code float_tolerance}.
 */
public final class RlRecords {

    /** The verifier's default tolerance for LeetCode tasks returning floating-point numbers. */
    static final double FLOAT_RETURN_TOLERANCE = 1e-5;

    private static final Pattern FLOAT_TYPE = Pattern.compile("(?i)\\b(float|double)\\b");

    private final PromptWriter prompts;
    private final String dataSourceTemplate;
    private final String ability;
    private final ObjectMapper mapper;
    private final CallForm callForm;
    private final RlSplit split;

    /** RL records split with the default probe thresholds ({@link RlSplit#DEFAULTS}). */
    public RlRecords(PromptWriter prompts, String dataSourceTemplate, String ability, ObjectMapper mapper) {
        this(prompts, dataSourceTemplate, ability, mapper, RlSplit.DEFAULTS);
    }

    public RlRecords(PromptWriter prompts, String dataSourceTemplate, String ability, ObjectMapper mapper,
            RlSplit split) {
        this.split = split;
        this.prompts = prompts;
        this.dataSourceTemplate = dataSourceTemplate;
        this.ability = ability;
        this.mapper = mapper;
        this.callForm = new CallForm(mapper);
    }

    /** The task's RL record; its id derives from the task id. */
    public ExportRl of(Accepted accepted, Instant at) {
        Verified verified = accepted.verified();
        Task task = verified.task();
        Language language = verified.language();
        RunConfig.Export export = task.runConfig().export();
        String id = Ids.derive("rl", task.id());
        Verified.Difficulty difficulty = verified.difficulty();
        Verified.ProbeDifficulty probe = difficulty == null ? null : difficulty.probe();
        List<Verified.LabelledTest> kept = new TestCap(export.maxTestsPerRow(), export.maxGroundTruthBytes())
                .keep(verified.tests());
        String dataSource = export.dataSource() != null ? export.dataSource() : dataSourceTemplate;
        Lineage.Cost cost = TaskCosts.of(accepted);
        Verified.Agreement agreement = verified.agreement();
        Map<String, Integer> testsByOrigin = new TreeMap<>();
        verified.tests().forEach(t -> testsByOrigin.merge(t.origin() == null ? "unknown" : t.origin().wire(), 1,
                Integer::sum));
        return new ExportRl(ExportRl.SCHEMA, accepted.runId(), id,
                TaskCosts.lineageOf(accepted).next(SftRecords.STAGE, accepted.id(), id, at), at,
                dataSource.replace("{runId}", accepted.runId()),
                List.of(ChatMessage.user(prompts.userPrompt(task, language))),
                ability,
                new ExportRl.RewardModel("rule", groundTruth(task, language, kept)),
                new ExportRl.ExtraInfo(task.id(), accepted.runId(), task.style(), task.features(),
                        difficulty == null ? null : difficulty.meanPassRate(),
                        difficulty == null ? null : difficulty.level(),
                        split.of(verified, export.easySplit()),
                        accepted.lineage().seedIds(),
                        language, kept.size(), verified.tests().size(), export.maxTestsPerRow(),
                        export.maxGroundTruthBytes(), ExportRl.TaskCost.of(cost), testsByOrigin,
                        agreement == null ? null : agreement.meanMajorityShare(), RlSplit.decidedBy(verified),
                        probe == null ? null : probe.model(), probe == null ? null : probe.meanPassRate(),
                        probe == null ? null : probe.attempts(), probe == null ? null : probe.solvedAttempts()));
    }

    /** The tests as verl's reward functions read them, in the order the verifier labelled them. */
    String groundTruth(Task task, Language language, List<Verified.LabelledTest> tests) {
        Map<String, Object> truth = new LinkedHashMap<>();
        List<String> inputs = tests.stream().map(Verified.LabelledTest::input).toList();
        List<String> outputs = tests.stream().map(Verified.LabelledTest::output).toList();
        Optional<List<List<String>>> call = ProblemText.isSignatureTask(task)
                ? callBased(task.signature(), tests) : Optional.empty();
        if (call.isPresent()) {
            truth.put("inputs", call.get().get(0));
            truth.put("outputs", call.get().get(1));
            truth.put("fn_name", task.signature().methodName());
        } else {
            truth.put("inputs", inputs);
            truth.put("outputs", outputs);
        }
        truth.put("language", language);
        if (ProblemText.isSignatureTask(task)) {
            truth.put("signature", task.signature());
            truth.put("example_inputs", inputs);
            truth.put("example_outputs", outputs);
            if (task.signature().returnType() != null && FLOAT_TYPE.matcher(task.signature().returnType()).find()) {
                truth.put("float_tolerance", FLOAT_RETURN_TOLERANCE);
            }
        }
        try {
            return mapper.writeValueAsString(truth);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the ground truth of task " + task.id(), e);
        }
    }

    /**
     * verl's call-based inputs and outputs of the tests, or empty when a test's values do not read as literals
     * (then the row keeps the example-format tests without {@code fn_name}, which verl's built-in reward scores 0).
     */
    private Optional<List<List<String>>> callBased(Task.Signature signature, List<Verified.LabelledTest> tests) {
        List<String> parameters = signature.parameters().stream().map(Task.Signature.Parameter::name).toList();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Verified.LabelledTest test : tests) {
            Optional<String> input = callForm.input(test.input(), parameters);
            Optional<String> output = callForm.output(test.output());
            if (input.isEmpty() || output.isEmpty()) {
                return Optional.empty();
            }
            inputs.add(input.get());
            outputs.add(output.get());
        }
        return Optional.of(List.of(inputs, outputs));
    }
}
