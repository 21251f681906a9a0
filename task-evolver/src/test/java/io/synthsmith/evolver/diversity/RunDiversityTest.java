package io.synthsmith.evolver.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDiversityTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RunDiversity diversity = new RunDiversity(registry);

    @Test
    void evenUseOfTheWholeTreeIsFullyDiverse() {
        // Four leaves, each selected twice, in four distinct pairs (one pair seen twice).
        diversity.record("even", List.of("a / x", "a / y"), 4);
        diversity.record("even", List.of("a / y", "a / x"), 4);
        diversity.record("even", List.of("b / z", "b / w"), 4);
        diversity.record("even", List.of("a / x", "b / z"), 4);
        diversity.record("even", List.of("a / y", "b / w"), 4);
        diversity.record("even", List.of("b / w", "b / z"), 4);

        Diversity seen = diversity.of("even").orElseThrow();
        assertThat(seen.tasks()).isEqualTo(6);
        assertThat(seen.distinctCombinations()).isEqualTo(4);
        assertThat(seen.featuresUsed()).isEqualTo(4);
        assertThat(seen.leafCoverage()).isEqualTo(1.0);
        assertThat(seen.entropyBits()).isCloseTo(2.0, within(1e-9));
        assertThat(seen.evenness()).isCloseTo(1.0, within(1e-9));
        assertThat(seen.gini()).isCloseTo(0.0, within(1e-9));
        assertThat(registry.get("synthsmith.task-evolver.diversity.combinations").tag("run", "even").gauge().value())
                .isEqualTo(4);
        assertThat(registry.get("synthsmith.task-evolver.diversity.coverage").tag("run", "even").gauge().value())
                .isEqualTo(1.0);
    }

    @Test
    void aRunStuckOnOneFeatureShowsLowCoverageLowEntropyAndHighGini() {
        for (int i = 0; i < 9; i++) {
            diversity.record("narrow", List.of("a / x", "a / y"), 100);
        }
        diversity.record("narrow", List.of("a / x", "b / z"), 100);
        // Use counts: a / x 10, a / y 9, b / z 1, out of 20 selections.
        Diversity seen = diversity.of("narrow").orElseThrow();
        assertThat(seen.distinctCombinations()).isEqualTo(2);
        assertThat(seen.leafCoverage()).isEqualTo(0.03);
        double entropy = -(0.5 * log2(0.5) + 0.45 * log2(0.45) + 0.05 * log2(0.05));
        assertThat(seen.entropyBits()).isCloseTo(entropy, within(1e-9));
        assertThat(seen.evenness()).isCloseTo(entropy / log2(100), within(1e-9));
        // Gini of (1, 9, 10): 2 * (1 + 18 + 30) / (3 * 20) - 4 / 3.
        assertThat(seen.gini()).isCloseTo(2.0 * 49 / 60 - 4.0 / 3, within(1e-9));
        assertThat(diversity.of("never")).isEmpty();
        assertThat(diversity.all()).containsOnlyKeys("narrow");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
