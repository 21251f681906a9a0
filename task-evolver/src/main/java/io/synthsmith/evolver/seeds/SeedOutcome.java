package io.synthsmith.evolver.seeds;

import io.synthsmith.messages.GenerationRequest;
import io.synthsmith.messages.Rejected;
import java.util.List;

/** What became of one seed: merged into its tree with the generation requests it emits, or rejected. */
public sealed interface SeedOutcome permits SeedOutcome.Merged, SeedOutcome.Declined {

    /**
     * The seed's features are in the tree ({@code alreadyMerged} when a redelivery found them there), and these
     * requests are to be published.
     */
    record Merged(int extracted, int evolved, boolean alreadyMerged, List<GenerationRequest> requests)
            implements SeedOutcome {

        public Merged {
            requests = List.copyOf(requests);
        }
    }

    /** The seed was decided against; the rejection is to be published. */
    record Declined(Rejected rejection) implements SeedOutcome {
    }
}
