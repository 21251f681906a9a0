package io.synthsmith.dedup.contamination;

import io.synthsmith.dedup.decision.Verdict;
import io.synthsmith.dedup.minhash.Fingerprint;
import io.synthsmith.dedup.minhash.Fingerprinter;
import io.synthsmith.dedup.minhash.MinHashSignature;
import io.synthsmith.dedup.minhash.MinHasher;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The benchmark problems a task must not resemble, held in memory by every replica: the hashes of every word
 * n-gram of their normalised text, and their MinHash signatures. A task that shares any n-gram, or whose
 * estimated Jaccard similarity to a problem reaches the threshold, is contaminated. Signatures are compared with
 * every problem rather than through LSH bands, so no similar problem is missed; benchmark sets hold thousands of
 * problems, which keeps that to well under a millisecond per task.
 */
public final class BenchmarkIndex {

    private final int ngramSize;
    private final double similarityThreshold;
    private final List<BenchmarkProblem> problems;
    private final MinHashSignature[] signatures;
    private final Map<Long, Integer> ngrams = new HashMap<>();

    public BenchmarkIndex(List<BenchmarkProblem> problems, Fingerprinter fingerprinter, int ngramSize,
            double similarityThreshold) {
        if (ngramSize < 1) {
            throw new IllegalArgumentException("the n-gram size must be positive, got " + ngramSize
                    + " (synthsmith.dedup.decontamination.ngram-size)");
        }
        this.ngramSize = ngramSize;
        this.similarityThreshold = similarityThreshold;
        this.problems = List.copyOf(problems);
        this.signatures = new MinHashSignature[problems.size()];
        for (int i = 0; i < problems.size(); i++) {
            Fingerprint fingerprint = fingerprinter.of(problems.get(i).statement());
            signatures[i] = fingerprint.signature();
            if (fingerprint.tokens().size() >= ngramSize) {
                for (long ngram : MinHasher.shingleHashes(fingerprint.tokens(), ngramSize)) {
                    ngrams.putIfAbsent(ngram, i);
                }
            }
        }
    }

    /** How many problems are indexed. */
    public int size() {
        return problems.size();
    }

    /** The benchmark problem the task is contaminated by, if any: a shared n-gram first, then similarity. */
    public Optional<Verdict.Contaminated> check(Fingerprint task) {
        List<String> tokens = task.tokens();
        if (tokens.size() >= ngramSize) {
            long[] hashes = MinHasher.shingleHashes(tokens, ngramSize);
            for (int w = 0; w < hashes.length; w++) {
                Integer hit = ngrams.get(hashes[w]);
                if (hit != null) {
                    BenchmarkProblem problem = problems.get(hit);
                    return Optional.of(new Verdict.Contaminated(problem.benchmark(), problem.id(),
                            String.join(" ", tokens.subList(w, w + ngramSize)), null));
                }
            }
        }
        int best = -1;
        double bestSimilarity = 0;
        for (int i = 0; i < signatures.length; i++) {
            double similarity = task.signature().similarity(signatures[i]);
            if (similarity > bestSimilarity) {
                best = i;
                bestSimilarity = similarity;
            }
        }
        if (best >= 0 && bestSimilarity >= similarityThreshold) {
            BenchmarkProblem problem = problems.get(best);
            return Optional.of(new Verdict.Contaminated(problem.benchmark(), problem.id(), null, bestSimilarity));
        }
        return Optional.empty();
    }
}
