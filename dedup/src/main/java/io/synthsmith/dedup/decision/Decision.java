package io.synthsmith.dedup.decision;

/**
 * A verdict on one task with what the outputs report: the namespace it was decided in, the statement hash,
 * and whether it was recorded by an earlier delivery of the same task (then it is repeated, not counted again).
 */
public record Decision(Verdict verdict, String namespace, String statementHash, boolean replayed) {
}
