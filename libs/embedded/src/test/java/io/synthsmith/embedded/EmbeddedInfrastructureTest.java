package io.synthsmith.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.topics.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The infrastructure is real: a KRaft broker that stores and serves records, and an Infinispan server. */
class EmbeddedInfrastructureTest {

    private static EmbeddedInfrastructure infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = EmbeddedInfrastructure.start(
                EmbeddedInfrastructure.Settings.in(EmbeddedInfrastructure.freshDirectory("infrastructure-test")));
    }

    @AfterAll
    static void stop() {
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void createsEveryTopicPartitionedAndZstdCompressed() throws Exception {
        String seeds = infrastructure.topicNames().of(Topic.SEEDS);
        String runs = infrastructure.topicNames().of(Topic.RUNS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafka().bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .containsAll(infrastructure.topicNames().all());
            TopicDescription description = admin.describeTopics(List.of(seeds)).allTopicNames().get().get(seeds);
            assertThat(description.partitions()).hasSize(4);
            ConfigResource seedsConfig = new ConfigResource(ConfigResource.Type.TOPIC, seeds);
            ConfigResource runsConfig = new ConfigResource(ConfigResource.Type.TOPIC, runs);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(seedsConfig, runsConfig)).all().get();
            assertThat(configs.get(seedsConfig).get("compression.type").value()).isEqualTo("zstd");
            assertThat(configs.get(seedsConfig).get("max.message.bytes").value()).isEqualTo("16777216");
            assertThat(configs.get(runsConfig).get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void theBrokerKeepsRecordsAcrossAKill() {
        String topic = infrastructure.topicNames().of(Topic.REJECTED);
        String value = "survives-" + UUID.randomUUID();
        produce(topic, value);

        infrastructure.kafka().kill();
        assertThat(infrastructure.kafka().isRunning()).isFalse();
        infrastructure.kafka().restart();

        assertThat(consumeAll(topic)).contains(value);
    }

    @Test
    void infinispanAnswersOverItsSinglePort() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://" + infinispanHost() + "/rest/v2/container/health/status")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("HEALTHY");
        assertThat(infrastructure.quarkusConfig()).containsEntry("quarkus.infinispan-client.hosts", infinispanHost());
    }

    private static String infinispanHost() {
        return infrastructure.infinispan().hotRodHosts();
    }

    private static void produce(String topic, String value) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not produce to " + topic, e);
        }
    }

    private static List<String> consumeAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
