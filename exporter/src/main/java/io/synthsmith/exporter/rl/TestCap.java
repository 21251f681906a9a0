package io.synthsmith.exporter.rl;

import io.synthsmith.messages.Verified;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A run's cap on the tests of one RL row, by count and by bytes (input plus output, UTF-8). What it keeps, in this
 * order of preference: the statement's samples, then the tests the candidates disagreed on most (the share of voters
 * outside the majority, from the verified test's {@code votes}: they tell a wrong solution from a right one), then
 * the largest. A test that would pass the byte cap is skipped and smaller ones still fill it. The kept tests stay in
 * the verifier's order. {@code null} caps keep everything.
 */
record TestCap(Integer maxTests, Long maxBytes) {

    private static final Comparator<Verified.LabelledTest> PREFERENCE = Comparator
            .comparing((Verified.LabelledTest test) -> test.origin() != Verified.Origin.SAMPLE)
            .thenComparing(TestCap::disagreement, Comparator.reverseOrder())
            .thenComparing(TestCap::bytes, Comparator.reverseOrder());

    /** The tests to keep, in their original order. */
    List<Verified.LabelledTest> keep(List<Verified.LabelledTest> tests) {
        if (maxTests == null && maxBytes == null) {
            return tests;
        }
        Set<Verified.LabelledTest> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        long used = 0;
        for (Verified.LabelledTest test : tests.stream().sorted(PREFERENCE).toList()) {
            if (maxTests != null && kept.size() >= maxTests) {
                break;
            }
            long size = bytes(test);
            if (maxBytes != null && used + size > maxBytes) {
                continue;
            }
            kept.add(test);
            used += size;
        }
        List<Verified.LabelledTest> inOrder = new ArrayList<>();
        for (Verified.LabelledTest test : tests) {
            if (kept.contains(test)) {
                inOrder.add(test);
            }
        }
        return inOrder;
    }

    /** The share of voters that printed something else than the label: 0 when all agreed. */
    static double disagreement(Verified.LabelledTest test) {
        Verified.Votes votes = test.votes();
        return votes == null || votes.voters() == 0 ? 0 : 1.0 - (double) votes.agreeing() / votes.voters();
    }

    static long bytes(Verified.LabelledTest test) {
        return (long) test.input().getBytes(StandardCharsets.UTF_8).length
                + test.output().getBytes(StandardCharsets.UTF_8).length;
    }
}
