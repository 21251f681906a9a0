package io.synthsmith.messages.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.messages.Envelope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every example under examples/messages conforms to its published schema, and reads and writes losslessly. */
class ExamplesConformTest {

    private static final Path EXAMPLES = Path.of("../../examples/messages");
    private final MessageCodec codec = new MessageCodec();

    @TestFactory
    Stream<DynamicTest> everyExampleConformsAndRoundTrips() throws IOException {
        return examples().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode original = codec.mapper().readTree(bytes);
            MessageType type = typeOf(original);

            assertThat(codec.validate(type, original)).as("schema errors").isEmpty();
            Envelope decoded = codec.decode(type, bytes);
            JsonNode rewritten = codec.mapper().readTree(codec.encode(decoded));

            assertThat(codec.validate(type, rewritten)).as("schema errors after a round trip").isEmpty();
            Envelope again = codec.decode(type, codec.encode(decoded));
            assertThat(again).isEqualTo(decoded);
        }));
    }

    @Test
    void everyMessageTypeHasAnExample() throws IOException {
        Set<MessageType> covered = EnumSet.noneOf(MessageType.class);
        for (Path file : examples()) {
            covered.add(typeOf(codec.mapper().readTree(file.toFile())));
        }
        assertThat(covered).containsExactlyInAnyOrder(MessageType.values());
    }

    private MessageType typeOf(JsonNode node) {
        String schema = node.path("schema").asText();
        return MessageType.byName(schema.substring(0, schema.indexOf('/'))).orElseThrow();
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }
}
