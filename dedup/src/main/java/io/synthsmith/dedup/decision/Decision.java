package io.synthsmith.dedup.decision;

/**
 * A verdict on one task with what the outputs report: the namespace it was decided in, the statement hash,
 * whether it was recorded by an earlier delivery of the same task (then it is repeated, not counted again), and
 * whether the task was already indexed in flight by the pre-solve stage (then the post-verification stage only
 * confirms it: it is not indexed a second time).
 */
public record Decision(Verdict verdict, String namespace, String statementHash, boolean replayed,
        boolean confirmedInFlight) {

    public Decision(Verdict verdict, String namespace, String statementHash, boolean replayed) {
        this(verdict, namespace, statementHash, replayed, false);
    }
}
