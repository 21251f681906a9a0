package io.synthsmith.e2e.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Seeds for a run: the lines of a JSONL seed file, given a run id and, when more seeds are asked for than the
 * file holds, cycled with numbered ids ({@code <id>-<n>}) so that every seed is distinct.
 */
public final class SeedFeed {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedFeed() {
    }

    /** {@code count} seeds of run {@code runId} made from the seeds in {@code file} (all of them once when 0). */
    public static List<ObjectNode> from(Path file, String runId, int count) {
        List<ObjectNode> templates = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    templates.add((ObjectNode) JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seeds from " + file, e);
        }
        if (templates.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no seeds");
        }
        int wanted = count <= 0 ? templates.size() : count;
        List<ObjectNode> seeds = new ArrayList<>();
        for (int i = 0; i < wanted; i++) {
            ObjectNode seed = templates.get(i % templates.size()).deepCopy();
            seed.put("runId", runId);
            if (wanted > templates.size()) {
                seed.put("id", seed.path("id").asText("seed") + "-" + (i + 1));
            }
            seeds.add(seed);
        }
        return seeds;
    }

    /** Writes the seeds to the seeds topic, keyed by id, each acknowledged by the broker. */
    public static void produce(String bootstrapServers, TopicNames topics, List<ObjectNode> seeds) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (ObjectNode seed : seeds) {
                sends.add(producer.send(new ProducerRecord<>(topics.of(Topic.SEEDS), seed.path("id").asText(),
                        seed.toString())));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing seeds", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot produce seeds: " + e.getMessage(), e);
        }
    }
}
