package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.embedded.EmbeddedInfrastructure;
import io.synthsmith.embedded.kafka.KafkaBroker;
import io.synthsmith.embedded.process.ServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lag from a real broker: a consumer group that committed offsets behind the end of a topic. */
class ConsumerLagTest {

    private static final String TOPIC = "status.input";
    private static final String OTHER = "status.other";

    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start(KafkaBroker.Settings.in(EmbeddedInfrastructure.freshDirectory("consumer-lag")));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1), new NewTopic(OTHER, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        // partition 0: 5 records, partition 1: 3, partition 2: none; the other topic: 4
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, "k" + i, "v" + i));
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 1, "k" + i, "v" + i));
            }
            for (int i = 0; i < 4; i++) {
                producer.send(new ProducerRecord<>(OTHER, 0, "k" + i, "v" + i));
            }
            producer.flush();
        }
        // the group read 2 records of partition 0 and 3 of the other topic, and committed that; never partition 1
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "status-group");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(2),
                    new TopicPartition(OTHER, 0), new OffsetAndMetadata(3)), Duration.ofSeconds(30));
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sumsWhatTheGroupHasNotCommittedOverThePartitions() {
        try (ConsumerLag lag = ConsumerLag.connect(broker.bootstrapServers(), Duration.ofSeconds(10))) {
            List<ConsumerLag.Lag> lags = lag.of(List.of(
                    new ConsumerLag.Subscription("status-group", TOPIC),
                    new ConsumerLag.Subscription("status-group", OTHER),
                    new ConsumerLag.Subscription("never-consumed", TOPIC),
                    new ConsumerLag.Subscription("status-group", "no.such.topic")));

            assertThat(lags).containsExactly(
                    // 5 - 2 on partition 0, 3 - 0 on partition 1 (never committed: counted from the start)
                    new ConsumerLag.Lag("status-group", TOPIC, 6, 8, 3, 1),
                    new ConsumerLag.Lag("status-group", OTHER, 1, 4, 1, 1),
                    new ConsumerLag.Lag("never-consumed", TOPIC, 8, 8, 3, 0));
        }
    }

    @Test
    void aBrokerThatIsDownIsReportedAtOnce() {
        String nowhere = "127.0.0.1:" + ServerProcess.freePort();
        long start = System.nanoTime();

        assertThatThrownBy(() -> ConsumerLag.connect(nowhere, Duration.ofMillis(500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka at " + nowhere + " does not accept connections");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
