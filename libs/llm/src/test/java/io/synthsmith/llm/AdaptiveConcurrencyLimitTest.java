package io.synthsmith.llm;

import io.synthsmith.llm.AdaptiveConcurrencyLimit.Permit;
import io.synthsmith.llm.AdaptiveConcurrencyLimit.Signal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AdaptiveConcurrencyLimitTest {

    private final List<Permit> granted = new ArrayList<>();

    @Test
    void grantsUpToTheCapThenQueuesInArrivalOrder() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(2);
        List<String> started = new ArrayList<>();

        limit.acquire(permit -> take(permit, started, "a"));
        limit.acquire(permit -> take(permit, started, "b"));
        limit.acquire(permit -> take(permit, started, "c"));
        limit.acquire(permit -> take(permit, started, "d"));

        assertThat(started).containsExactly("a", "b");
        assertThat(limit.inFlight()).isEqualTo(2);
        assertThat(limit.waiting()).isEqualTo(2);
        granted.get(0).release(Signal.NEUTRAL);
        assertThat(started).containsExactly("a", "b", "c");
        granted.get(1).release(Signal.NEUTRAL);
        granted.get(1).release(Signal.NEUTRAL);
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(limit.inFlight()).isEqualTo(2);
        assertThat(limit.peakInFlight()).isEqualTo(2);
    }

    @Test
    void halvesOncePerRoundOfOverloadAndNeverBelowOne() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(8);
        for (int i = 0; i < 8; i++) {
            limit.acquire(granted::add);
        }

        granted.forEach(permit -> permit.release(Signal.OVERLOADED));

        assertThat(limit.limit()).isEqualTo(4);
        for (int round = 0; round < 5; round++) {
            List<Permit> next = new ArrayList<>();
            limit.acquire(next::add);
            next.get(0).release(Signal.OVERLOADED);
        }
        assertThat(limit.limit()).isEqualTo(1);
    }

    @Test
    void growsByOneForEveryLimitSuccessesUpToTheCap() {
        AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(4);
        List<Permit> first = new ArrayList<>();
        limit.acquire(first::add);
        first.get(0).release(Signal.OVERLOADED);
        limit.acquire(first::add);
        first.get(1).release(Signal.OVERLOADED);
        assertThat(limit.limit()).isEqualTo(1);

        succeed(limit, 1);
        assertThat(limit.limit()).isEqualTo(2);
        succeed(limit, 1);
        assertThat(limit.limit()).isEqualTo(2);
        succeed(limit, 1);
        assertThat(limit.limit()).isEqualTo(3);
        succeed(limit, 3 + 4 + 4 + 4);
        assertThat(limit.limit()).isEqualTo(4);
    }

    private void succeed(AdaptiveConcurrencyLimit limit, int times) {
        for (int i = 0; i < times; i++) {
            List<Permit> permit = new ArrayList<>();
            limit.acquire(permit::add);
            permit.get(0).release(Signal.SUCCEEDED);
        }
    }

    private void take(Permit permit, List<String> started, String name) {
        granted.add(permit);
        started.add(name);
    }
}
