package io.synthsmith.solver.candidates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.solver.candidates.CandidateShares.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandidateSharesTest {

    @Test
    void oneModelTakesAllCandidatesInOneShare() {
        assertThat(CandidateShares.split(8, List.of("r1"))).containsExactly(new Share("r1", 8));
    }

    @Test
    void severalModelsShareEvenlyTheFirstTakingTheRemainder() {
        assertThat(CandidateShares.split(8, List.of("a", "b", "c")))
                .containsExactly(new Share("a", 3), new Share("b", 3), new Share("c", 2));
    }

    @Test
    void moreModelsThanCandidatesLeavesTheLastOutAndDuplicatesCountOnce() {
        assertThat(CandidateShares.split(2, List.of("a", "b", "a", "c")))
                .containsExactly(new Share("a", 1), new Share("b", 1));
    }

    @Test
    void zeroCandidatesIsAConfigurationError() {
        assertThatThrownBy(() -> CandidateShares.split(0, List.of("a"))).hasMessageContaining("candidatesPerTask");
    }
}
