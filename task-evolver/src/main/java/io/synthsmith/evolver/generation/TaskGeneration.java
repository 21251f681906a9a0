package io.synthsmith.evolver.generation;

import io.synthsmith.evolver.diversity.RunDiversity;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.llm.Exchange;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.evolver.tree.TreeSnapshot;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Rejections;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Style;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.ids.Ids;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * Stages 4 and 5 of the method for one generation request: sample a subtree of the run's feature tree, let the LLM
 * select a compatible subset and write an integration strategy (stage 1), then write the statement in a style drawn
 * with the run's weights (stage 2). The task id derives from the request id, and the sample and style are drawn
 * with a random generator seeded from it, so a redelivered request yields the same id and, on the same tree, the
 * same brief.
 */
public final class TaskGeneration {

    public static final String STAGE = "task-evolver";

    private final LlmConversation llm;
    private final PromptBook prompts;
    private final FeatureTreeStore trees;
    private final SubtreeSampler sampler;
    private final FeatureNames names;
    private final int minLeaves;
    private final int minSelected;
    private final int minSamples;
    private final int maxAttempts;
    private final Clock clock;
    private final RunDiversity diversity;

    public TaskGeneration(LlmConversation llm, PromptBook prompts, FeatureTreeStore trees, SubtreeSampler sampler,
            FeatureNames names, int minLeaves, int minSelected, int minSamples, int maxAttempts, Clock clock,
            RunDiversity diversity) {
        this.llm = llm;
        this.prompts = prompts;
        this.trees = trees;
        this.sampler = sampler;
        this.names = names;
        this.minLeaves = minLeaves;
        this.minSelected = minSelected;
        this.minSamples = minSamples;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        this.diversity = diversity;
    }

    /** The id of the task a request makes. */
    public static String taskIdOf(String requestId) {
        return Ids.derive("task", requestId);
    }

    public GenerationOutcome generate(GenerationRequest request) {
        RunConfig run = request.run().withDefaults();
        String treeId = FeatureTreeStore.treeIdOf(run);
        TreeSnapshot tree = trees.snapshot(treeId);
        int treeLeaves = tree.leaves().size();
        if (treeLeaves < minLeaves) {
            tree = trees.load(treeId);
            treeLeaves = tree.leaves().size();
        }
        if (treeLeaves < minLeaves) {
            return decline(request, Rejected.Reason.UNSUPPORTED_TASK, "the feature tree " + treeId + " has "
                    + treeLeaves + " leaves, fewer than the " + minLeaves + " a generation needs; send more "
                    + "seeds to run " + request.runId() + " or lower synthsmith.task-evolver.sampling.min-leaves",
                    Map.of("treeLeaves", treeLeaves));
        }
        Random random = new Random(seedOf(request.id()));
        Integer level = synthLlmLevel(request.document());
        List<FeaturePath> candidates = level != null && level < 3 ? concepts(request.document())
                : sampler.sample(tree, random, level != null).candidates();
        Style style = StylePicker.pick(run.styles(), random);

        Exchange<FeatureSelection> selection = llm.ask("selection",
                prompts.render("select.system", Map.of("minSelected", Integer.toString(minSelected))),
                selectionPrompt(request, level, candidates),
                answer -> FeatureSelection.parse(answer, candidates, minSelected, names), maxAttempts);
        if (selection instanceof Exchange.Unparsable<FeatureSelection> failed) {
            return unparsable(request, "selection", failed);
        }
        var selected = (Exchange.Parsed<FeatureSelection>) selection;

        ForbiddenTerms forbidden = new ForbiddenTerms(prompts.lines("forbidden-terms.txt"));
        Exchange<Statement> statement = llm.ask("statement",
                prompts.render("statement.system", Map.of("minSamples", Integer.toString(minSamples),
                        "styleGuide", prompts.render("style-" + style.wire(),
                                Map.of("sections", StatementSections.promptText(style))),
                        "replyShape", prompts.text(style == Style.LEETCODE ? "reply-leetcode.md" : "reply-stdio.md")
                                .strip())),
                prompts.render("statement.user", Map.of("runId", request.runId(), "style", style.wire(),
                        "features", withUses(selected.value()),
                        "integrationStrategy", selected.value().integrationStrategy())),
                answer -> Statement.parse(answer, style, minSamples, forbidden), maxAttempts);
        if (statement instanceof Exchange.Unparsable<Statement> failed) {
            return unparsable(request, "statement", failed);
        }
        var written = ((Exchange.Parsed<Statement>) statement).value();

        Instant now = clock.instant();
        String taskId = taskIdOf(request.id());
        List<String> featurePaths = selected.value().selected().stream().map(FeaturePath::toString).toList();
        Lineage lineage = request.lineage()
                .withSources(tree.seedsOf(selected.value().selected()), featurePaths)
                .withModel(STAGE, ((Exchange.Parsed<Statement>) statement).model())
                .withCost(selection.cost().plus(statement.cost()))
                .withSynthLlmLevel(level)
                .next(STAGE, request.id(), taskId, now);
        diversity.record(request.runId(), featurePaths, treeLeaves);
        return new GenerationOutcome.Generated(new Task(Task.SCHEMA, request.runId(), taskId, lineage, now,
                request.id(), style, written.title(), written.statement(), featurePaths,
                selected.value().integrationStrategy(), written.samples(), written.signature(), run));
    }

    private GenerationOutcome unparsable(GenerationRequest request, String step, Exchange.Unparsable<?> failed) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("step", step);
        evidence.put("attempts", failed.attempts());
        evidence.put("errors", failed.errors());
        return decline(request, Rejected.Reason.UNPARSABLE_REPLY, "the " + step + " reply could not be used after "
                + failed.attempts() + " attempts: " + failed.lastError(), evidence);
    }

    private GenerationOutcome decline(GenerationRequest request, Rejected.Reason reason, String detail,
            Map<String, Object> evidence) {
        return new GenerationOutcome.Declined(Rejections.of(STAGE, reason, detail, request, evidence, clock.instant()));
    }

    private static String lines(List<FeaturePath> paths) {
        return paths.stream().map(p -> "- " + p).collect(Collectors.joining("\n"));
    }

    /**
     * The SynthLLM level a request is generated at: null without a document; its level when the document carries
     * enough of its own concepts for stage 1 (levels 1 and 2 offer only those); else 3, the walk across documents.
     */
    private Integer synthLlmLevel(GenerationRequest.DocumentSource document) {
        if (document == null) {
            return null;
        }
        boolean enough = concepts(document).size() >= minSelected && (document.level() == 2 || document.text() != null);
        return document.level() < 3 && enough ? document.level() : 3;
    }

    private static List<FeaturePath> concepts(GenerationRequest.DocumentSource document) {
        return document.concepts().stream().map(FeaturePath::parse).distinct().toList();
    }

    private String selectionPrompt(GenerationRequest request, Integer level, List<FeaturePath> candidates) {
        if (level != null && level == 1) {
            return prompts.render("select-document.user", Map.of("runId", request.runId(), "candidates",
                    lines(candidates), "title", request.document().title() == null ? "" : request.document().title(),
                    "text", request.document().text()));
        }
        return prompts.render(level != null && level == 2 ? "select-concepts.user" : "select.user",
                Map.of("runId", request.runId(), "candidates", lines(candidates)));
    }

    /** The selected features, one per line, each with the use stage 1 noted for it. */
    static String withUses(FeatureSelection selection) {
        return selection.selected().stream().map(path -> {
            String use = selection.uses().get(path);
            return "- " + path + (use == null || use.isBlank() ? "" : " (use: " + use.strip() + ")");
        }).collect(Collectors.joining("\n"));
    }

    /** A random seed from an id, the same on every replica and redelivery. */
    public static long seedOf(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
