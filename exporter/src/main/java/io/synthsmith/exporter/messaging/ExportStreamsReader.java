package io.synthsmith.exporter.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.exporter.files.DatasetFiles;
import io.synthsmith.exporter.files.ShardWriter;
import io.synthsmith.exporter.stream.ExportHeaders;
import io.synthsmith.messages.Envelope;
import io.synthsmith.messages.codec.ContractViolation;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds the dataset files from the committed records of export.sft and export.rl (read_committed: aborted
 * transactions never reach a file) and from the rejected topic (for the dataset card's counts). It reads every
 * partition itself, without a consumer group, from the files' own checkpoint: the files, not Kafka, remember what
 * they hold. Runs on one platform thread when {@code synthsmith.exporter.files.enabled}.
 */
@ApplicationScoped
public class ExportStreamsReader {

    private static final Logger LOG = Logger.getLogger(ExportStreamsReader.class);
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final List<Topic> INPUTS = List.of(Topic.EXPORT_SFT, Topic.EXPORT_RL, Topic.REJECTED);

    private final DatasetFiles files;
    private final ExporterConfig config;
    private final TopicNames topics;
    private final MessageCodec codec;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public ExportStreamsReader(DatasetFiles files, ExporterConfig config, TopicNames topics, MessageCodec codec,
            MeterRegistry registry, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.files = files;
        this.config = config;
        this.topics = topics;
        this.codec = codec;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent started) {
        if (!config.files().enabled()) {
            LOG.info("dataset files are off on this replica (synthsmith.exporter.files.enabled=false)");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("dataset-files").start(this::run);
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(Duration.ofSeconds(60));
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(properties(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = reader;
                List<TopicPartition> partitions = assign(reader);
                try {
                    pump(reader, partitions);
                } catch (WakeupException stopping) {
                    LOG.debug("dataset file writer stopping");
                }
                files.closeAll(positions(reader, partitions));
            } catch (WakeupException stopping) {
                LOG.debug("dataset file writer stopped before it was assigned its partitions");
            } catch (RuntimeException failure) {
                // Whatever is half done is dropped and rebuilt from the checkpoint, exactly as after a crash.
                LOG.errorf(failure, "dataset file writer failed; it restarts from its checkpoint in %s", RETRY);
                registry.counter("synthsmith.exporter.files.failures").increment();
                files.reset();
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private List<TopicPartition> assign(KafkaConsumer<String, byte[]> reader) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : INPUTS) {
            List<PartitionInfo> infos = reader.partitionsFor(topics.of(topic));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topics.of(topic) + " has no partitions: create the"
                        + " pipeline's topics (the broker does not auto-create them)");
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        reader.assign(partitions);
        Map<String, Long> checkpoint = files.checkpoint();
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            Long offset = checkpoint.get(partition.toString());
            if (offset == null) {
                fromStart.add(partition);
            } else {
                reader.seek(partition, offset);
            }
        }
        reader.seekToBeginning(fromStart);
        LOG.infof("dataset file writer reads %d partitions into %s (%d from their checkpoint)", partitions.size(),
                config.files().directory().toAbsolutePath(), partitions.size() - fromStart.size());
        return partitions;
    }

    private void pump(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : reader.poll(config.files().tick())) {
                Envelope message = decode(record);
                if (message != null) {
                    files.accept(record.topic() + "-" + record.partition(), record.offset(), message,
                            formats(record), license(record));
                }
            }
            files.tick(positions(reader, partitions));
        }
    }

    private Envelope decode(ConsumerRecord<String, byte[]> record) {
        Topic topic = INPUTS.stream().filter(t -> topics.of(t).equals(record.topic())).findFirst().orElseThrow();
        try {
            return codec.decode(topic.messageType().orElseThrow(), record.value());
        } catch (ContractViolation violation) {
            // Export topics have no dead-letter topic: a record we cannot read is counted, logged and left out.
            LOG.warnf("left out of the dataset files: %s-%d@%d breaks its contract: %s", record.topic(),
                    record.partition(), record.offset(), violation.getMessage());
            registry.counter("synthsmith.exporter.files.unreadable", "topic", record.topic()).increment();
            return null;
        }
    }

    private static List<String> formats(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(ExportHeaders.FILE_FORMATS);
        if (header == null) {
            return List.of(ShardWriter.PARQUET);
        }
        return Arrays.stream(new String(header.value(), StandardCharsets.UTF_8).split(","))
                .map(String::strip).filter(f -> !f.isEmpty()).sorted().toList();
    }

    private static String license(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(ExportHeaders.LICENSE);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> positions(KafkaConsumer<String, byte[]> reader, List<TopicPartition> partitions) {
        Map<String, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition.toString(), reader.position(partition));
        }
        return positions;
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "exporter-dataset-files");
        return properties;
    }

    private void sleep() {
        try {
            Thread.sleep(RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
