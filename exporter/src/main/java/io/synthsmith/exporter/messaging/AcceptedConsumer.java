package io.synthsmith.exporter.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.synthsmith.exporter.ledger.ExportLedger;
import io.synthsmith.exporter.ledger.LedgerEntry;
import io.synthsmith.exporter.stream.ExportHeaders;
import io.synthsmith.exporter.stream.TaskExport;
import io.synthsmith.messages.Accepted;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.codec.MessageType;
import io.synthsmith.messages.topics.TopicNames;
import io.synthsmith.messaging.inbound.InboundGate;
import io.synthsmith.messaging.tracing.MessageTracing;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the accepted topic in batches and writes each batch's export records in one Kafka transaction that also
 * commits the batch's input offsets: a batch is exported completely, once, or not at all. Each record is first
 * checked against its contract by the {@link InboundGate}, which dead-letters what breaks it. A task already in the
 * {@link ExportLedger} (exported by a committed transaction) or already in the batch is a copy that an upstream
 * stage wrote to accepted twice: it is counted and left out. Each exported task gets a ledger record in the same
 * transaction, and joins the ledger's in-memory view only once that transaction has committed. When a transaction
 * aborts, the consumer goes back to the last committed offsets and the batch is read again. SmallRye subscribes to
 * one batch at a time, so at most one batch (max.poll.records accepted tasks) is in flight; its checks run on a
 * worker thread because dead-lettering and reading the ledger wait for the broker.
 */
@ApplicationScoped
public class AcceptedConsumer {

    private static final Logger LOG = Logger.getLogger(AcceptedConsumer.class);

    private final InboundGate gate;
    private final TaskExport export;
    private final ExportLedger ledger;
    private final KafkaTransactions<byte[]> transactions;
    private final TopicNames topics;
    private final MessageCodec codec;
    private final MeterRegistry registry;
    private final MessageTracing tracing;

    public AcceptedConsumer(InboundGate gate, TaskExport export, ExportLedger ledger,
            @Channel("exports") KafkaTransactions<byte[]> transactions, TopicNames topics, MessageCodec codec,
            MeterRegistry registry, MessageTracing tracing) {
        this.gate = gate;
        this.export = export;
        this.ledger = ledger;
        this.transactions = transactions;
        this.topics = topics;
        this.codec = codec;
        this.registry = registry;
        this.tracing = tracing;
        // Present from the start, so a dashboard shows zero duplicates rather than no data.
        registry.counter("synthsmith.exporter.tasks", "outcome", "duplicate");
    }

    @Incoming("accepted")
    public Uni<Void> consume(Message<ConsumerRecords<String, byte[]>> batch) {
        return Uni.createFrom().item(() -> admit(batch.getPayload()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onItemOrFailure().transformToUni((admitted, failure) -> {
                    if (failure != null) {
                        // A dead letter that cannot be written, or a ledger that cannot be read: abort, so the
                        // batch is read again, never skipped.
                        LOG.errorf(failure, "cannot check a batch of %d accepted records", batch.getPayload().count());
                    }
                    Admitted exported = failure == null ? admitted : new Admitted(List.of(), List.of(), 0);
                    return transactions.withTransactionAndAck(batch, emitter -> {
                        if (failure != null) {
                            emitter.markForAbort();
                        }
                        exported.outputs().forEach(output -> emitter.send(message(output)));
                        exported.entries().forEach(entry -> emitter.send(ledgerRecord(entry)));
                        return Uni.createFrom().voidItem();
                    }).invoke(() -> {
                        ledger.recordCommitted(exported.entries().stream().map(LedgerEntry::taskId).toList());
                        count("committed", exported);
                    }).onFailure().recoverWithItem(aborted -> {
                        LOG.warnf(aborted, "export transaction of %d accepted records aborted; they are read"
                                + " again from the last committed offsets", batch.getPayload().count());
                        count("aborted", exported);
                        return null;
                    });
                });
    }

    /**
     * The export records and ledger entries of a batch's admitted tasks, copies left out; the gate dead-letters the
     * records that break the contract.
     */
    private Admitted admit(ConsumerRecords<String, byte[]> records) {
        ledger.catchUp(records.partitions().stream().map(TopicPartition::partition).collect(Collectors.toSet()));
        Instant now = Instant.now();
        List<TracedOutput> outputs = new ArrayList<>();
        List<LedgerEntry> entries = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        int[] duplicates = {0};
        for (ConsumerRecord<String, byte[]> record : records) {
            gate.admit(MessageType.ACCEPTED, record, (Accepted accepted) -> {
                String taskId = accepted.verified().task().id();
                if (ledger.exported(taskId) || inBatch.contains(taskId)) {
                    duplicates[0]++;
                    LOG.debugf("task %s (accepted message %s at %s-%d@%d) is already %s; not exported again",
                            taskId, accepted.id(), record.topic(), record.partition(), record.offset(),
                            inBatch.contains(taskId) ? "in this batch" : "in the export ledger");
                    return;
                }
                // The gate runs this inside the accepted record's span; the transaction sends later, outside it.
                RecordHeaders trace = new RecordHeaders();
                tracing.injectCurrent(trace);
                export.of(accepted).forEach(output -> outputs.add(new TracedOutput(output, trace)));
                inBatch.add(taskId);
                entries.add(new LedgerEntry(taskId, accepted.runId(), accepted.id(), now,
                        new LedgerEntry.Source(record.topic(), record.partition(), record.offset())));
            });
        }
        return new Admitted(List.copyOf(entries), List.copyOf(outputs), duplicates[0]);
    }

    /** A batch's exported tasks (one ledger entry each), their export records, and the copies left out. */
    private record Admitted(List<LedgerEntry> entries, List<TracedOutput> outputs, int duplicates) {
    }

    /** An export record and the trace context (traceparent, tracestate) of the accepted record it comes from. */
    private record TracedOutput(TaskExport.Output output, RecordHeaders trace) {
    }

    private Message<byte[]> message(TracedOutput traced) {
        TaskExport.Output output = traced.output();
        RecordHeaders headers = new RecordHeaders(traced.trace().toArray());
        headers.add(ExportHeaders.RUN_ID, output.message().runId().getBytes(StandardCharsets.UTF_8));
        headers.add(ExportHeaders.SCHEMA, output.message().schema().getBytes(StandardCharsets.UTF_8));
        headers.add(ExportHeaders.FILE_FORMATS, String.join(",", output.fileFormats()).getBytes(StandardCharsets.UTF_8));
        if (output.license() != null) {
            headers.add(ExportHeaders.LICENSE, output.license().getBytes(StandardCharsets.UTF_8));
        }
        return Message.of(codec.encode(output.message())).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topics.of(output.topic()))
                .withKey(output.key())
                .withHeaders(headers)
                .build());
    }

    private Message<byte[]> ledgerRecord(LedgerEntry entry) {
        return Message.of(ledger.encode(entry)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(ledger.topic())
                .withPartition(ledger.partitionFor(entry.accepted().partition()))
                .withKey(entry.taskId())
                .build());
    }

    private void count(String outcome, Admitted admitted) {
        registry.counter("synthsmith.exporter.transactions", "outcome", outcome).increment();
        registry.counter("synthsmith.exporter.tasks", "outcome", outcome).increment(admitted.entries().size());
        if (outcome.equals("committed")) {
            // Counted once the batch is done with: an aborted batch is read again and finds its copies again.
            registry.counter("synthsmith.exporter.tasks", "outcome", "duplicate").increment(admitted.duplicates());
        }
        for (TracedOutput traced : admitted.outputs()) {
            registry.counter("synthsmith.exporter.records", "topic", topics.of(traced.output().topic()), "outcome",
                    outcome).increment();
        }
    }
}
