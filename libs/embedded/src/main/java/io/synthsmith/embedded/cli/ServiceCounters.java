package io.synthsmith.embedded.cli;

import io.synthsmith.messages.topics.Topic;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pipeline's counters in one service's metrics, by topic base name ({@code seeds}, not
 * {@code synthsmith.seeds}): the services label most counters with full topic names, the exporter its records
 * with base names, and a status should not care which.
 *
 * <ul>
 * <li>{@code synthsmith_inbound_records_total{topic,outcome,kind}}: records a service finished with, processed or
 * dead-lettered;</li>
 * <li>{@code synthsmith_outbound_records_total{topic}}: messages it wrote (the {@code rejected} topic included);</li>
 * <li>{@code synthsmith_exporter_records_total{topic,outcome}}: the exporter's transactional export records;</li>
 * <li>{@code synthsmith_rejections_total{stage,reason}}: work it decided against;</li>
 * <li>{@code synthsmith_task_evolver_seeds_total{kind,outcome}}: seeds merged, redelivered or rejected.</li>
 * </ul>
 */
public record ServiceCounters(PrometheusText metrics, String prefix) {

    static final String INBOUND = "synthsmith_inbound_records_total";
    static final String OUTBOUND = "synthsmith_outbound_records_total";
    static final String EXPORTER_RECORDS = "synthsmith_exporter_records_total";
    static final String REJECTIONS = "synthsmith_rejections_total";
    static final String EVOLVER_SEEDS = "synthsmith_task_evolver_seeds_total";

    /** Records taken from each input topic, whatever their outcome. */
    public Map<String, Long> consumedByTopic() {
        return byTopic(metrics.sumBy(INBOUND, "topic", Map.of()));
    }

    /** Records sent to a dead-letter topic, over every input topic. */
    public long deadLettered() {
        return round(metrics.sum(INBOUND, Map.of("outcome", "dead_lettered")));
    }

    /** Messages written to each output topic, the {@code rejected} topic left out (see {@link #rejectedByReason}). */
    public Map<String, Long> producedByTopic() {
        Map<String, Long> produced = byTopic(metrics.sumBy(OUTBOUND, "topic", Map.of()));
        produced.remove(Topic.REJECTED.baseName());
        byTopic(metrics.sumBy(EXPORTER_RECORDS, "topic", Map.of("outcome", "committed")))
                .forEach((topic, count) -> produced.merge(topic, count, Long::sum));
        return produced;
    }

    /** Rejections written, by reason. */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> rejected = new TreeMap<>();
        metrics.sumBy(REJECTIONS, "reason", Map.of()).forEach((reason, count) -> rejected.put(reason, round(count)));
        return rejected;
    }

    /** Records of {@code topic} finished with; given an outcome ({@code processed}, {@code dead_lettered}), those. */
    public long inbound(Topic topic, String outcome) {
        return bySample(INBOUND, topic, outcome == null ? Map.of() : Map.of("outcome", outcome));
    }

    /** Messages written to {@code topic}. */
    public long outbound(Topic topic) {
        return bySample(OUTBOUND, topic, Map.of());
    }

    /** The task-evolver's seeds with the given outcome: {@code merged}, {@code redelivered} or {@code rejected}. */
    public long evolverSeeds(String outcome) {
        return round(metrics.sum(EVOLVER_SEEDS, Map.of("outcome", outcome)));
    }

    private long bySample(String name, Topic topic, Map<String, String> filter) {
        return byTopic(metrics.sumBy(name, "topic", filter)).getOrDefault(topic.baseName(), 0L);
    }

    private Map<String, Long> byTopic(Map<String, Double> sums) {
        Map<String, Long> byBaseName = new TreeMap<>();
        sums.forEach((topic, count) -> byBaseName.merge(baseName(topic), round(count), Long::sum));
        return byBaseName;
    }

    private String baseName(String topic) {
        return !prefix.isEmpty() && topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
    }

    private static long round(double value) {
        return Math.round(value);
    }
}
