package io.synthsmith.exporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportedTasksTest {

    @Test
    void holdsEveryAddedTaskAndNoOtherAsItGrows() {
        ExportedTasks exported = new ExportedTasks();
        int count = 200_000;
        for (int i = 0; i < count; i++) {
            assertThat(exported.add("task-" + i)).isTrue();
        }

        assertThat(exported.size()).isEqualTo(count);
        for (int i = 0; i < count; i++) {
            assertThat(exported.contains("task-" + i)).as("task-%d", i).isTrue();
        }
        for (int i = count; i < 2 * count; i++) {
            assertThat(exported.contains("task-" + i)).as("task-%d", i).isFalse();
        }
    }

    @Test
    void aTaskAddedAgainIsNotNew() {
        ExportedTasks exported = new ExportedTasks();

        assertThat(exported.add("task-6f1c2a9e0b7d4e5fa1c3b2d4e6f8a0b1")).isTrue();
        assertThat(exported.add("task-6f1c2a9e0b7d4e5fa1c3b2d4e6f8a0b1")).isFalse();
        assertThat(exported.size()).isEqualTo(1);
        assertThat(exported.contains("task-6f1c2a9e0b7d4e5fa1c3b2d4e6f8a0b2")).isFalse();
    }
}
