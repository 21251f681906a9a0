package io.synthsmith.evolver.prompts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.evolver.evolution.EvolvedFeatures;
import io.synthsmith.evolver.evolution.FeatureEvolution;
import io.synthsmith.evolver.features.ExtractedFeatures;
import io.synthsmith.evolver.features.FeatureNames;
import io.synthsmith.evolver.features.FeaturePath;
import io.synthsmith.evolver.features.FeatureTreeReader;
import io.synthsmith.evolver.generation.FeatureSelection;
import io.synthsmith.evolver.generation.ForbiddenTerms;
import io.synthsmith.evolver.generation.Statement;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.llm.reply.ReplyJson;
import io.synthsmith.messages.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contracts of the prompts: each template uses exactly the variables the code fills, starts its user prompt with
 * a task line, and every reply shape a prompt shows parses with the parser that reads that reply; malformed replies
 * are refused with a reason that says what to fix.
 */
class PromptContractsTest {

    private final PromptBook prompts = new PromptBook("v1");
    private final FeatureNames names = FeatureNames.standard();
    private final ForbiddenTerms forbidden = new ForbiddenTerms(prompts.lines("forbidden-terms.txt"));

    @Test
    void everyTemplateUsesExactlyTheVariablesTheCodeFills() {
        assertThat(prompts.variables("extract-features.system")).containsExactlyInAnyOrder("categories", "maxDepth");
        assertThat(prompts.variables("extract-features.user"))
                .containsExactlyInAnyOrder("runId", "language", "problem", "code");
        assertThat(prompts.variables("extract-concepts.system"))
                .containsExactlyInAnyOrder("categories", "maxDepth", "maxConcepts");
        assertThat(prompts.variables("extract-concepts.user")).containsExactlyInAnyOrder("runId", "title", "text");
        assertThat(prompts.variables("evolve.system")).containsExactly("minSiblings");
        assertThat(prompts.variables("evolve.user")).containsExactlyInAnyOrder("runId", "subtree", "known");
        assertThat(prompts.variables("select.system")).containsExactly("minSelected");
        assertThat(prompts.variables("select.user")).containsExactlyInAnyOrder("runId", "candidates");
        assertThat(prompts.variables("select-concepts.user")).containsExactlyInAnyOrder("runId", "candidates");
        assertThat(prompts.variables("select-document.user"))
                .containsExactlyInAnyOrder("runId", "candidates", "title", "text");
        assertThat(prompts.variables("statement.system"))
                .containsExactlyInAnyOrder("minSamples", "styleGuide", "replyShape");
        assertThat(prompts.variables("statement.user"))
                .containsExactlyInAnyOrder("runId", "style", "features", "integrationStrategy");
        assertThat(prompts.variables("retry.user")).containsExactlyInAnyOrder("taskLine", "error");
        for (String style : List.of("style-codeforces", "style-atcoder", "style-leetcode")) {
            assertThat(prompts.variables(style)).as(style).containsExactly("sections");
        }
        for (String user : List.of("extract-features.user", "extract-concepts.user", "evolve.user", "select.user",
                "statement.user")) {
            assertThat(prompts.text(user + ".md")).as(user).startsWith("Task: ");
        }
        // Every selection prompt keeps the task line the replay scripts match on (^Task: select features \(run R\)).
        for (String select : List.of("select.user", "select-concepts.user", "select-document.user")) {
            assertThat(prompts.text(select + ".md")).as(select).startsWith("Task: select features (run {{runId}})\n");
        }
        assertThatThrownBy(() -> prompts.render("select.user", Map.of("runId", "r")))
                .hasMessageContaining("missing values for [candidates]");
        assertThatThrownBy(() -> prompts.render("select.user", Map.of("runId", "r", "candidates", "", "extra", "")))
                .hasMessageContaining("does not use: [extra]");
    }

    @Test
    void theExtractionShapesThePromptsShowParse() {
        FeatureTreeReader reader = new FeatureTreeReader(names, 5);
        ExtractedFeatures features = reader.read(example("extract-features.system.md"), "features");
        assertThat(features.paths()).extracting(FeaturePath::toString)
                .contains("algorithms / graph / breadth-first search", "data structures / queue");
        ExtractedFeatures concepts = reader.read(example("extract-concepts.system.md"), "concepts");
        assertThat(concepts.leaves()).extracting(FeaturePath::toString)
                .contains("data structures / prefix sums / difference array", "data structures / fenwick tree");
    }

    @Test
    void theEvolutionShapeParsesAndFeaturesAlreadyPresentAreTurnedDown() {
        FeatureEvolution evolution = new FeatureEvolution(null, prompts, names, 2, 5, 1);
        List<FeaturePath> subtree = List.of(FeaturePath.parse("algorithms / sorting / quick sort"),
                FeaturePath.parse("data structures / prefix sums"));
        Set<FeaturePath> known = Set.of(FeaturePath.parse("data structures / sparse table"));
        EvolvedFeatures evolved = evolution.parse(prompts.text("evolve.system.md"), subtree, known::contains);
        assertThat(evolved.added()).extracting(FeaturePath::toString).containsExactly(
                "algorithms / sorting / merge sort", "algorithms / sorting / counting sort",
                "algorithms / sorting / quick sort / three-way partitioning", "data structures / sqrt decomposition");
        assertThat(evolved.rejected()).containsEntry("already_present", 1);

        assertThatThrownBy(() -> evolution.parse("""
                {"evolved": [{"path": "data structures / prefix sums", "siblings": ["sparse table"]}]}""",
                subtree, p -> false))
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("at least 2 are required");
        assertThatThrownBy(() -> evolution.parse("""
                {"evolved": [{"path": "graphs / trees", "siblings": ["a", "b"]}]}""", subtree, p -> false))
                .hasMessageContaining("copy the paths exactly as given");
        assertThatThrownBy(() -> evolution.parse("{\"evolved\": {}}", subtree, p -> false))
                .hasMessageContaining("expected an array under \"evolved\"");
    }

    @Test
    void theSelectionShapeParsesAndMustSelectCandidates() {
        List<FeaturePath> candidates = List.of(FeaturePath.parse("data structures / prefix sums / difference array"),
                FeaturePath.parse("algorithms / sorting"), FeaturePath.parse("mathematics / parity"));
        FeatureSelection selection = FeatureSelection.parse(prompts.text("select.system.md"), candidates, 2, names);
        assertThat(selection.selected()).containsExactly(candidates.get(0), candidates.get(1));
        assertThat(selection.uses()).containsKey(candidates.get(0));
        assertThat(selection.integrationStrategy()).isNotBlank();

        assertThatThrownBy(() -> FeatureSelection.parse("""
                {"selected": ["graphs / dijkstra", "algorithms / sorting"], "integrationStrategy": "x"}""",
                candidates, 2, names))
                .hasMessageContaining("not candidates: [graphs / dijkstra]");
        assertThatThrownBy(() -> FeatureSelection.parse("""
                {"selected": ["algorithms / sorting"], "integrationStrategy": "x"}""", candidates, 2, names))
                .hasMessageContaining("at least 2 are required");
        assertThatThrownBy(() -> FeatureSelection.parse("""
                {"selected": ["algorithms / sorting", "mathematics / parity"], "integrationStrategy": " "}""",
                candidates, 2, names))
                .hasMessageContaining("integrationStrategy");
        assertThatThrownBy(() -> FeatureSelection.parse("I pick sorting.", candidates, 2, names))
                .isInstanceOf(ReplyFormatException.class);
    }

    @Test
    void theStatementShapesParseInEveryStyle() {
        Statement codeforces = Statement.parse(prompts.text("reply-stdio.md"), Style.CODEFORCES, 2, forbidden);
        assertThat(codeforces.samples()).hasSize(2);
        assertThat(codeforces.samples().get(0).input()).isEqualTo("5 2\n1 3 2\n2 5 1\n");
        assertThat(codeforces.samples().get(0).output()).isEqualTo("2 3 3 1 1\n");
        assertThat(codeforces.signature()).isNull();
        assertThat(Statement.parse(prompts.text("reply-stdio.md"), Style.ATCODER, 2, forbidden).title())
                .isEqualTo("Festival Lights");

        Statement leetcode = Statement.parse(prompts.text("reply-leetcode.md"), Style.LEETCODE, 2, forbidden);
        assertThat(leetcode.signature().className()).isEqualTo("Solution");
        assertThat(leetcode.signature().methodName()).isEqualTo("balancedSplits");
        assertThat(leetcode.signature().parameters()).singleElement()
                .satisfies(p -> assertThat(p.name() + ": " + p.type()).isEqualTo("nums: List[int]"));
        assertThat(leetcode.signature().returnType()).isEqualTo("int");
        assertThat(leetcode.samples().get(1).input()).isEqualTo("nums = [5,5]");
    }

    @Test
    void malformedStatementsAreRefusedWithWhatToFix() {
        String stdio = """
                {"title": "T", "statement": "Count things.\\n\\nInput\\nn\\n\\nOutput\\nthe count\\n\\nConstraints\\n1 <= n <= 10",
                 "samples": [{"input": "1\\n", "output": "1\\n"}, {"input": "2\\n", "output": "3\\n"}]}""";
        assertThat(Statement.parse(stdio, Style.CODEFORCES, 2, forbidden).samples()).hasSize(2);
        assertRefused(stdio.replace("Constraints", "Limits"), Style.CODEFORCES, "no constraints section");
        assertRefused(stdio.replace("Input\\n", "").replace("Output\\n", ""), Style.ATCODER, "\"Input\" and \"Output\"");
        assertRefused(stdio.replace("Count things.", "Count things. Hint: use a segment tree."), Style.CODEFORCES,
                "hints at the solution");
        assertRefused(stdio.replace(", {\"input\": \"2\\n\", \"output\": \"3\\n\"}", ""), Style.CODEFORCES,
                "1 usable samples");
        assertRefused(stdio.replace("\"output\": \"3\\n\"", "\"output\": \"\""), Style.CODEFORCES,
                "sample 2 needs a non-empty");
        assertRefused(stdio.replace("\"title\": \"T\", ", ""), Style.CODEFORCES, "\"title\" is missing");

        String leetcode = """
                {"title": "T", "statement": "Return the count.\\n\\nConstraints:\\n1 <= n <= 10",
                 "signature": "class Solution:\\n    def count(self, nums: List[int], k: int) -> int:",
                 "samples": [{"input": "nums = [1], k = 1", "output": "1"}, {"input": "nums = [2], k = 3", "output": "0"}]}""";
        assertThat(Statement.parse(leetcode, Style.LEETCODE, 2, forbidden).signature().parameters()).hasSize(2);
        assertRefused(leetcode.replace("k: int", "k"), Style.LEETCODE, "parameter k has no type hint");
        assertRefused(leetcode.replace(" -> int", ""), Style.LEETCODE, "no return type hint");
        assertRefused(leetcode.replace("\"signature\"", "\"stub\""), Style.LEETCODE, "\"signature\" is missing");
        assertRefused(leetcode.replace("nums = [2], k = 3", "[2], 3"), Style.LEETCODE,
                "sample 2 input does not give parameter nums");
        assertRefused("Here is the problem: ...", Style.LEETCODE, "");
    }

    @Test
    void signaturesWithNestedTypesKeepTheirCommas() {
        var signature = io.synthsmith.evolver.generation.SignatureParser.parse(
                "class Solution(object):\n    def route(self, graph: Dict[int, List[int]], start: int = 0) -> List[int]:");
        assertThat(signature.parameters()).extracting(p -> p.name() + ":" + p.type())
                .containsExactly("graph:Dict[int, List[int]]", "start:int");
    }

    private void assertRefused(String reply, Style style, String reason) {
        assertThatThrownBy(() -> Statement.parse(reply, style, 2, forbidden))
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining(reason);
    }

    private JsonNode example(String prompt) {
        return ReplyJson.extractObject(prompts.text(prompt)).orThrow();
    }

    @Test
    void retryMessagesCarryTheTaskLineAndTheError() {
        String retry = prompts.render("retry.user", Map.of("taskLine", "Task: select features (run r)",
                "error", "\"selected\" holds 1 features, at least 2 are required"));
        assertThat(retry).startsWith("Task: select features (run r)").contains("at least 2 are required");
        List<String> lines = new ArrayList<>(prompts.lines("forbidden-terms.txt"));
        assertThat(lines).contains("segment tree", "dynamic programming").doesNotContain("greedy");
    }
}
