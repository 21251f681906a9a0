package io.synthsmith.exporter.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.synthsmith.exporter.stream.ExportHeaders;
import io.synthsmith.exporter.stream.TaskExport;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.inbound.InboundGate;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the accepted topic in batches and writes each batch's export records in one Kafka transaction that also
 * commits the batch's input offsets: a batch is exported completely, once, or not at all. Each record is first
 * checked against its contract by the {@link InboundGate}, which dead-letters what breaks it. When a transaction
 * aborts, the consumer goes back to the last committed offsets and the batch is read again. SmallRye subscribes
 * to one batch at a time, so at most one batch (max.poll.records accepted tasks) is in flight; its checks run on
 * a worker thread because dead-lettering waits for the broker.
 */
@ApplicationScoped
public class AcceptedConsumer {

    private static final Logger LOG = Logger.getLogger(AcceptedConsumer.class);

    private final InboundGate gate;
    private final TaskExport export;
    private final KafkaTransactions<byte[]> transactions;
    private final TopicNames topics;
    private final MessageCodec codec;
    private final MeterRegistry registry;

    public AcceptedConsumer(InboundGate gate, TaskExport export, @Channel("exports") KafkaTransactions<byte[]> transactions,
            TopicNames topics, MessageCodec codec, MeterRegistry registry) {
        this.gate = gate;
        this.export = export;
        this.transactions = transactions;
        this.topics = topics;
        this.codec = codec;
        this.registry = registry;
    }

    @Incoming("accepted")
    public Uni<Void> consume(Message<ConsumerRecords<String, byte[]>> batch) {
        return Uni.createFrom().item(() -> admit(batch.getPayload()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((admitted, failure) -> {
                    if (failure != null) {
                        // A dead letter that cannot be written: abort, so the batch is read again, never skipped.
                        LOG.errorf(failure, "cannot check a batch of %d accepted records", batch.getPayload().count());
                    }
                    Admitted exported = failure == null ? admitted : new Admitted(0, List.of());
                    return transactions.withTransactionAndAck(batch, emitter -> {
                        if (failure != null) {
                            emitter.markForAbort();
                        }
                        exported.outputs().forEach(output -> emitter.send(message(output)));
                        return Uni.createFrom().voidItem();
                    }).invoke(() -> count("committed", exported))
                            .onFailure().recoverWithItem(aborted -> {
                                LOG.warnf(aborted, "export transaction of %d accepted records aborted; they are read"
                                        + " again from the last committed offsets", batch.getPayload().count());
                                count("aborted", exported);
                                return null;
                            });
                });
    }

    /** The export records of a batch's admitted tasks; the gate dead-letters the records that break the contract. */
    private Admitted admit(ConsumerRecords<String, byte[]> records) {
        List<TaskExport.Output> outputs = new ArrayList<>();
        int tasks = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            int before = outputs.size();
            gate.admit(MessageType.ACCEPTED, record, (Accepted accepted) -> outputs.addAll(export.of(accepted)));
            tasks += outputs.size() > before ? 1 : 0;
        }
        return new Admitted(tasks, List.copyOf(outputs));
    }

    private record Admitted(int tasks, List<TaskExport.Output> outputs) {
    }

    private Message<byte[]> message(TaskExport.Output output) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ExportHeaders.RUN_ID, output.message().runId().getBytes(StandardCharsets.UTF_8));
        headers.add(ExportHeaders.SCHEMA, output.message().schema().getBytes(StandardCharsets.UTF_8));
        headers.add(ExportHeaders.FILE_FORMATS, String.join(",", output.fileFormats()).getBytes(StandardCharsets.UTF_8));
        return Message.of(codec.encode(output.message())).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topics.of(output.topic()))
                .withKey(output.key())
                .withHeaders(headers)
                .build());
    }

    private void count(String outcome, Admitted admitted) {
        registry.counter("synthsmith.exporter.transactions", "outcome", outcome).increment();
        registry.counter("synthsmith.exporter.tasks", "outcome", outcome).increment(admitted.tasks());
        for (TaskExport.Output output : admitted.outputs()) {
            registry.counter("synthsmith.exporter.records", "topic", output.topic().baseName(), "outcome", outcome)
                    .increment();
        }
    }
}
