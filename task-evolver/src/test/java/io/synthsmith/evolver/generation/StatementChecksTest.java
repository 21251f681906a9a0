package io.synthsmith.evolver.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.evolver.prompts.PromptBook;
import io.synthsmith.llm.reply.ReplyCheckException;
import io.synthsmith.llm.reply.ReplyFormatException;
import io.synthsmith.messages.Style;
import org.junit.jupiter.api.Test;

/** Statement replies as real models write them: LaTeX bounds, bounds kept in "Input", story words. */
class StatementChecksTest {

    private final PromptBook prompts = new PromptBook("v1");
    private final ForbiddenTerms forbidden = new ForbiddenTerms(prompts.lines("forbidden-terms.txt"));

    /** A DeepSeek-R1 style answer: thoughts, then the JSON with single-backslash LaTeX and bounds in "Input". */
    private static final String CODEFORCES_LATEX = """
            Okay, the statement needs a story, the input format with bounds, and two samples. Let me write it.

            ```json
            {
              "title": "The Hiker's Pack",
              "statement": "Mira is packing her knapsack for a long hike. She has $n$ items; the $i$-th weighs $w_i$ and is worth $v_i$. The knapsack holds a total weight of at most $W$.\\n\\n### Input\\nThe first line contains $n$ and $W$ ($1 \\le n \\le 100$, $1 \\le W \\le 10^5$).\\nEach of the next $n$ lines contains $w_i$ and $v_i$ ($1 \\le w_i \\le W$, $0 \\le v_i \\le 10^9$).\\n\\n### Output\\nPrint the largest total worth, $\\sum v_i$ over the packed items, with total weight $\\le W$ and $n \\times W \\neq 0$.",
              "samples": [
                {"input": "3 5\\n2 3\\n3 4\\n4 5\\n", "output": "7\\n", "explanation": "Pack items 1 and 2: $2 + 3 \\le 5$."},
                {"input": "1 1\\n1 9\\n", "output": "9\\n", "explanation": "The only item fits."}
              ]
            }
            ```
            """;

    @Test
    void boundsInTheInputSectionNeedNoConstraintsSectionAndLatexIsKept() {
        Statement statement = Statement.parse(CODEFORCES_LATEX, Style.CODEFORCES, 2, forbidden);

        assertThat(statement.statement()).contains("($1 \\le n \\le 100$", "$n \\times W \\neq 0$",
                "$\\sum v_i$").doesNotContain("\t", "\f");
        assertThat(statement.samples().get(0).explanation()).isEqualTo("Pack items 1 and 2: $2 + 3 \\le 5$.");
    }

    @Test
    void aStatementWithoutBoundsFailsACheckNotParsing() {
        String noBounds = CODEFORCES_LATEX.replace("($1 \\le n \\le 100$, $1 \\le W \\le 10^5$)", "")
                .replace("($1 \\le w_i \\le W$, $0 \\le v_i \\le 10^9$)", "");
        assertThat(noBounds).isNotEqualTo(CODEFORCES_LATEX).doesNotContain("10^9");

        assertThatThrownBy(() -> Statement.parse(noBounds, Style.CODEFORCES, 2, forbidden))
                .isInstanceOf(ReplyCheckException.class)
                .hasMessageContaining("no constraints section").hasMessageContaining("\"Input\" section gives no bounds");
        assertThatThrownBy(() -> Statement.parse(CODEFORCES_LATEX, Style.ATCODER, 2, forbidden))
                .isInstanceOf(ReplyCheckException.class).hasMessageContaining("no constraints section");
        assertThatThrownBy(() -> Statement.parse("Sorry, I can't.", Style.CODEFORCES, 2, forbidden))
                .isInstanceOf(ReplyFormatException.class).isNotInstanceOf(ReplyCheckException.class);
    }

    @Test
    void thePromptNamesTheSectionsTheCheckAsksFor() {
        for (Style style : Style.values()) {
            String guide = prompts.render("style-" + style.wire(), java.util.Map.of("sections",
                    StatementSections.promptText(style)));
            assertThat(guide).contains("\"Constraints\"");
        }
        assertThat(StatementSections.promptText(Style.CODEFORCES)).contains("only if some bound is not already in "
                + "\"Input\"");
    }

    @Test
    void storyWordsAndPlainPhrasesAreFineHintsAreNot() {
        assertThat(forbidden.hintedIn("Mira is packing her knapsack for a hike.")).isEmpty();
        assertThat(forbidden.hintedIn("Output the prefix sum of the array after each query.")).isEmpty();
        assertThat(forbidden.hintedIn("Help Alice solve the puzzle of her knapsack.")).isEmpty();
        assertThat(forbidden.hintedIn("Use a Fenwick tree to answer the queries.")).containsExactly("fenwick tree");
        assertThat(forbidden.hintedIn("Count the pairs.\n\nHint: dynamic programming over the prefix."))
                .containsExactly("dynamic programming");
        assertThat(forbidden.hintedIn("### Hint\nThink in terms of two pointers.\n\n### Input\nn")).containsExactly(
                "two pointers");
        assertThat(forbidden.hintedIn("This can be solved with binary search in O(n log n).")).containsExactly(
                "binary search");
        assertThatThrownBy(() -> Statement.parse(CODEFORCES_LATEX.replace("The knapsack holds",
                "You can use a knapsack table to be fast. The knapsack holds"), Style.CODEFORCES, 2, forbidden))
                .isInstanceOf(ReplyCheckException.class).hasMessageContaining("[knapsack]");
    }

    @Test
    void aLeetCodeSignatureWithoutAReturnValueIsRefused() {
        String leetcode = """
                {"title": "Rotate", "statement": "Rotate nums right by k steps in place.\\n\\nConstraints:\\n1 <= n <= 10",
                 "signature": "class Solution:\\n    def rotate(self, nums: List[int], k: int) -> None:",
                 "samples": [{"input": "nums = [1,2], k = 1", "output": "[2,1]"}, {"input": "nums = [1], k = 3", "output": "[1]"}]}""";

        assertThatThrownBy(() -> Statement.parse(leetcode, Style.LEETCODE, 2, forbidden))
                .isInstanceOf(ReplyCheckException.class).hasMessageContaining("returns None")
                .hasMessageContaining("must return its answer");
        assertThatThrownBy(() -> SignatureParser.parse("class Solution:\n    def rotate(self, nums: List[int]) -> void:"))
                .isInstanceOf(ReplyFormatException.class).hasMessageContaining("returns void");
        assertThat(Statement.parse(leetcode.replace("-> None", "-> List[int]"), Style.LEETCODE, 2, forbidden)
                .signature().returnType()).isEqualTo("List[int]");
    }
}
