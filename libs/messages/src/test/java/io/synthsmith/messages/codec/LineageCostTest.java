package io.synthsmith.messages.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.messages.Lineage;
import io.synthsmith.messages.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The optional lineage cost: its arithmetic, and that it travels in JSON without breaking older messages. */
class LineageCostTest {

    private final MessageCodec codec = new MessageCodec();

    @Test
    void aSeedsCostIsSharedEvenlyAndCostsAddUp() {
        Lineage.Cost seed = new Lineage.Cost(9000, 3000, 1200L, 0);

        assertThat(seed.share(4)).isEqualTo(new Lineage.Cost(2250, 750, 300L, 0));
        assertThat(seed.share(4).plus(new Lineage.Cost(100, 50, null, 2210)))
                .isEqualTo(new Lineage.Cost(2350, 800, 300L, 2210));
        assertThat(new Lineage.Cost(1, 2, null, 3).plus(new Lineage.Cost(1, 2, null, 3)).reasoningTokens()).isNull();
        assertThat(Lineage.empty().withCost(seed).withCost(seed).cost()).isEqualTo(new Lineage.Cost(18000, 6000,
                2400L, 0));
        assertThat(Lineage.empty().withCost(null).cost()).isNull();
    }

    @Test
    void theCostTravelsInTheLineageAndAMessageWithoutOneStillReads() throws Exception {
        byte[] example = Files.readAllBytes(Path.of("../../examples/messages/task-codeforces.json"));
        Task task = codec.decode(MessageType.TASK, example);
        assertThat(task.lineage().cost()).isNull();
        assertThat(new String(codec.encode(task), StandardCharsets.UTF_8)).doesNotContain("\"cost\"");

        Lineage costed = task.lineage().withCost(new Lineage.Cost(1200, 5400, null, 0)).next("solver", task.id(),
                task.id(), task.createdAt());
        Task withCost = new Task(task.schema(), task.runId(), task.id(), costed, task.createdAt(), task.requestId(),
                task.style(), task.title(), task.statement(), task.features(), task.integrationStrategy(),
                task.samples(), task.signature(), task.run());
        byte[] json = codec.encode(withCost);
        JsonNode cost = codec.mapper().readTree(json).path("lineage").path("cost");
        assertThat(cost.toString()).isEqualTo("{\"promptTokens\":1200,\"completionTokens\":5400,"
                + "\"sandboxCpuMillis\":0}");
        assertThat(codec.validate(MessageType.TASK, codec.mapper().readTree(json))).isEmpty();
        assertThat(codec.decode(MessageType.TASK, json).lineage().cost()).isEqualTo(costed.cost());
    }
}
