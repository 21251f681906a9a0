package io.synthsmith.dedup.decision;

/** What dedup decided about one task. */
public sealed interface Verdict permits Verdict.Unique, Verdict.Duplicate, Verdict.NearDuplicate,
        Verdict.Contaminated {

    /** The outcome's name as stats and metrics report it. */
    String outcome();

    /**
     * The task is new in its scope and clean of benchmarks; it now holds its hashes and bands in the index.
     *
     * @param nearestId         the most similar indexed task found below the threshold, or null when none was
     * @param nearestSimilarity its estimated Jaccard similarity, or null
     */
    record Unique(String nearestId, Double nearestSimilarity) implements Verdict {
        @Override
        public String outcome() {
            return "unique";
        }
    }

    /** The normalised statement equals that of task {@code of}, which claimed the hash first. */
    record Duplicate(String of, String statementHash) implements Verdict {
        @Override
        public String outcome() {
            return "duplicate";
        }
    }

    /** The estimated Jaccard similarity to task {@code of} is at or over the threshold. */
    record NearDuplicate(String of, double similarity, double threshold) implements Verdict {
        @Override
        public String outcome() {
            return "near_duplicate";
        }
    }

    /**
     * The task shares a word n-gram with a benchmark problem ({@code ngram} set, similarity null), or its
     * estimated Jaccard similarity to one is over the threshold ({@code similarity} set, ngram null).
     */
    record Contaminated(String benchmark, String benchmarkId, String ngram, Double similarity) implements Verdict {
        @Override
        public String outcome() {
            return "contaminated";
        }
    }
}
