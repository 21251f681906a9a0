package io.synthsmith.messaging.inbound;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells a failure of a dependency that will pass (Infinispan or Kafka restarting, a timed-out or refused connection)
 * from a failure of the record itself. The first kind must never send a record to the dead-letter topic: the record
 * is fine, it is tried again. Classes are matched by name for Infinispan, whose client not every service carries.
 */
public final class TransientFailures {

    private static final Set<String> INFINISPAN_TRANSIENT = Set.of(
            "org.infinispan.client.hotrod.exceptions.TransportException",
            "org.infinispan.client.hotrod.exceptions.HotRodTimeoutException",
            "org.infinispan.client.hotrod.exceptions.RemoteIllegalLifecycleStateException",
            "org.infinispan.client.hotrod.exceptions.RemoteNodeSuspectException",
            "org.infinispan.commons.IllegalLifecycleStateException");

    /**
     * Server-side errors the Hot Rod client reports as a plain HotRodClientException, seen while a restarted server
     * accepts connections before it has started the caches its global state lists.
     */
    private static final Set<String> INFINISPAN_STARTING = Set.of("CacheNotFoundException", "IllegalLifecycleStateException",
            "is not ready");

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything in its cause chain, says a dependency is unreachable for now. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof ConnectException
                    || cause instanceof NoRouteToHostException || cause instanceof ClosedChannelException
                    || cause instanceof RetriableException
                    || INFINISPAN_TRANSIENT.contains(cause.getClass().getName())) {
                return true;
            }
            if (cause.getClass().getName().equals("org.infinispan.client.hotrod.exceptions.HotRodClientException")
                    && cause.getMessage() != null
                    && INFINISPAN_STARTING.stream().anyMatch(cause.getMessage()::contains)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code failure}, or anything in its cause chain, is a thread interruption: work cut short, as a
     * shutdown does to what is still running after the consumer's closing timeout. Such a record is not at fault.
     */
    public static boolean isInterruption(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof InterruptedException || cause instanceof ClosedByInterruptException
                    || (cause instanceof InterruptedIOException && !(cause instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }
}
