package io.synthsmith.dedup.minhash;

import java.util.Arrays;

/** The minimum of each of the scheme's hash functions over a statement's shingles (32 bits each). */
public record MinHashSignature(int[] values) {

    public MinHashSignature {
        values = values.clone();
    }

    /** The estimated Jaccard similarity of the two shingle sets: the share of hash functions whose minima agree. */
    public double similarity(MinHashSignature other) {
        if (other.values.length != values.length) {
            throw new IllegalArgumentException("signatures of " + values.length + " and " + other.values.length
                    + " permutations cannot be compared");
        }
        int agree = 0;
        for (int i = 0; i < values.length; i++) {
            if (values[i] == other.values[i]) {
                agree++;
            }
        }
        return (double) agree / values.length;
    }

    @Override
    public int[] values() {
        return values.clone();
    }

    int value(int i) {
        return values[i];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MinHashSignature other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "MinHashSignature[" + values.length + " values]";
    }
}
