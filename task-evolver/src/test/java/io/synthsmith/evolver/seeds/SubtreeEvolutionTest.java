package io.synthsmith.evolver.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.evolver.documents.SynthLlmLevels;
import io.synthsmith.evolver.evolution.FeatureEvolution;
import io.synthsmith.evolver.evolution.FeatureExtraction;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.features.FeatureTreeReader;
import io.synthsmith.evolver.llm.LlmConversation;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.evolver.testing.ScriptedLlmAndTree;
import io.synthsmith.evolver.sampling.SamplingShape;
import io.synthsmith.evolver.sampling.SubtreeSampler;
import io.synthsmith.evolver.tree.FeatureTreeStore;
import io.synthsmith.evolver.tree.TreeSnapshot;
import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.RunConfig;
import io.synthsmith.messages.Seed;
import io.synthsmith.scriptedllm.Script;
import io.synthsmith.scriptedllm.ScriptRule;
import io.synthsmith.scriptedllm.ScriptedResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An evolution round grows a subtree of the whole tree beside the seed's own features, through the real LLM client
 * against the scripted server (scripted replies, not a model) and a real tree in Infinispan: a graph seed arriving
 * in a tree that also holds mathematics sees a mathematics branch evolved, and what grows there is merged. A
 * document seed's requests carry the SynthLLM level they drew, with its concepts for levels 1 and 2.
 */
class SubtreeEvolutionTest {

    private static final String FEATURES = """
            ```json
            {"features": {"algorithms": {"graph": ["breadth-first search"]}}}
            ```""";
    private static final String CONCEPTS = """
            ```json
            {"concepts": {"data structures": {"prefix sums": {}, "fenwick tree": {}}}}
            ```""";
    private static final String EVOLVED = """
            ```json
            {"evolved": [
              {"path": "mathematics / number theory", "siblings": ["combinatorics", "game theory"], "children": ["totient function"]},
              {"path": "algorithms / graph", "siblings": ["greedy", "divide and conquer"], "children": []}
            ]}
            ```""";

    private ScriptedLlmAndTree real;

    @BeforeEach
    void start() {
        real = new ScriptedLlmAndTree(Script.of(
                ScriptRule.always(ScriptedResponse.completion(FEATURES)).whenLastUserMessageMatches("^Task: extract features"),
                ScriptRule.always(ScriptedResponse.completion(CONCEPTS)).whenLastUserMessageMatches("^Task: extract concepts"),
                ScriptRule.always(ScriptedResponse.completion(EVOLVED)).whenLastUserMessageMatches("^Task: evolve")));
    }

    @AfterEach
    void stop() {
        real.close();
    }

    @Test
    void aRoundGrowsASubtreeOfTheWholeTreeBesideTheSeedsOwn() {
        RunConfig run = new RunConfig(RunConfig.SCHEMA, "evolve-" + System.nanoTime(), "r", Lineage.empty(), null, 2,
                1, "run", null, null, null, null, null, null, null).withDefaults();
        FeatureTreeStore trees = real.trees();
        String treeId = FeatureTreeStore.treeIdOf(run);
        trees.merge(treeId, "earlier-seed")
                .add(List.of(FeaturePath.parse("mathematics / number theory / modular inverse"))).commit();

        SeedOutcome outcome = intake(trees, 1).take(seed(run, "graph-seed",
                new Seed.Code("from collections import deque", "python", "Shortest path in a grid.")), run);

        assertThat(outcome).isInstanceOf(SeedOutcome.Merged.class);
        String prompt = real.server.chatRequests().stream().map(r -> r.lastUserMessage())
                .filter(m -> m.startsWith("Task: evolve features")).findFirst().orElseThrow();
        // The seed's own branch, and the branch of the tree it never held: branching 2 takes both categories.
        assertThat(prompt).contains("algorithms / graph").contains("mathematics / number theory");
        TreeSnapshot tree = trees.load(treeId);
        assertThat(tree.contains(FeaturePath.parse("mathematics / number theory / totient function"))).isTrue();
        assertThat(tree.contains(FeaturePath.parse("mathematics / combinatorics"))).isTrue();
        assertThat(tree.contains(FeaturePath.parse("algorithms / greedy"))).isTrue();
        assertThat(((SeedOutcome.Merged) outcome).evolved()).isEqualTo(5);

        // With tree-subtrees 0, only the seed's own features are evolved.
        int before = real.server.chatRequests().size();
        intake(trees, 0).take(seed(run, "graph-seed-2",
                new Seed.Code("from collections import deque", "python", "Another grid.")), run);
        String own = real.server.chatRequests().subList(before, real.server.chatRequests().size()).stream()
                .map(r -> r.lastUserMessage()).filter(m -> m.startsWith("Task: evolve features")).findFirst()
                .orElseThrow();
        assertThat(own.substring(own.indexOf("Subtree to evolve:"), own.indexOf("Already known")))
                .doesNotContain("mathematics");
    }

    @Test
    void aDocumentSeedsRequestsCarryTheirLevelAndForLevelsOneAndTwoTheDocument() {
        RunConfig run = new RunConfig(RunConfig.SCHEMA, "levels-" + System.nanoTime(), "r", Lineage.empty(), null, 40,
                0, "run", null, null, null, null, null, null, null).withDefaults();
        FeatureTreeStore trees = real.trees();
        SeedOutcome outcome = intake(trees, 1).take(seed(run, "doc",
                new Seed.Document("Fenwick trees", "A Fenwick tree keeps prefix sums under updates.", null)), run);

        List<GenerationRequest> requests = ((SeedOutcome.Merged) outcome).requests();
        assertThat(requests).hasSize(40).allSatisfy(request -> {
            GenerationRequest.DocumentSource document = request.document();
            assertThat(document).isNotNull();
            switch (document.level()) {
                case 1 -> assertThat(document.text()).contains("Fenwick tree keeps prefix sums");
                case 2 -> assertThat(document.text()).isNull();
                default -> assertThat(document.concepts()).isEmpty();
            }
            if (document.level() < 3) {
                assertThat(document.concepts()).containsExactlyInAnyOrder("data structures / prefix sums",
                        "data structures / fenwick tree");
            }
        });
        assertThat(requests.stream().map(r -> r.document().level()).distinct()).containsExactlyInAnyOrder(1, 2, 3);
        // A redelivered document draws the same levels for the same request ids.
        SeedOutcome again = intake(trees, 1).take(seed(run, "doc",
                new Seed.Document("Fenwick trees", "A Fenwick tree keeps prefix sums under updates.", null)), run);
        assertThat(((SeedOutcome.Merged) again).requests().stream().map(r -> r.document().level()).toList())
                .isEqualTo(requests.stream().map(r -> r.document().level()).toList());
    }

    private SeedIntake intake(FeatureTreeStore trees, int treeSubtrees) {
        PromptBook prompts = real.prompts;
        LlmConversation llm = real.conversation();
        FeatureNames names = FeatureNames.standard();
        return new SeedIntake(new FeatureExtraction(llm, prompts, new FeatureTreeReader(names, 5), 5, 24, 2),
                new FeatureEvolution(llm, prompts, names, 2, 5, 2), trees,
                new SubtreeSampler(new SamplingShape(3, 3, 3, 8, 2.0, 4, 50, 8, 0.5, 3)), List.of(2, 1, 2, 1),
                treeSubtrees, new SynthLlmLevels(List.of(0.25, 0.25, 0.5)), 60_000, Clock.systemUTC(), real.registry);
    }

    private static Seed seed(RunConfig run, String id, Seed.Content content) {
        return new Seed(Seed.SCHEMA, run.runId(), id, null, Instant.now(), content);
    }
}
