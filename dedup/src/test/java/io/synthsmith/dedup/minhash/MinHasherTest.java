package io.synthsmith.dedup.minhash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synthsmith.dedup.TaskTexts;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHasherTest {

    private final Fingerprinter defaults = new Fingerprinter(MinHashScheme.defaults());

    @Test
    void theEstimateFollowsTheTrueJaccardSimilarityOfTheShingleSets() {
        List<String> left = words(0, 400);
        List<String> right = words(100, 500);
        Set<Long> a = asSet(MinHasher.shingleHashes(left, 5));
        Set<Long> b = asSet(MinHasher.shingleHashes(right, 5));
        Set<Long> union = new HashSet<>(a);
        union.addAll(b);
        a.retainAll(b);
        double trueJaccard = (double) a.size() / union.size();
        MinHasher hasher = new MinHasher(new MinHashScheme(256, 5, 32, 8, 7));

        double estimate = hasher.signature(left).similarity(hasher.signature(right));

        assertThat(trueJaccard).isCloseTo(0.6, within(0.01));
        assertThat(estimate).isCloseTo(trueJaccard, within(0.1));
    }

    @Test
    void variantsOfOneTaskRankAboveADifferentTaskOnTheSameTopic() {
        Fingerprint original = defaults.of(TaskTexts.original());

        double reworded = similarity(original, TaskTexts.reworded());
        double newStory = similarity(original, TaskTexts.newStory());
        double sameTopic = similarity(original, TaskTexts.sameTopic());

        assertThat(defaults.of(TaskTexts.renamedVariables()).exactHash()).isEqualTo(original.exactHash());
        assertThat(reworded).isGreaterThan(newStory).isLessThan(0.75);
        assertThat(newStory).isGreaterThan(sameTopic);
        assertThat(sameTopic).isLessThan(0.25);
    }

    @Test
    void signaturesAndBandsAreTheSameOnEveryReplica() {
        Fingerprint first = new Fingerprinter(MinHashScheme.defaults()).of(TaskTexts.original());
        Fingerprint second = new Fingerprinter(MinHashScheme.defaults()).of(TaskTexts.original());
        Fingerprint otherSeed = new Fingerprinter(new MinHashScheme(128, 5, 16, 8, 99)).of(TaskTexts.original());

        assertThat(second.signature()).isEqualTo(first.signature());
        assertThat(second.bands()).containsExactly(first.bands());
        assertThat(otherSeed.signature()).isNotEqualTo(first.signature());
        assertThat(first.bandCount()).isEqualTo(16);
    }

    @Test
    void bandsTimesRowsMustCoverThePermutations() {
        assertThatThrownBy(() -> new MinHashScheme(128, 5, 16, 4, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 x 4 = 64 but permutations = 128");
        assertThat(MinHashScheme.defaults().candidateThreshold()).isCloseTo(0.707, within(0.001));
    }

    private double similarity(Fingerprint original, String other) {
        return original.signature().similarity(defaults.of(other).signature());
    }

    private static List<String> words(int from, int to) {
        List<String> words = new ArrayList<>();
        for (int i = from; i < to; i++) {
            words.add("w" + i);
        }
        return words;
    }

    private static Set<Long> asSet(long[] values) {
        Set<Long> set = new HashSet<>();
        for (long value : values) {
            set.add(value);
        }
        return set;
    }
}
