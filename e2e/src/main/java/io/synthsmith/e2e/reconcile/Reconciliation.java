package io.synthsmith.e2e.reconcile;

import java.util.List;
import java.util.Map;

/**
 * Where the work went. {@code lost}: seeds, generation requests and tasks that ended nowhere (named in
 * {@code lostExamples}); {@code duplicates}: export records of a task found more than once on the export streams or
 * rows found more than once in the files ({@code duplicateExamples}); {@code conflicting}: tasks both exported and
 * rejected. {@code rejected} counts distinct subjects by {@code stage/reason}; {@code dlq} counts dead letters by
 * topic; {@code fileRows} counts dataset file rows by run, kind and format.
 */
public record Reconciliation(int seeds, int generationRequests, int tasks, int exported, int exportSftRecords,
        int exportRlRecords, Map<String, Long> fileRows, Map<String, Integer> rejected, Map<String, Integer> dlq,
        int lost, List<String> lostExamples, int duplicates, List<String> duplicateExamples, int conflicting) {

    /** Tasks that ended rejected, over every stage and reason. */
    public int rejectedTotal() {
        return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
}
