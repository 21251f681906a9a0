package io.synthsmith.verifier.testcases;

import java.util.List;
import java.util.Map;

/** The inputs a task is tested on, and how many candidate inputs were dropped, by reason. */
public record TestSet(List<TestCase> tests, Map<String, Integer> dropped) {

    public TestSet {
        tests = List.copyOf(tests);
        dropped = Map.copyOf(dropped);
    }
}
