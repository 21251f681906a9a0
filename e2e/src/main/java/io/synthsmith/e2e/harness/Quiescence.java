package io.synthsmith.e2e.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Decides when the pipeline has gone quiet: every consumer group has committed up to the end of every partition it
 * reads, no topic has grown for a while, and the exporter has no dataset shard open. Reads the broker with an admin
 * client (no consumer group of its own).
 */
public final class Quiescence implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Quiescence.class);

    private final Admin admin;
    private final Path datasets;

    /** Consumer groups and the topics they must read, counted even before the group commits anything. */
    private final Map<String, java.util.Set<String>> expected;

    public Quiescence(String bootstrapServers, Path datasets) {
        this(bootstrapServers, datasets, Map.of());
    }

    public Quiescence(String bootstrapServers, Path datasets, Map<String, java.util.Set<String>> expected) {
        this.expected = Map.copyOf(expected);
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        this.admin = Admin.create(properties);
        this.datasets = datasets;
    }

    /** The lag of every consumer group (records between its committed offset and the end), summed per group. */
    public Map<String, Long> lagByGroup() throws InterruptedException {
        try {
            Map<String, Long> lags = new HashMap<>();
            Collection<ConsumerGroupListing> listed = admin.listConsumerGroups().all().get(15, TimeUnit.SECONDS);
            java.util.Set<String> groups = new java.util.TreeSet<>(expected.keySet());
            listed.forEach(group -> groups.add(group.groupId()));
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
                // Every partition of every topic the group reads, also those it has not committed on yet.
                java.util.Set<String> topicNames = new java.util.HashSet<>();
                committed.keySet().forEach(partition -> topicNames.add(partition.topic()));
                topicNames.addAll(expected.getOrDefault(group, java.util.Set.of()));
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                if (!topicNames.isEmpty()) {
                    admin.describeTopics(topicNames).allTopicNames().get(15, TimeUnit.SECONDS).values()
                            .forEach(description -> description.partitions().forEach(partition -> latest.put(
                                    new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest())));
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest)
                        .all().get(15, TimeUnit.SECONDS);
                long lag = 0;
                for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry : ends.entrySet()) {
                    OffsetAndMetadata position = committed.get(entry.getKey());
                    lag += Math.max(0, entry.getValue().offset() - (position == null ? 0 : position.offset()));
                }
                lags.put(group, lag);
            }
            return lags;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read consumer group offsets: " + e.getMessage(), e);
        }
    }

    /** The sum of the end offsets of every topic: it grows whenever anything is written. */
    public long totalEndOffsets() throws InterruptedException {
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(admin.listTopics().names().get(15, TimeUnit.SECONDS))
                    .allTopicNames().get(15, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(partition -> latest.put(
                        new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest()));
            }
            return admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS).values().stream()
                    .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets: " + e.getMessage(), e);
        }
    }

    /** Whether the exporter has a dataset shard open (a hidden {@code .part-*.open.*} file). */
    public boolean shardOpen() {
        if (datasets == null || !Files.isDirectory(datasets)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(datasets)) {
            return walk.anyMatch(path -> path.getFileName().toString().startsWith(".part-")
                    && path.getFileName().toString().contains(".open."));
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * Waits until, for {@code quietFor}, no topic grew, every group's lag was zero, no shard was open and
     * {@code alsoDone} held; returns false when {@code timeout} runs out first. Errors while the broker restarts
     * count as not quiet.
     */
    public boolean await(Duration quietFor, Duration timeout, BooleanSupplier alsoDone) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Instant quietSince = null;
        long lastEnd = -1;
        Instant lastReport = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            boolean quiet;
            try {
                long end = totalEndOffsets();
                Map<String, Long> lags = lagByGroup();
                quiet = end == lastEnd && lags.values().stream().allMatch(lag -> lag == 0) && !shardOpen()
                        && alsoDone.getAsBoolean();
                if (Duration.between(lastReport, Instant.now()).toSeconds() >= 30) {
                    LOG.infof("waiting for the pipeline to go quiet: end offsets %d, lag by group %s", end, lags);
                    lastReport = Instant.now();
                }
                lastEnd = end;
            } catch (IllegalStateException e) {
                quiet = false;
            }
            if (!quiet) {
                quietSince = null;
            } else if (quietSince == null) {
                quietSince = Instant.now();
            } else if (Duration.between(quietSince, Instant.now()).compareTo(quietFor) >= 0) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
