package io.synthsmith.verifier.sandbox;

/**
 * The sandbox failed a run (or a compilation) again after its retries: no verdict can be given on the program, and
 * none must be made up. Whoever verifies the task waits and tries it again later, or gives up on the task as
 * SANDBOX_UNAVAILABLE; it is never a rejection of the task.
 */
public final class SandboxUnavailable extends RuntimeException {

    public SandboxUnavailable(String reason) {
        super(reason);
    }
}
