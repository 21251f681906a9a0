package io.synthsmith.dedup.minhash;

import java.util.List;

/**
 * What dedup compares tasks by: the normalised tokens, their exact hash, the MinHash signature and its LSH band
 * hashes.
 */
public record Fingerprint(List<String> tokens, String exactHash, MinHashSignature signature, long[] bands) {

    public Fingerprint {
        tokens = List.copyOf(tokens);
        bands = bands.clone();
    }

    @Override
    public long[] bands() {
        return bands.clone();
    }

    public long band(int i) {
        return bands[i];
    }

    public int bandCount() {
        return bands.length;
    }
}
