package io.synthsmith.evolver.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.evolver.diversity.RunDiversity;
import io.synthsmith.evolver.documents.SynthLlmLevels;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.testing.ScriptedLlmAndTree;
import io.synthsmith.evolver.sampling.SamplingShape;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Task;
import io.synthsmith.scriptedllm.RecordedRequest;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SynthLLM's three levels for document seeds, through the real LLM client against the scripted server (scripted
 * replies, not a model) and a real feature tree in Infinispan: level 1 shows stage 1 the one document, level 2 offers
 * only the document's own concepts, level 3 samples the whole tree with a walk over the concept graph; each task's
 * lineage records its level, and stage 1's use notes reach the statement prompt.
 */
class SynthLlmLevelsTest {

    private static final String SELECTION = """
            ```json
            {"annotations": [
              {"feature": "data structures / fenwick tree", "use": "count earlier smaller values while scanning"},
              {"feature": "data structures / prefix sums", "use": "answer range totals of the counts"}
            ],
             "selected": ["data structures / fenwick tree", "data structures / prefix sums"],
             "integrationStrategy": "Values arrive one by one; for each, count the earlier smaller values, then answer range totals of those counts."}
            ```""";
    private static final String STATEMENT = """
            ```json
            {"title": "Quiet Counts",
             "statement": "A list of n values arrives one by one. For each value count the earlier values smaller than it, then print the sum of the counts over every range asked.\\n\\nInput\\nThe first line contains n and q (1 <= n, q <= 2*10^5). The second line holds the n values (1 <= a_i <= 10^9). Each of the next q lines holds l and r (1 <= l <= r <= n).\\n\\nOutput\\nPrint one line per range.",
             "samples": [
               {"input": "3 1\\n1 2 3\\n1 3\\n", "output": "3\\n"},
               {"input": "2 1\\n2 1\\n1 2\\n", "output": "0\\n"}
             ]}
            ```""";
    private static final FeaturePath FENWICK = FeaturePath.parse("data structures / fenwick tree");
    private static final FeaturePath PREFIX = FeaturePath.parse("data structures / prefix sums");
    private static final FeaturePath MODULAR = FeaturePath.parse("mathematics / modular arithmetic");

    private ScriptedLlmAndTree real;
    private RunDiversity diversity;

    @BeforeEach
    void start() {
        real = new ScriptedLlmAndTree(Script.of(
                ScriptRule.always(ScriptedResponse.completion(SELECTION)).whenLastUserMessageMatches("^Task: select"),
                ScriptRule.always(ScriptedResponse.completion(STATEMENT))
                        .whenLastUserMessageMatches("^Task: write statement")));
        diversity = new RunDiversity(real.registry);
    }

    @AfterEach
    void stop() {
        real.close();
    }

    @Test
    void eachLevelOffersStageOneWhatItsLevelMeansAndTheTaskRecordsIt() {
        RunConfig run = new RunConfig(RunConfig.SCHEMA, "synthllm-" + System.nanoTime(), "r", Lineage.empty(), null,
                null, null, "run", Map.of("codeforces", 1.0), null, null, null, null, null, null).withDefaults();
        FeatureTreeStore trees = real.trees();
        String treeId = FeatureTreeStore.treeIdOf(run);
        // Document A held the Fenwick tree and prefix sums; document B prefix sums and modular arithmetic.
        trees.merge(treeId, "doc-a").add(List.of(FENWICK, PREFIX)).link(List.of(FENWICK, PREFIX)).commit();
        trees.merge(treeId, "doc-b").add(List.of(PREFIX, MODULAR)).link(List.of(PREFIX, MODULAR)).commit();
        trees.merge(treeId, "code-1").add(List.of(FeaturePath.parse("algorithms / graph / breadth-first search"),
                FeaturePath.parse("data structures / queue"))).commit();
        TaskGeneration generation = new TaskGeneration(real.conversation(), real.prompts, trees,
                new SubtreeSampler(new SamplingShape(1, 1, 1, 1, 1.0, 2, 5, 1, 0, 2)), FeatureNames.standard(), 2, 2, 2, 2, Clock.systemUTC(), diversity);

        Task first = generated(generation, request(run, "level-1", new GenerationRequest.DocumentSource(1,
                "Fenwick trees", "A Fenwick tree keeps prefix sums of an array under point updates.",
                List.of(FENWICK.toString(), PREFIX.toString()))));
        String levelOne = real.server.chatRequests().get(0).lastUserMessage();
        assertThat(levelOne).startsWith("Task: select features (run " + run.runId() + ")\n")
                .contains("A Fenwick tree keeps prefix sums of an array under point updates.")
                .contains("- " + FENWICK).contains("- " + PREFIX).doesNotContain(MODULAR.toString());
        assertThat(first.lineage().synthLlmLevel()).isEqualTo(1);

        Task second = generated(generation, request(run, "level-2", new GenerationRequest.DocumentSource(2,
                "Fenwick trees", null, List.of(FENWICK.toString(), PREFIX.toString()))));
        String levelTwo = real.server.chatRequests().get(2).lastUserMessage();
        assertThat(levelTwo).contains("Recombine these concepts").doesNotContain("point updates")
                .doesNotContain(MODULAR.toString()).doesNotContain("breadth-first search");
        assertThat(second.lineage().synthLlmLevel()).isEqualTo(2);

        // Level 3 samples the whole tree (walking the concept graph: SubtreeSamplerTest), other documents' concepts
        // and code features included.
        int before = real.server.chatRequests().size();
        Task third = generated(generation, request(run, "level-3", new GenerationRequest.DocumentSource(3, null, null,
                List.of())));
        assertThat(real.server.chatRequests().get(before).lastUserMessage()).contains("- " + MODULAR)
                .contains("breadth-first search").doesNotContain("Recombine").doesNotContain("Document:");
        assertThat(third.lineage().synthLlmLevel()).isEqualTo(3);

        // A level-2 request without enough concepts (a redelivered document) is generated at level 3, and says so.
        Task fallback = generated(generation, request(run, "level-2-empty",
                new GenerationRequest.DocumentSource(2, "Fenwick trees", null, List.of())));
        assertThat(fallback.lineage().synthLlmLevel()).isEqualTo(3);

        // A code seed's request has no level.
        assertThat(generated(generation, request(run, "code", null)).lineage().synthLlmLevel()).isNull();

        // Every task counts towards the run's diversity: five tasks, one feature combination, two of five leaves.
        assertThat(diversity.of(run.runId())).hasValueSatisfying(seen -> {
            assertThat(seen.tasks()).isEqualTo(5);
            assertThat(seen.distinctCombinations()).isEqualTo(1);
            assertThat(seen.leafCoverage()).isEqualTo(2.0 / 5);
        });

        // Stage 1's use notes reach the statement prompt.
        List<RecordedRequest> statements = real.server.chatRequests().stream()
                .filter(r -> r.lastUserMessage().startsWith("Task: write statement")).toList();
        assertThat(statements).isNotEmpty().allSatisfy(r -> assertThat(r.lastUserMessage())
                .contains("- " + FENWICK + " (use: count earlier smaller values while scanning)")
                .contains("- " + PREFIX + " (use: answer range totals of the counts)"));
    }

    @Test
    void levelsAreDrawnWithTheConfiguredWeights() {
        SynthLlmLevels levels = new SynthLlmLevels(List.of(0.2, 0.3, 0.5));
        Random random = new Random(1);
        int[] counts = new int[4];
        for (int i = 0; i < 10_000; i++) {
            counts[levels.pick(random)]++;
        }
        assertThat(counts[1]).isBetween(1_850, 2_150);
        assertThat(counts[2]).isBetween(2_800, 3_200);
        assertThat(counts[3]).isBetween(4_800, 5_200);
        SynthLlmLevels onlyTwo = new SynthLlmLevels(List.of(0.0, 1.0, 0.0));
        assertThat(new ArrayList<>(java.util.stream.IntStream.range(0, 100).map(i -> onlyTwo.pick(random)).boxed()
                .toList())).containsOnly(2);
    }

    private static GenerationRequest request(RunConfig run, String name, GenerationRequest.DocumentSource document) {
        Instant now = Instant.now();
        return new GenerationRequest(GenerationRequest.SCHEMA, run.runId(), "request-" + name, Lineage.empty(), now,
                GenerationRequest.Origin.SEED, "seed-" + name, "seed-" + name, 0, run, document);
    }

    private static Task generated(TaskGeneration generation, GenerationRequest request) {
        GenerationOutcome outcome = generation.generate(request);
        assertThat(outcome).as(outcome.toString()).isInstanceOf(GenerationOutcome.Generated.class);
        return ((GenerationOutcome.Generated) outcome).task();
    }
}
