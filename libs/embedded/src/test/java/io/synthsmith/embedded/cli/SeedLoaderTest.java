package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedLoaderTest {

    @TempDir
    Path dir;

    @Test
    void fillsSchemaAndDeterministicIdsAndSetsTheRun() throws Exception {
        Path file = dir.resolve("seeds.jsonl");
        Files.writeString(file, """
                {"runId":"a","content":{"kind":"code","language":"python","snippet":"print(1)"}}

                {"schema":"synthsmith.seed/v1","runId":"a","id":"mine","content":{"kind":"document","title":"T","text":"x"}}
                """);

        List<SeedLoader.Loaded> first = new SeedLoader().load(file, "b");
        List<SeedLoader.Loaded> second = new SeedLoader().load(file, "b");

        assertThat(first).extracting(SeedLoader.Loaded::id).hasSize(2).contains("mine")
                .anySatisfy(id -> assertThat(id).matches("seed-[0-9a-f]{32}"));
        assertThat(first.get(0).id()).isEqualTo(second.get(0).id());
        assertThat(new String(first.get(1).json(), StandardCharsets.UTF_8)).contains("\"runId\":\"b\"");
    }

    @Test
    void reportsEveryBadLineByNumberAndProducesNothing() throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"runId":"a","content":{"kind":"code","language":"python","snippet":"print(1)"}}
                not json
                {"runId":"a","content":{"kind":"code","language":"python"}}
                """);

        assertThatThrownBy(() -> new SeedLoader().load(file, null))
                .hasMessageContaining("2 of the seeds")
                .hasMessageContaining("bad.jsonl:2: not JSON")
                .hasMessageContaining("bad.jsonl:3: ")
                .hasMessageContaining("snippet");
    }
}
