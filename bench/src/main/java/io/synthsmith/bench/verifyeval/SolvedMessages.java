package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds the {@code synthsmith.solved/v1} message of a problem, as the solver would send it. */
final class SolvedMessages {

    static final String RUN_ID = "verify-eval";
    static final String MODEL = "eval";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SolvedMessages() {
    }

    static String taskId(EvalProblem problem) {
        return "task-verify-eval-" + problem.id();
    }

    /** The solved message; with the brute force at {@code testSources.bruteForce} when asked. */
    static ObjectNode solved(EvalProblem problem, boolean withBruteForce) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode lineage = JSON.createObjectNode();
        lineage.putArray("seedIds").add("verify-eval-" + problem.id());
        ObjectNode task = JSON.createObjectNode();
        task.put("schema", "synthsmith.task/v1").put("runId", RUN_ID).put("id", taskId(problem));
        task.set("lineage", lineage);
        task.put("createdAt", now).put("requestId", "request-verify-eval-" + problem.id())
                .put("style", problem.style()).put("title", problem.title()).put("statement", problem.statement());
        task.putArray("features");
        task.put("integrationStrategy", "hand-written evaluation problem");
        task.set("samples", samples(problem));
        if (problem.leetcode()) {
            task.set("signature", problem.signature());
        }
        task.putObject("run").put("schema", "synthsmith.run/v1").put("runId", RUN_ID).put("id", RUN_ID)
                .put("testsPerTask", 60);

        ObjectNode solved = JSON.createObjectNode();
        solved.put("schema", "synthsmith.solved/v1").put("runId", RUN_ID).put("id", taskId(problem));
        solved.set("lineage", lineage);
        solved.put("createdAt", now);
        solved.set("task", task);
        ArrayNode candidates = solved.putArray("candidates");
        for (EvalProblem.EvalCandidate c : problem.candidates()) {
            String fence = "cpp".equals(c.program().language()) ? "cpp" : "python";
            candidates.addObject().put("id", c.id()).put("model", MODEL).put("language", c.program().language())
                    .put("reasoning", "")
                    .put("answer", "```" + fence + "\n" + c.program().code() + "```\n")
                    .put("code", c.program().code()).put("finishReason", "stop");
        }
        ObjectNode sources = solved.putObject("testSources");
        sources.set("samples", samples(problem));
        ArrayNode direct = sources.putArray("directInputs");
        problem.directInputs().forEach(direct::add);
        sources.set("generator", program(problem.generator()));
        if (withBruteForce) {
            sources.set("bruteForce", program(problem.bruteForce()));
        }
        solved.put("promptVersion", "verify-eval");
        return solved;
    }

    private static ArrayNode samples(EvalProblem problem) {
        ArrayNode samples = JSON.createArrayNode();
        problem.samples().forEach(s -> samples.addObject().put("input", s.input()).put("output", s.output()));
        return samples;
    }

    private static ObjectNode program(EvalProblem.Program program) {
        return JSON.createObjectNode().put("language", program.language()).put("code", program.code())
                .put("model", MODEL);
    }
}
