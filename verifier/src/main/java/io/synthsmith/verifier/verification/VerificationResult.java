package io.synthsmith.verifier.verification;

import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.Rejected;
import io.synthsmith.messages.Verified;
import io.synthsmith.messages.topics.Topic;

/** What verifying a solved task produced: a verified message, or a rejection with its reason. */
public sealed interface VerificationResult {

    Envelope message();

    Topic topic();

    /** The task was verified. */
    record VerifiedTask(Verified message) implements VerificationResult {

        @Override
        public Topic topic() {
            return Topic.VERIFIED;
        }
    }

    /** The task was rejected. */
    record RejectedTask(Rejected message) implements VerificationResult {

        @Override
        public Topic topic() {
            return Topic.REJECTED;
        }
    }
}
