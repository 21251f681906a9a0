package io.synthsmith.embedded.kafka;

import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the pipeline's topics as a deployment should have them: partitioned, zstd-compressed, with room for
 * large messages (many long candidates, big tests), the runs topic and the export ledger compacted
 * ({@link Topic#compacted()}). Every topic gets the same partition count, which the export ledger relies on (its
 * partition {@code p} records what was exported from partition {@code p} of accepted). Topics that exist are left
 * alone.
 */
public final class PipelineTopics {

    /** Partitions, the largest record, and the prefix under which to create the topics. */
    public record Settings(TopicNames names, int partitions, int maxMessageBytes) {

        public static Settings defaults() {
            return new Settings(TopicNames.defaults(), 4, 16 * 1024 * 1024);
        }
    }

    private PipelineTopics() {
    }

    /** Creates every topic of the pipeline, and its dead-letter topic, that does not exist yet. */
    public static List<String> create(String bootstrapServers, Settings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (Topic topic : Topic.values()) {
                add(missing, existing, settings.names().of(topic), topic.compacted(), settings);
                if (topic.hasDeadLetterTopic()) {
                    add(missing, existing, settings.names().deadLetterOf(topic), false, settings);
                }
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            return missing.stream().map(NewTopic::name).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the pipeline's topics on " + bootstrapServers + ": "
                    + e.getMessage(), e);
        }
    }

    private static void add(List<NewTopic> missing, Set<String> existing, String name, boolean compacted,
            Settings settings) {
        if (existing.contains(name)) {
            return;
        }
        missing.add(new NewTopic(name, settings.partitions(), (short) 1).configs(Map.of(
                TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(settings.maxMessageBytes()),
                TopicConfig.CLEANUP_POLICY_CONFIG,
                compacted ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)));
    }
}
