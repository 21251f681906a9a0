package io.synthsmith.dedup.minhash;

import io.synthsmith.dedup.normalise.StatementNormaliser;

/**
 * The parameters of the MinHash signatures and of the LSH band index. Two pairs of tasks with estimated Jaccard
 * similarity {@code s} share at least one band with probability {@code 1 - (1 - s^rows)^bands}; the similarity
 * where that is one half is about {@code (1/bands)^(1/rows)}, which should sit somewhat below the threshold so
 * that pairs over it become candidates.
 *
 * @param permutations hash functions per signature (one minimum each)
 * @param shingleSize  words per shingle
 * @param bands        LSH bands; a pair that agrees on every row of one band is a candidate
 * @param rows         signature values per band; {@code bands * rows} must equal {@code permutations}
 * @param seed         seeds the hash functions; every replica and every run of an index must use the same one
 */
public record MinHashScheme(int permutations, int shingleSize, int bands, int rows, long seed) {

    public MinHashScheme {
        if (permutations < 1 || shingleSize < 1 || bands < 1 || rows < 1) {
            throw new IllegalArgumentException("MinHash permutations, shingle size, bands and rows must be positive,"
                    + " got " + permutations + ", " + shingleSize + ", " + bands + ", " + rows);
        }
        if (bands * rows != permutations) {
            throw new IllegalArgumentException("LSH bands x rows must equal the MinHash permutations: " + bands
                    + " x " + rows + " = " + bands * rows + " but permutations = " + permutations
                    + " (set synthsmith.dedup.minhash.bands and .rows accordingly)");
        }
    }

    /**
     * The published-practice defaults: 128 permutations, 5-word shingles, 16 bands of 8 rows; the seed is the
     * configuration's default (1592614637).
     */
    public static MinHashScheme defaults() {
        return new MinHashScheme(128, 5, 16, 8, 0x5EED5EEDL);
    }

    /** The similarity at which a pair becomes an LSH candidate with probability one half. */
    public double candidateThreshold() {
        return Math.pow(1.0 / bands, 1.0 / rows);
    }

    /**
     * A short tag naming everything that decides what is stored in the index: signatures and bands made under
     * another scheme (or other normalisation rules) are incomparable, so they live under another tag.
     */
    public String tag() {
        return "n" + StatementNormaliser.VERSION + "p" + permutations + "s" + shingleSize + "b" + bands + "r" + rows
                + "-" + Long.toHexString(seed);
    }
}
