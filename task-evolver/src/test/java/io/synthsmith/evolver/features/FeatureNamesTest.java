package io.synthsmith.evolver.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.llm.reply.ReplyFormatException;
import org.junit.jupiter.api.Test;

class FeatureNamesTest {

    private final FeatureNames names = FeatureNames.standard();
    private final FeatureTreeReader reader = new FeatureTreeReader(names, 4);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theSameFeatureWrittenInDifferentWaysIsOneName() {
        assertThat(names.canonical("BFS")).isEqualTo("breadth-first search");
        assertThat(names.canonical("Breadth First Search")).isEqualTo("breadth-first search");
        assertThat(names.canonical("  breadth-first   search ")).isEqualTo("breadth-first search");
        assertThat(names.canonical("Dijkstra's algorithm")).isEqualTo("dijkstra algorithm");
        assertThat(names.canonical("Union-Find")).isEqualTo("disjoint set union");
        assertThat(names.canonical("Prefix_Sum")).isEqualTo("prefix sums");
        assertThat(names.canonical("Segment Tree (lazy propagation)")).isEqualTo("segment tree lazy propagation");
    }

    @Test
    void categoryNamesMapOntoTheMethodsCategories() {
        assertThat(names.category("Math")).hasValue("mathematics");
        assertThat(names.category("Data Structures")).hasValue("data structures");
        assertThat(names.category("problem solving strategies")).hasValue("problem-solving strategies");
        assertThat(names.category("Software engineering")).isEmpty();
    }

    @Test
    void programmingLanguageFeaturesAreRecognisedWithoutCatchingMathematicalNames() {
        assertThat(names.isLanguageFeature(names.canonical("List Comprehension"))).isTrue();
        assertThat(names.isLanguageFeature(names.canonical("C++ STL sort"))).isTrue();
        assertThat(names.isLanguageFeature(names.canonical("std::priority_queue"))).isTrue();
        assertThat(names.isLanguageFeature(names.canonical("generating functions"))).isFalse();
        assertThat(names.isLanguageFeature(names.canonical("equivalence classes"))).isFalse();
        assertThat(names.isLanguageFeature(names.canonical("random variables"))).isFalse();
    }

    @Test
    void everyNodeShapeOfAnExtractionIsReadAndLanguageFeaturesAreDroppedWithTheirSubtrees() throws Exception {
        ExtractedFeatures features = reader.read(json.readTree("""
                {"features": {
                  "Algorithms": {"Graph": ["BFS", {"Shortest paths": ["Dijkstra"]}], "sorting": "merge sort"},
                  "Math": {},
                  "coding techniques": {"list comprehension": {"nested": {}}, "bit manipulation": null},
                  "Python": {"decorators": {}},
                  "web development": ["REST"],
                  "data structures": {"a": {"b": {"c": {"too deep": {}}}}}
                }}"""), "features");

        assertThat(features.paths()).extracting(FeaturePath::toString).containsExactlyInAnyOrder(
                "algorithms / graph", "algorithms / graph / breadth-first search",
                "algorithms / graph / shortest paths", "algorithms / graph / shortest paths / dijkstra algorithm",
                "algorithms / sorting", "algorithms / sorting / merge sort",
                "coding techniques / bit manipulation",
                "data structures / a", "data structures / a / b", "data structures / a / b / c");
        assertThat(features.leaves()).extracting(FeaturePath::toString).containsExactlyInAnyOrder(
                "algorithms / graph / breadth-first search",
                "algorithms / graph / shortest paths / dijkstra algorithm", "algorithms / sorting / merge sort",
                "coding techniques / bit manipulation", "data structures / a / b / c");
        assertThat(features.dropped()).containsEntry("language_feature", 4).containsEntry("unknown_category", 2)
                .containsEntry("too_deep", 1);
    }

    @Test
    void aReplyWithoutTheTreeIsMalformedWithTheReason() throws Exception {
        assertThatThrownBy(() -> reader.read(json.readTree("{\"feature\": {}}"), "features"))
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("no \"features\" field");
        assertThatThrownBy(() -> reader.read(json.readTree("{\"features\": [\"bfs\"]}"), "features"))
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("got array");
    }
}
