package io.synthsmith.messaging.inbound;

/** What became of one inbound record: processed by the stage, or sent to the dead-letter topic. */
public sealed interface Admission permits Admission.Processed, Admission.DeadLettered {

    /** The record kept its contract and the stage processed it. */
    record Processed(String id) implements Admission {
    }

    /** The record broke its contract, or its processing failed, and it went to the dead-letter topic. */
    record DeadLettered(String kind, String error) implements Admission {
    }
}
