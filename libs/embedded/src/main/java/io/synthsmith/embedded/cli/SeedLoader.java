package io.synthsmith.embedded.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.messages.Seed;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.ids.Ids;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a JSONL file of seeds into the seeds topic, for {@code bin/synthsmith seed}. Each line is a
 * {@code synthsmith.seed/v1} message; {@code schema} may be left out, {@code id} too (it is then derived from the
 * run and the content, so loading the same file twice yields the same ids), and {@code --run} sets the run of
 * every line. Every line is checked against the schema first: if any breaks it, nothing is produced and each
 * bad line is reported with its number.
 */
public final class SeedLoader {

    /** A seed ready to produce. */
    record Loaded(String id, byte[] json) {
    }

    private final MessageCodec codec = new MessageCodec();

    /** Reads and checks every line; throws with all the bad lines' errors, or returns the seeds to produce. */
    List<Loaded> load(Path file, String run) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Loaded> seeds = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            try {
                seeds.add(complete(line, run));
            } catch (ContractViolation | IOException e) {
                errors.add(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(errors.size() + " of the seeds in " + file
                    + " break the synthsmith.seed/v1 contract; nothing was produced:\n" + String.join("\n", errors));
        }
        return seeds;
    }

    private Loaded complete(String line, String run) throws IOException, ContractViolation {
        ObjectNode node = (ObjectNode) codec.parse(line.getBytes(StandardCharsets.UTF_8));
        if (!node.has("schema")) {
            node.put("schema", Seed.SCHEMA);
        }
        if (run != null) {
            node.put("runId", run);
        }
        if (!node.has("id")) {
            node.put("id", Ids.derive("seed", node.path("runId").asText(), node.path("content").toString()));
        }
        byte[] json = codec.mapper().writeValueAsBytes(node);
        Seed seed = codec.decode(MessageType.SEED, json);
        return new Loaded(seed.id(), json);
    }

    /** {@code SeedLoader --bootstrap HOST:PORT [--topic-prefix P] [--run ID] FILE}; prints a JSON summary line. */
    public static void main(String[] args) throws IOException {
        String bootstrap = "localhost:9092";
        String prefix = TopicNames.DEFAULT_PREFIX;
        String run = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--bootstrap" -> bootstrap = args[++i];
                case "--topic-prefix" -> prefix = args[++i];
                case "--run" -> run = args[++i];
                default -> file = Path.of(args[i]);
            }
        }
        if (file == null || !Files.isReadable(file)) {
            System.err.println("usage: seed FILE.jsonl [--run ID]; " + (file == null ? "no file given" : file + " is not readable"));
            System.exit(2);
        }
        List<Loaded> seeds;
        try {
            seeds = new SeedLoader().load(file, run);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        String topic = new TopicNames(prefix).of(Topic.SEEDS);
        TopicProbe probe = new TopicProbe(bootstrap);
        for (Loaded seed : seeds) {
            probe.produce(topic, seed.id(), seed.json());
        }
        System.out.printf("{\"produced\":%d,\"topic\":\"%s\",\"file\":\"%s\"}%n", seeds.size(), topic, file);
    }
}
