package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.synthsmith.embedded.process.ServerProcess;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probe over real sockets: a service that answers, one that is not there, and one that never answers. */
class ServiceProbeTest {

    // long enough for a loaded machine to answer the first request (500 ms was not, on 2 busy cores)
    private final ServiceProbe probe = new ServiceProbe("127.0.0.1", Duration.ofSeconds(2));

    @Test
    void readsHealthAndMetricsOfAServiceThatAnswers() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/q/health/ready", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.createContext("/q/metrics", exchange -> {
            byte[] body = "synthsmith_inbound_records_total{kind=\"none\",outcome=\"processed\",topic=\"synthsmith.tasks\"} 3.0\n"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            ServiceProbe.Reading reading = probe.read(server.getAddress().getPort()).join();

            assertThat(reading.health()).isEqualTo(ServiceProbe.Health.NOT_READY);
            assertThat(reading.problem()).isNull();
            assertThat(reading.metrics().sum(ServiceCounters.INBOUND, Map.of("outcome", "processed"))).isEqualTo(3.0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aPortNobodyListensOnIsNoListener() {
        int port = ServerProcess.freePort();

        ServiceProbe.Reading reading = probe.read(port).join();

        assertThat(reading.health()).isEqualTo(ServiceProbe.Health.NO_LISTENER);
        assertThat(reading.metrics()).isNull();
        assertThat(reading.problem()).isEqualTo("nothing listens on :" + port);
    }

    @Test
    void aServiceThatAcceptsButNeverAnswersIsNotWaitedFor() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            long start = System.nanoTime();

            ServiceProbe.Reading reading = probe.read(silent.getLocalPort()).join();

            assertThat(reading.health()).isEqualTo(ServiceProbe.Health.NO_ANSWER);
            assertThat(reading.metrics()).isNull();
            // bounded by the probe's timeout; the HTTP client's own default would wait forever
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }
}
