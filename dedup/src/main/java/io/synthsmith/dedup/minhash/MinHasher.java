package io.synthsmith.dedup.minhash;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MinHash over word shingles. Each shingle of {@code shingleSize} consecutive tokens is hashed to 64 bits; each
 * of the scheme's hash functions is that hash mixed with its own seed (MurmurHash3's finaliser), and the
 * signature keeps the upper 32 bits of each function's minimum. LSH bands hash {@code rows} consecutive values.
 */
public final class MinHasher {

    private final MinHashScheme scheme;
    private final long[] seeds;

    public MinHasher(MinHashScheme scheme) {
        this.scheme = scheme;
        SplittableRandom random = new SplittableRandom(scheme.seed());
        this.seeds = new long[scheme.permutations()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = random.nextLong();
        }
    }

    /** The signature of a token sequence; a sequence shorter than a shingle is one shingle. */
    public MinHashSignature signature(List<String> tokens) {
        long[] shingles = shingleHashes(tokens, scheme.shingleSize());
        long[] minima = new long[seeds.length];
        java.util.Arrays.fill(minima, Long.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < seeds.length; i++) {
                long h = mix(shingle ^ seeds[i]) >>> 32;
                if (h < minima[i]) {
                    minima[i] = h;
                }
            }
        }
        int[] values = new int[seeds.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (int) minima[i];
        }
        return new MinHashSignature(values);
    }

    /** One hash per LSH band: the band's index and its rows' values, mixed to 64 bits. */
    public long[] bands(MinHashSignature signature) {
        long[] bands = new long[scheme.bands()];
        for (int b = 0; b < bands.length; b++) {
            long h = mix(b + 1L);
            for (int r = 0; r < scheme.rows(); r++) {
                h = mix(h ^ (signature.value(b * scheme.rows() + r) & 0xFFFFFFFFL));
            }
            bands[b] = h;
        }
        return bands;
    }

    /** The 64-bit hashes of every window of {@code size} consecutive tokens (one window when there are fewer). */
    public static long[] shingleHashes(List<String> tokens, int size) {
        if (tokens.isEmpty()) {
            return new long[0];
        }
        long[] tokenHashes = new long[tokens.size()];
        for (int i = 0; i < tokenHashes.length; i++) {
            tokenHashes[i] = tokenHash(tokens.get(i));
        }
        int windows = Math.max(1, tokens.size() - size + 1);
        long[] shingles = new long[windows];
        for (int w = 0; w < windows; w++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = w; j < Math.min(w + size, tokens.size()); j++) {
                h = mix(h ^ tokenHashes[j]);
            }
            shingles[w] = h;
        }
        return shingles;
    }

    private static long tokenHash(String token) {
        long h = 0xcbf29ce484222325L;
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
