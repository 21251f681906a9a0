package io.synthsmith.solver.scripted;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.messages.Task;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** Tasks for tests, made from the published examples with a fresh id and a title the script knows. */
public final class TaskFixtures {

    private static final MessageCodec CODEC = new MessageCodec();

    private TaskFixtures() {
    }

    /** A Codeforces-style task (examples/messages/task-codeforces.json) titled {@code title}. */
    public static ObjectNode codeforces(String title) {
        return fresh("task-codeforces.json", title);
    }

    /** An AtCoder-style task: the Codeforces example restyled. */
    public static ObjectNode atcoder(String title) {
        ObjectNode task = fresh("task-codeforces.json", title);
        task.put("style", "atcoder");
        return task;
    }

    /** The LeetCode-style example (a signature) with a fresh id; its title stays the one the script knows. */
    public static ObjectNode leetcode() {
        return fresh("task-leetcode.json", SolverScript.LEETCODE);
    }

    /** {@code task} with a run configuration asking for these candidates, minimum and solver models. */
    public static ObjectNode withRun(ObjectNode task, int candidates, int minUsable, List<String> models,
            String language) {
        ObjectNode run = task.putObject("run");
        run.put("schema", "synthsmith.run/v1").put("runId", task.get("runId").asText())
                .put("id", task.get("runId").asText()).put("createdAt", "2026-11-21T09:00:00Z")
                .put("candidatesPerTask", candidates).put("minUsableCandidates", minUsable).put("language", language);
        run.putObject("lineage");
        ArrayNode solverModels = run.putObject("models").putArray("solver");
        models.forEach(solverModels::add);
        return task;
    }

    public static byte[] bytes(ObjectNode task) {
        try {
            byte[] bytes = CODEC.mapper().writeValueAsBytes(task);
            CODEC.decode(MessageType.TASK, bytes);
            return bytes;
        } catch (Exception e) {
            throw new IllegalStateException("the test task breaks its own contract: " + e.getMessage(), e);
        }
    }

    public static Task decode(ObjectNode task) {
        try {
            return CODEC.decode(MessageType.TASK, bytes(task));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode fresh(String example, String title) {
        try {
            ObjectNode task = (ObjectNode) CODEC.mapper().readTree(Files.readAllBytes(
                    Path.of("../examples/messages").resolve(example)));
            task.put("id", "task-" + UUID.randomUUID().toString().replace("-", ""));
            task.put("title", title);
            return task;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
