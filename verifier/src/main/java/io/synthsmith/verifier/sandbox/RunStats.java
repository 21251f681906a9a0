package io.synthsmith.verifier.sandbox;

/** What a run cost: CPU time of the program and its children, wall time, and peak resident memory. */
public record RunStats(long cpuMillis, long wallMillis, long maxRssKb) {

    public static final RunStats NONE = new RunStats(0, 0, 0);
}
