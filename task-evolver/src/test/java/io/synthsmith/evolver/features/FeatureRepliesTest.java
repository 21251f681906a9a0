package io.synthsmith.evolver.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.evolver.evolution.EvolvedFeatures;
import io.synthsmith.evolver.evolution.FeatureEvolution;
import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.reply.ReplyJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feature replies in the shapes real models give them: descriptions next to names, slashes inside names. */
class FeatureRepliesTest {

    private final FeatureNames names = FeatureNames.standard();
    private final FeatureTreeReader reader = new FeatureTreeReader(names, 5);

    @Test
    void aSlashInsideANameIsKeptAndOnlySpacedSlashesSeparateSegments() {
        assertThat(names.canonical("0/1 Knapsack")).isEqualTo("0/1 knapsack");
        assertThat(names.canonical("0 / 1 knapsack")).isEqualTo("0 1 knapsack");
        assertThat(FeaturePath.parse("algorithmic paradigm / dynamic programming / 0/1 knapsack").segments())
                .containsExactly("algorithmic paradigm", "dynamic programming", "0/1 knapsack");
        assertThat(FeaturePath.parse("algorithms/graph/bfs").segments()).containsExactly("algorithms", "graph", "bfs");
        FeaturePath stored = FeaturePath.of("algorithmic paradigm", "dynamic programming", "0/1 knapsack");
        assertThat(FeaturePath.parse(stored.toString())).isEqualTo(stored);
    }

    @Test
    void descriptionStringsAndNameObjectsDoNotBecomeNodes() {
        // GPT-4o style: every feature carries a description, in three different shapes.
        String reply = """
                Here is the feature tree of the seed:
                ```json
                {
                  "features": {
                    "algorithmic paradigm": {
                      "dynamic programming": {
                        "description": "Builds the answer from the best values of smaller capacities.",
                        "children": ["0/1 knapsack"]
                      }
                    },
                    "data structures": [
                      {"name": "Array", "description": "Stores the item weights and values"}
                    ],
                    "algorithms": {
                      "sorting": "orders the items by weight before the sweep"
                    }
                  }
                }
                ```
                """;

        ExtractedFeatures features = reader.read(ReplyJson.extractObject(reply, "features").orThrow(), "features");

        assertThat(features.paths()).extracting(FeaturePath::toString).containsExactlyInAnyOrder(
                "algorithmic paradigm / dynamic programming", "algorithmic paradigm / dynamic programming / 0/1 knapsack",
                "data structures / array", "algorithms / sorting");
    }

    @Test
    void anEvolutionEntryWithTooFewSiblingsIsLeftOutAndTheOthersAreKept() {
        FeatureEvolution evolution = new FeatureEvolution(null, new PromptBook("v1"), names, 2, 5, 1);
        List<FeaturePath> subtree = List.of(FeaturePath.parse("algorithms / sorting / quick sort"),
                FeaturePath.parse("algorithmic paradigm / dynamic programming / 0/1 knapsack"));
        // Qwen3 style: one node got a single sibling, another gives objects with descriptions.
        String reply = """
                {"evolved": [
                  {"path": "algorithms / sorting / quick sort", "siblings": ["merge sort"], "children": []},
                  {"path": "algorithmic paradigm / dynamic programming / 0/1 knapsack",
                   "siblings": [{"name": "unbounded knapsack", "description": "items may repeat"},
                                {"name": "bounded knapsack", "description": "each item has a count"}],
                   "children": ["knapsack with item groups"]}
                ]}""";

        EvolvedFeatures evolved = evolution.parse(reply, subtree, p -> false);

        assertThat(evolved.added()).extracting(FeaturePath::toString).containsExactly(
                "algorithmic paradigm / dynamic programming / unbounded knapsack",
                "algorithmic paradigm / dynamic programming / bounded knapsack",
                "algorithmic paradigm / dynamic programming / 0/1 knapsack / knapsack with item groups");
        assertThat(evolved.rejected()).containsEntry("short_sibling_list", 1);
    }
}
