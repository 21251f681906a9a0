package io.synthsmith.dedup.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementNormaliserTest {

    private final StatementNormaliser normaliser = new StatementNormaliser();

    @Test
    void caseWhitespacePunctuationAndVariableNamesAreNormalisedAway() {
        String one = "Given N integers a_1..a_N, print their SUM.\n\n  Constraints: 1 <= N <= 10^5";
        String two = "given  n integers b_1 ... b_n -- print their sum\nConstraints 1 ≤ n ≤ 10^5";

        assertThat(normaliser.tokens(one)).containsExactly("given", "x", "integers", "x", "1", "x", "x", "print",
                "their", "sum", "constraints", "1", "x", "10", "5");
        assertThat(StatementNormaliser.exactHash(normaliser.tokens(two)))
                .isEqualTo(StatementNormaliser.exactHash(normaliser.tokens(one)));
    }

    @Test
    void boundsAreKeptBecauseTheyDecideTheTask() {
        assertThat(StatementNormaliser.exactHash(normaliser.tokens("n <= 10^5")))
                .isNotEqualTo(StatementNormaliser.exactHash(normaliser.tokens("n <= 10^9")));
    }

    @Test
    void workedExamplesAreDroppedUpToTheNextConstraintsSection() {
        String leetCode = """
                Return the number of balanced splits of nums.

                Example 1:
                Input: nums = [1,2,3,0,3]
                Output: 2

                Constraints:
                2 <= nums.length <= 10^5""";
        String otherExamples = leetCode.replace("[1,2,3,0,3]", "[5,5]").replace("Output: 2", "Output: 1");

        assertThat(normaliser.tokens(leetCode)).containsExactly("return", "the", "number", "of", "balanced",
                "splits", "of", "nums", "constraints", "2", "nums", "length", "10", "5");
        assertThat(normaliser.tokens(otherExamples)).isEqualTo(normaliser.tokens(leetCode));
    }

    @Test
    void fullWidthFormsFoldToTheirPlainForms() {
        assertThat(normaliser.tokens("ＡＢＣ ２０")).containsExactly("abc", "20");
        assertThat(normaliser.tokens("  ")).isEmpty();
    }
}
