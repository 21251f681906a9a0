package io.synthsmith.verifier.evidence;

import io.synthsmith.verifier.config.VerifierConfig;

/**
 * The thresholds of {@link TruthDecision}.
 *
 * @param minVotes        fewest counted outputs the label's cluster needs when a vote decides
 * @param minShare        smallest share of the counted outputs (not of the voters: a crash is no vote) the label's
 *                        cluster needs when a vote decides
 * @param minMargin       fewest votes by which the label's cluster must lead the runner-up when a vote decides
 * @param contestedShare  a runner-up cluster with {@code minVotes} votes and this share of the counted outputs has
 *                        real support (the test is contested)
 * @param contestedVotes  a runner-up cluster with at least this many votes (and {@code minVotes}) has real support
 * @param degenerateFrom  fewest labelled tests from which all-identical labels reject the task
 * @param overruledShare  the largest share of the candidates a cluster may hold and still be eliminated by a brute
 *                        force that disagrees with it on a small test; a larger cluster (of {@code minVotes} or more)
 *                        makes the test a dispute instead: dropped as contested, both sides barred from golden.
 *                        {@code 1.0} lets the brute force overrule any majority
 */
public record EvidenceSettings(int minVotes, double minShare, int minMargin, double contestedShare,
        int contestedVotes, int degenerateFrom, double overruledShare) {

    public static EvidenceSettings of(VerifierConfig config) {
        VerifierConfig.Voting voting = config.voting();
        return new EvidenceSettings(voting.minVotes(), voting.minShare(), voting.minMargin(),
                voting.contestedShare(), voting.contestedVotes(), config.tests().degenerateFrom(),
                config.bruteForce().overruledShare());
    }
}
