package io.synthsmith.dedup.minhash;

import io.synthsmith.dedup.normalise.StatementNormaliser;
import java.util.List;

/** Normalises a statement and computes its {@link Fingerprint}. */
public final class Fingerprinter {

    private final StatementNormaliser normaliser;
    private final MinHasher hasher;

    public Fingerprinter(StatementNormaliser normaliser, MinHasher hasher) {
        this.normaliser = normaliser;
        this.hasher = hasher;
    }

    public Fingerprinter(MinHashScheme scheme) {
        this(new StatementNormaliser(), new MinHasher(scheme));
    }

    public Fingerprint of(String statement) {
        List<String> tokens = normaliser.tokens(statement);
        MinHashSignature signature = hasher.signature(tokens);
        return new Fingerprint(tokens, StatementNormaliser.exactHash(tokens), signature, hasher.bands(signature));
    }
}
