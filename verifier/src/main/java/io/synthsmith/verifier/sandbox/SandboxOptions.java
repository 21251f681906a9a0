package io.synthsmith.verifier.sandbox;

import io.synthsmith.verifier.config.VerifierConfig;
import java.util.List;

/**
 * How the sandbox is set up.
 *
 * @param slots           sandboxed sessions alive at the same time (each has its own user id when run as root)
 * @param failureRetries  retries in a fresh session after a sandbox failure
 */
public record SandboxOptions(String bwrap, String setpriv, String python, List<String> runtime, int slotUidBase,
        long tmpBytes, int slots, int failureRetries) {

    public SandboxOptions {
        runtime = List.copyOf(runtime);
        if (slots < 1) {
            throw new IllegalArgumentException("a sandbox needs at least one slot, got " + slots);
        }
    }

    /** The options a configuration asks for, with {@code parallelism} 0 meaning one slot per processor. */
    public static SandboxOptions of(VerifierConfig config) {
        VerifierConfig.Sandbox sandbox = config.sandbox();
        int slots = config.parallelism() > 0 ? config.parallelism() : Runtime.getRuntime().availableProcessors();
        return new SandboxOptions(sandbox.bwrap(), sandbox.setpriv(), sandbox.python(), sandbox.runtime(),
                sandbox.slotUidBase(), sandbox.tmpBytes(), slots, sandbox.failureRetries());
    }
}
