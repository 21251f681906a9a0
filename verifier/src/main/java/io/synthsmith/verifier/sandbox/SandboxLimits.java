package io.synthsmith.verifier.sandbox;

/** The limits of one run: CPU and wall time, address space, stack, file size, output size and processes. */
public record SandboxLimits(long cpuMillis, long wallMillis, long memoryBytes, long stackBytes, long fileBytes,
        long outputBytes, int processes) {
}
