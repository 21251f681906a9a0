package io.synthsmith.verifier.voting;

import java.util.List;

/** The result of a vote on one test: a label, or no clear majority. */
public sealed interface Label {

    /** How the votes fell: each distinct output (normalised) with its count, largest first; and the voters. */
    List<Share> distribution();

    int voters();

    /** A distinct output and how many candidates printed it. */
    record Share(String output, int votes) {
    }

    /** The majority output is the expected output. */
    record Decided(String output, int agreeing, int voters, List<Share> distribution) implements Label {

        public Decided {
            distribution = List.copyOf(distribution);
        }

        public double share() {
            return voters == 0 ? 0 : (double) agreeing / voters;
        }
    }

    /** No output had a clear majority: the test is dropped, not guessed. */
    record NoConsensus(String why, int voters, List<Share> distribution) implements Label {

        public NoConsensus {
            distribution = List.copyOf(distribution);
        }
    }
}
