package io.synthsmith.verifier.sandbox;

import io.synthsmith.verifier.config.VerifierConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * How the sandbox is set up.
 *
 * @param slotUidBase     the first uid of the slot uid ranges (used when the service runs as root)
 * @param slots           sandboxed sessions alive at the same time (each has its own user id when run as root)
 * @param failureRetries  retries in a fresh session after a sandbox failure
 * @param slotLockDir     where instances on one host claim their slot uid ranges ({@link SlotUidRange})
 * @param slotRangeSize   uids per range: the most slots one instance may have
 * @param slotRanges      ranges on a host: the most verifier instances running as root on it
 * @param seccomp         whether runs get the {@link SeccompFilter}
 */
public record SandboxOptions(String bwrap, String setpriv, String python, List<String> runtime, int slotUidBase,
        long tmpBytes, int slots, int failureRetries, Path slotLockDir, int slotRangeSize, int slotRanges,
        boolean seccomp) {

    /** The default directory of the slot uid range locks. */
    public static final Path DEFAULT_SLOT_LOCK_DIR = Path.of("/tmp/synthsmith-sandbox-slots");

    public SandboxOptions {
        runtime = List.copyOf(runtime);
        if (slots < 1) {
            throw new IllegalArgumentException("a sandbox needs at least one slot, got " + slots);
        }
    }

    /** Options with the default slot uid ranges (64 ranges of 64 uids) and the seccomp filter on. */
    public SandboxOptions(String bwrap, String setpriv, String python, List<String> runtime, int slotUidBase,
            long tmpBytes, int slots, int failureRetries) {
        this(bwrap, setpriv, python, runtime, slotUidBase, tmpBytes, slots, failureRetries, DEFAULT_SLOT_LOCK_DIR,
                64, 64, true);
    }

    /** The options a configuration asks for, with {@code parallelism} 0 meaning one slot per processor. */
    public static SandboxOptions of(VerifierConfig config) {
        VerifierConfig.Sandbox sandbox = config.sandbox();
        int slots = config.parallelism() > 0 ? config.parallelism() : Runtime.getRuntime().availableProcessors();
        return new SandboxOptions(sandbox.bwrap(), sandbox.setpriv(), sandbox.python(), sandbox.runtime(),
                sandbox.slotUidBase(), sandbox.tmpBytes(), slots, sandbox.failureRetries(),
                Path.of(sandbox.slotLockDir()), sandbox.slotRangeSize(), sandbox.slotRanges(), sandbox.seccomp());
    }
}
