package io.synthsmith.embedded.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * How far each consumer group is behind the end of the topics it reads, from the group's committed offsets, as
 * {@code kafka-consumer-groups --describe} shows it. A partition the group never committed counts from its first
 * offset (the services start at {@code earliest}). Every call is bounded by a short timeout, so a broker that is
 * down makes the status say so instead of hanging.
 */
public final class ConsumerLag implements AutoCloseable {

    /** What one group has not yet committed of one topic, summed over its partitions. */
    public record Lag(String group, String topic, long lag, long endOffset, int partitions, int committedPartitions) {
    }

    /** A group and a topic it reads. */
    public record Subscription(String group, String topic) {
    }

    private final Admin admin;
    private final String bootstrap;
    private final Duration timeout;

    private ConsumerLag(Admin admin, String bootstrap, Duration timeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /**
     * Connects to {@code bootstrap} (host:port, or a comma-separated list of them); throws when none of the
     * addresses accepts a connection within {@code timeout}, before any Kafka client is made.
     */
    public static ConsumerLag connect(String bootstrap, Duration timeout) {
        if (!anyReachable(bootstrap, timeout)) {
            throw new IllegalStateException("Kafka at " + bootstrap + " does not accept connections");
        }
        int millis = (int) Math.max(200, timeout.toMillis());
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, "synthsmith-status",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis,
                AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50L));
        return new ConsumerLag(admin, bootstrap, timeout);
    }

    /**
     * The lag of each subscription, in the order given. A topic that does not exist is left out. Throws when the
     * broker does not answer in time.
     */
    public List<Lag> of(List<Subscription> subscriptions) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> topics = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        subscriptions.forEach(s -> {
            topics.add(s.topic());
            groups.add(s.group());
        });
        try {
            // the groups' offsets do not depend on the partitions: ask for both at once
            Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
            groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
            ListConsumerGroupOffsetsResult committed = admin.listConsumerGroupOffsets(specs);
            Map<String, List<TopicPartition>> partitions = partitions(topics, deadline);
            List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
            // read_committed: the end a transactional consumer can reach (the same as the log end without transactions)
            ListOffsetsOptions committedOnly = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
            ListOffsetsResult ends = admin.listOffsets(spec(all, OffsetSpec.latest()), committedOnly);
            ListOffsetsResult starts = admin.listOffsets(spec(all, OffsetSpec.earliest()), committedOnly);

            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end = await(ends.all(), deadline);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start = await(starts.all(), deadline);
            Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = new HashMap<>();
            for (String group : groups) {
                offsets.put(group, await(committed.partitionsToOffsetAndMetadata(group), deadline));
            }
            List<Lag> lags = new ArrayList<>();
            for (Subscription subscription : subscriptions) {
                List<TopicPartition> ofTopic = partitions.get(subscription.topic());
                if (ofTopic != null) {
                    lags.add(lag(subscription, ofTopic, end, start, offsets.get(subscription.group())));
                }
            }
            return lags;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading offsets from Kafka at " + bootstrap, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " failed to give offsets: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not give offsets within "
                    + timeout.toMillis() + " ms", e);
        }
    }

    private static Lag lag(Subscription subscription, List<TopicPartition> partitions,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end,
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> start,
            Map<TopicPartition, OffsetAndMetadata> committed) {
        long lag = 0;
        long endOffset = 0;
        int committedPartitions = 0;
        for (TopicPartition partition : partitions) {
            long last = end.get(partition).offset();
            OffsetAndMetadata offset = committed == null ? null : committed.get(partition);
            long position = offset != null ? offset.offset() : start.get(partition).offset();
            committedPartitions += offset != null ? 1 : 0;
            lag += Math.max(0, last - position);
            endOffset += last;
        }
        return new Lag(subscription.group(), subscription.topic(), lag, endOffset, partitions.size(),
                committedPartitions);
    }

    private Map<String, List<TopicPartition>> partitions(Set<String> topics, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
        Map<String, List<TopicPartition>> partitions = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> entry : descriptions.entrySet()) {
            try {
                TopicDescription description = await(entry.getValue(), deadline);
                partitions.put(entry.getKey(), description.partitions().stream()
                        .map(p -> new TopicPartition(entry.getKey(), p.partition())).toList());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return partitions;
    }

    private static Map<TopicPartition, OffsetSpec> spec(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        partitions.forEach(p -> specs.put(p, spec));
        return specs;
    }

    private static <T> T await(KafkaFuture<T> future, long deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private static boolean anyReachable(String bootstrap, Duration timeout) {
        for (String address : bootstrap.split(",")) {
            int colon = address.strip().lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("Kafka address '" + address + "' is not host:port");
            }
            String host = address.strip().substring(0, colon);
            int port = Integer.parseInt(address.strip().substring(colon + 1));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
                return true;
            } catch (IOException e) {
                // try the next address
            }
        }
        return false;
    }

    /** Closes the client without waiting for requests still in flight. */
    @Override
    public void close() {
        admin.close(Duration.ZERO);
    }
}
