package io.synthsmith.messages.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void prefixesEveryTopicAndGivesConsumedTopicsADeadLetterTopic() {
        TopicNames names = TopicNames.defaults();

        assertThat(names.of(Topic.EXPORT_SFT)).isEqualTo("synthsmith.export.sft");
        assertThat(names.deadLetterOf(Topic.SEEDS)).isEqualTo("synthsmith.seeds.dlq");
        assertThat(names.all()).contains("synthsmith.seeds", "synthsmith.seeds.dlq", "synthsmith.export.rl")
                .doesNotContain("synthsmith.export.rl.dlq");
    }

    @Test
    void exportsHaveNoDeadLetterTopic() {
        assertThatThrownBy(() -> TopicNames.defaults().deadLetterOf(Topic.EXPORT_RL))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPrefixKafkaCannotUseIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new TopicNames("team a/")).hasMessageContaining("letters, digits");
    }
}
