package io.synthsmith.exporter.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.exporter.config.ExporterConfig;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The export ledger: a compacted topic with one record per exported task (key: task id), written in the same
 * Kafka transaction as the task's export records, and this replica's in-memory view of it, so that a task that
 * reaches accepted twice (an upstream stage killed between publishing and committing its offset) is exported once.
 *
 * <p>A record exported from partition {@code p} of accepted goes to ledger partition {@code p % n} ({@code n} ledger
 * partitions; a deployment gives both topics the same count, so it is partition {@code p}). Only the replica that
 * owns accepted partition {@code p} writes ledger partition {@code p}, and before each batch the view is read
 * (read_committed) up to the ledger's high watermark on the partitions of the batch: past every transaction on
 * them, so a replica that has just taken over a partition sees everything its predecessor committed, even a
 * transaction whose commit markers are still being written. The other partitions are read up to their committed
 * end, so a copy of a task on another accepted partition is caught once the original's transaction has committed.
 * The view holds the whole ledger (16 bytes a task, see {@link ExportedTasks}).
 */
@ApplicationScoped
public class ExportLedger {

    private static final Logger LOG = Logger.getLogger(ExportLedger.class);

    private final String topic;
    private final ObjectMapper mapper;
    private final Duration readTimeout;
    private final String bootstrapServers;
    private final ExportedTasks exported = new ExportedTasks();
    private Admin admin;
    private volatile KafkaConsumer<String, byte[]> reader;
    private List<TopicPartition> partitions = List.of();
    private volatile boolean closing;

    public ExportLedger(TopicNames topics, MessageCodec codec, ExporterConfig config, MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.topic = topics.of(Topic.EXPORT_LEDGER);
        this.mapper = codec.mapper();
        this.readTimeout = config.ledger().readTimeout();
        this.bootstrapServers = bootstrapServers;
        Gauge.builder("synthsmith.exporter.ledger.tasks", exported, ExportedTasks::size)
                .description("Exported tasks in this replica's view of the export ledger")
                .register(registry);
    }

    /** The full name of the ledger topic. */
    public String topic() {
        return topic;
    }

    /** The ledger partition that records what is exported from {@code acceptedPartition}. */
    public synchronized int partitionFor(int acceptedPartition) {
        if (partitions.isEmpty()) {
            throw new IllegalStateException("the export ledger has not been read yet: call catchUp first");
        }
        return acceptedPartition % partitions.size();
    }

    /**
     * Reads the ledger into the view before a batch from {@code acceptedPartitions} is decided: the matching ledger
     * partitions past every transaction on them, the others to their committed end. Throws when the ledger cannot
     * be read within {@code synthsmith.exporter.ledger.read-timeout}; the batch must then not be exported.
     */
    public synchronized void catchUp(Collection<Integer> acceptedPartitions) {
        if (closing) {
            throw new IllegalStateException("the exporter is shutting down");
        }
        try {
            KafkaConsumer<String, byte[]> consumer = reader();
            Map<TopicPartition, Long> targets = new HashMap<>(consumer.endOffsets(partitions, readTimeout));
            Map<TopicPartition, OffsetSpec> owned = new HashMap<>();
            for (int partition : acceptedPartitions) {
                owned.put(partitions.get(partitionFor(partition)), OffsetSpec.latest());
            }
            if (!owned.isEmpty()) {
                admin.listOffsets(owned, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                        .get(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .forEach((partition, end) -> targets.merge(partition, end.offset(), Math::max));
            }
            read(consumer, targets);
        } catch (ExecutionException | TimeoutException | RuntimeException failure) {
            // Start over from the beginning next time: the view only ever gains tasks, so re-reading is harmless.
            closeReader();
            Throwable cause = failure instanceof ExecutionException ? failure.getCause() : failure;
            if (cause instanceof UnknownTopicOrPartitionException) {
                throw new IllegalStateException("the export ledger topic " + topic + " does not exist: create it,"
                        + " compacted, with as many partitions as the accepted topic (see"
                        + " deploy/kubernetes/base/topics.yaml)", cause);
            }
            throw new IllegalStateException("cannot read the export ledger " + topic + ": " + cause.getMessage(),
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeReader();
            throw new IllegalStateException("interrupted while reading the export ledger " + topic, e);
        }
    }

    /** Whether the view holds {@code taskId}: a committed export transaction exported it. */
    public boolean exported(String taskId) {
        return exported.contains(taskId);
    }

    /** Adds the tasks of an export transaction to the view; call only once the transaction has committed. */
    public void recordCommitted(Collection<String> taskIds) {
        taskIds.forEach(exported::add);
    }

    /** The ledger record's value for {@code entry}. */
    public byte[] encode(LedgerEntry entry) {
        try {
            return mapper.writeValueAsBytes(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ledger entry of task " + entry.taskId(), e);
        }
    }

    private void read(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> targets) {
        long deadline = System.nanoTime() + readTimeout.toNanos();
        while (true) {
            List<String> behind = new ArrayList<>();
            targets.forEach((partition, target) -> {
                long position = consumer.position(partition, readTimeout);
                if (position < target) {
                    behind.add(partition + " at " + position + " of " + target);
                }
            });
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the export ledger did not reach its end within " + readTimeout
                        + " (" + String.join(", ", behind) + "): a transaction on it is still open, probably left by"
                        + " a replica that died mid-export; the broker aborts it after its transaction.timeout.ms");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (record.key() == null) {
                    LOG.warnf("export ledger record %s-%d@%d has no key (task id); ignored", record.topic(),
                            record.partition(), record.offset());
                } else {
                    exported.add(record.key());
                }
            }
        }
    }

    private KafkaConsumer<String, byte[]> reader() throws ExecutionException, InterruptedException, TimeoutException {
        if (reader != null) {
            return reader;
        }
        long started = System.nanoTime();
        if (admin == null) {
            Properties properties = new Properties();
            properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "exporter-ledger-admin");
            admin = Admin.create(properties);
        }
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(readTimeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        partitions = description.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties(), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = consumer;
        int before = exported.size();
        read(consumer, consumer.endOffsets(partitions, readTimeout));
        LOG.infof("export ledger %s read: %d exported tasks from %d partitions in %d ms", topic,
                exported.size() - before, partitions.size(), (System.nanoTime() - started) / 1_000_000);
        return consumer;
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "exporter-ledger");
        return properties;
    }

    private void closeReader() {
        KafkaConsumer<String, byte[]> current = reader;
        reader = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }

    @PreDestroy
    void close() {
        closing = true;
        KafkaConsumer<String, byte[]> current = reader;
        if (current != null) {
            // Ends a read in progress (the batch then aborts) instead of waiting out its timeout.
            current.wakeup();
        }
        synchronized (this) {
            closeReader();
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
                admin = null;
            }
        }
    }
}
