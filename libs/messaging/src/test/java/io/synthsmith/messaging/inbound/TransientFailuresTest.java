package io.synthsmith.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void anUnreachableDependencyAnywhereInTheCauseChainIsTransient() {
        // As the task-evolver met it while Infinispan restarted: a socket timeout wrapped twice.
        RuntimeException wrapped = new RuntimeException(new RuntimeException(
                new SocketTimeoutException("IterationNextOperation{synthsmith-features-run-1} timed out after 60000 ms")));
        assertThat(TransientFailures.isTransient(wrapped)).isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new NotLeaderOrFollowerException("moved"))))
                .isTrue();
    }

    @Test
    void aCacheNotStartedYetByARestartedInfinispanIsTransient() throws Exception {
        // As the task-evolver met it a second before Infinispan reported it had started again.
        Class<?> type = Class.forName("org.infinispan.client.hotrod.exceptions.HotRodClientException");
        Throwable starting = (Throwable) type.getConstructor(String.class).newInstance(
                "org.infinispan.server.hotrod.CacheNotFoundException: Cache with name 'synthsmith-features-run-7' not"
                        + " found amongst the configured caches");
        assertThat(TransientFailures.isTransient(new RuntimeException(starting))).isTrue();
        Throwable other = (Throwable) type.getConstructor(String.class).newInstance("invalid marshaller");
        assertThat(TransientFailures.isTransient(other)).isFalse();
    }

    @Test
    void aFailureOfTheRecordItselfIsNot() {
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("statement is blank"))).isFalse();
        assertThat(TransientFailures.isTransient(new UncheckedIOException(new java.io.IOException("disk full"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
    }

    @Test
    void workCutShortByAnInterruptionIsAnInterruptionAndATimeoutIsNot() {
        // As the verifier met it when it was stopped with a task waiting for a sandbox slot.
        RuntimeException cutShort = new IllegalStateException("a sandboxed run failed", new IllegalStateException(
                "interrupted while waiting for a sandbox slot", new InterruptedException()));
        assertThat(TransientFailures.isInterruption(cutShort)).isTrue();
        assertThat(TransientFailures.isInterruption(new UncheckedIOException(
                new java.nio.channels.ClosedByInterruptException()))).isTrue();
        assertThat(TransientFailures.isInterruption(new RuntimeException(new SocketTimeoutException("read timed out"))))
                .isFalse();
        assertThat(TransientFailures.isInterruption(new IllegalArgumentException("statement is blank"))).isFalse();
    }
}
