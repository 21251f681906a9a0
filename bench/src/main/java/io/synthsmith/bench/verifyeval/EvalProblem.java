package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One problem of the verify-eval set, written by us: its statement and samples, a trusted reference, a brute
 * force (annotated right or wrong), an input generator, direct inputs and eight candidates annotated with the
 * truth.
 *
 * @param signature the LeetCode method signature, or null for a stdin/stdout problem
 */
public record EvalProblem(String id, String title, String style, String statement, List<Sample> samples,
        JsonNode signature, List<String> directInputs, Program reference, Program bruteForce,
        boolean bruteForceCorrect, Program generator, List<EvalCandidate> candidates, List<List<String>> groups) {

    /** A statement sample with the output the statement gives. */
    public record Sample(String input, String output) {
    }

    /** Source code and its language ({@code python} or {@code cpp}). */
    public record Program(String name, String language, String code) {
    }

    /** A candidate and what we know of it: correct or not, and its mistake in one line. */
    public record EvalCandidate(String id, Program program, boolean correct, String note) {
    }

    /** True for a LeetCode-style problem, whose programs are a {@code class Solution}. */
    public boolean leetcode() {
        return signature != null && !signature.isNull();
    }

    /** The method the call harness invokes. */
    public String methodName() {
        return signature.path("methodName").asText();
    }
}
