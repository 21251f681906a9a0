package io.synthsmith.embedded.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import io.synthsmith.messages.topics.TopicNames;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for tests and operator tools: produce raw bytes to a topic exactly as any external
 * producer (kcat, Python) would, and read a topic from the beginning until the expected records arrive.
 */
public final class TopicProbe {

    private final String bootstrapServers;

    public TopicProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Produces one record and waits for the broker's acknowledgement. */
    public void produce(String topic, String key, byte[] value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 17 * 1024 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + topic, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Produces one UTF-8 text record. */
    public void produce(String topic, String key, String value) {
        produce(topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads {@code topic} from the beginning until {@code count} records match {@code filter}, or the timeout
     * passes; returns the matching records seen (fewer than {@code count} on timeout).
     */
    public List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (matching.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
            }
        }
        return matching;
    }

    /**
     * Produces each record to {@code topic} under the key {@code <tag>-<name>} (the tag keeps runs of a test
     * apart on a shared broker), then reads {@code <topic>.dlq} until {@code expectedDeadLetters} of them have
     * come back; returns those dead letters by record name.
     */
    public Map<String, ConsumerRecord<String, byte[]>> deadLettersOf(String topic, Map<String, byte[]> records,
            int expectedDeadLetters, Duration timeout) {
        String tag = "probe" + UUID.randomUUID().toString().substring(0, 8);
        records.forEach((name, value) -> produce(topic, tag + "-" + name, value));
        Map<String, ConsumerRecord<String, byte[]>> byName = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : await(topic + TopicNames.DEAD_LETTER_SUFFIX,
                r -> r.key() != null && r.key().startsWith(tag + "-"), expectedDeadLetters, timeout)) {
            byName.put(record.key().substring(tag.length() + 1), record);
        }
        return byName;
    }

    /** A header's value as text, or null when the record lacks it. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
