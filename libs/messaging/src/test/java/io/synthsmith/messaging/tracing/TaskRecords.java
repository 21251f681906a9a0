package io.synthsmith.messaging.tracing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthsmith.embedded.kafka.TopicProbe;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Task records on the embedded broker, written with headers as any Kafka client (or an upstream service) writes
 * them, and the records the relay writes back, read with {@link TopicProbe}.
 */
final class TaskRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String bootstrapServers = EmbeddedInfrastructureResource.infrastructure().kafka().bootstrapServers();
    private final MessageCodec codec = new MessageCodec();

    String topic(Topic topic) {
        return EmbeddedInfrastructureResource.infrastructure().topicNames().of(topic);
    }

    /** The example Codeforces task of examples/messages under another id (also its key). */
    byte[] task(String id) {
        try {
            ObjectNode task = (ObjectNode) codec.mapper().readTree(
                    Files.readAllBytes(Path.of("../../examples/messages/task-codeforces.json")));
            task.put("id", id);
            return codec.mapper().writeValueAsBytes(task);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one record with these headers (UTF-8) to the tasks topic and waits for the broker. */
    void produce(String key, byte[] value, Map<String, String> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic(Topic.TASKS), key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(record).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce " + key + " to the tasks topic: " + e.getMessage(), e);
        }
    }

    /** The one record under {@code key} on {@code topic}; fails when none arrives in time. */
    ConsumerRecord<String, byte[]> awaitOne(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> found = new TopicProbe(bootstrapServers)
                .await(topic, record -> key.equals(record.key()), 1, TIMEOUT);
        if (found.isEmpty()) {
            throw new AssertionError("no record with key " + key + " on " + topic + " within " + TIMEOUT);
        }
        return found.getFirst();
    }
}
