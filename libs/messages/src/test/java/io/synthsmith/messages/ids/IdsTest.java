package io.synthsmith.messages.ids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void theSameInputsGiveTheSameId() {
        assertThat(Ids.derive("task", "request-1")).isEqualTo(Ids.derive("task", "request-1"))
                .matches("task-[0-9a-f]{32}");
    }

    @Test
    void partsAreSeparatedSoThatShiftingTextBetweenThemChangesTheId() {
        assertThat(Ids.derive("request", "ab", "c")).isNotEqualTo(Ids.derive("request", "a", "bc"));
    }

    @Test
    void theKindIsPartOfTheId() {
        assertThat(Ids.derive("task", "x")).isNotEqualTo(Ids.derive("request", "x").replace("request", "task"));
    }

    @Test
    void aKindThatCannotStartAnIdIsRefused() {
        assertThatThrownBy(() -> Ids.derive("Task!", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Task!");
    }
}
