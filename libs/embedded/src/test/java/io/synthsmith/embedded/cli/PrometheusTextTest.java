package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthsmith.messages.topics.Topic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    /** As a Quarkus service with Micrometer's Prometheus registry serves it (trimmed), plus the corner cases. */
    private static final String EXPOSITION = """
            # HELP synthsmith_inbound_records_total Records read from an input topic, by outcome
            # TYPE synthsmith_inbound_records_total counter
            synthsmith_inbound_records_total{kind="none",outcome="processed",topic="synthsmith.seeds"} 5.0
            synthsmith_inbound_records_total{kind="NOT_JSON",outcome="dead_lettered",topic="synthsmith.seeds"} 1.0
            synthsmith_inbound_records_total{kind="none",outcome="processed",topic="synthsmith.generation.requests"} 24.0
            # HELP synthsmith_outbound_records_total Messages a service wrote, by topic
            # TYPE synthsmith_outbound_records_total counter
            synthsmith_outbound_records_total{topic="synthsmith.generation.requests"} 24.0
            synthsmith_outbound_records_total{topic="synthsmith.tasks"} 22.0 # {span_id="54cb3e2199d16c82",trace_id="48601c17afa67cdb63efbb0037f98e6d"} 1.0 1795263311.564
            synthsmith_outbound_records_total{topic="synthsmith.rejected"} 3.0
            synthsmith_rejections_total{reason="unparsable_reply",stage="task-evolver"} 2.0
            synthsmith_rejections_total{reason="oversize",stage="task-evolver"} 1.0
            synthsmith_exporter_records_total{outcome="committed",topic="export.sft"} 7.0
            synthsmith_exporter_records_total{outcome="committed",topic="synthsmith.export.rl"} 6.0
            synthsmith_exporter_records_total{outcome="aborted",topic="export.sft"} 2.0

            jvm_info{runtime="OpenJDK",vendor="Eclipse \\"Adoptium\\"",version="25 \\\\ x\\nnext"} 1 1763700000000
            process_cpu_usage NaN
            http_server_requests_seconds_bucket{le="+Inf",method="GET"} 4.0
            """;

    @Test
    void readsSamplesWithLabelsEscapesAndTimestamps() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);

        assertThat(text.samples()).hasSize(14);
        PrometheusText.Sample info = text.samples().stream().filter(s -> s.name().equals("jvm_info")).findFirst()
                .orElseThrow();
        assertThat(info.labels()).containsEntry("vendor", "Eclipse \"Adoptium\"")
                .containsEntry("version", "25 \\ x\nnext");
        assertThat(info.value()).isEqualTo(1.0);
        assertThat(text.sum("process_cpu_usage", Map.of())).isNaN();
        assertThat(text.sum("http_server_requests_seconds_bucket", Map.of("le", "+Inf"))).isEqualTo(4.0);
    }

    @Test
    void sumsCountersByLabel() {
        PrometheusText text = PrometheusText.parse(EXPOSITION);

        assertThat(text.sum("synthsmith_inbound_records_total", Map.of("topic", "synthsmith.seeds"))).isEqualTo(6.0);
        assertThat(text.sum("synthsmith_inbound_records_total", Map.of("outcome", "processed"))).isEqualTo(29.0);
        assertThat(text.sum("synthsmith_inbound_records_total", Map.of("outcome", "nothing"))).isZero();
        assertThat(text.sumBy("synthsmith_rejections_total", "reason", Map.of("stage", "task-evolver")))
                .containsExactly(Map.entry("oversize", 1.0), Map.entry("unparsable_reply", 2.0));
    }

    @Test
    void countsByTopicBaseNameWhateverTheLabelsPrefix() {
        ServiceCounters counters = new ServiceCounters(PrometheusText.parse(EXPOSITION), "synthsmith.");

        assertThat(counters.consumedByTopic()).containsExactly(Map.entry("generation.requests", 24L),
                Map.entry("seeds", 6L));
        assertThat(counters.deadLettered()).isEqualTo(1);
        assertThat(counters.producedByTopic()).containsExactly(Map.entry("export.rl", 6L),
                Map.entry("export.sft", 7L), Map.entry("generation.requests", 24L), Map.entry("tasks", 22L));
        assertThat(counters.rejectedByReason()).containsExactly(Map.entry("oversize", 1L),
                Map.entry("unparsable_reply", 2L));
        assertThat(counters.inbound(Topic.SEEDS, "dead_lettered")).isEqualTo(1);
        assertThat(counters.outbound(Topic.TASKS)).isEqualTo(22);
    }

    @Test
    void namesTheMalformedLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok_total 1\nbroken_total{topic=\"x} 2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("metrics line 2")
                .hasMessageContaining("unclosed label value of 'topic'");
        assertThatThrownBy(() -> PrometheusText.parse("a_total{x=\"1\"} many"))
                .hasMessageContaining("bad value 'many'");
    }
}
