package io.synthsmith.embedded.infinispan;

import io.synthsmith.embedded.process.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A real Infinispan server (Hot Rod and REST on one port), in a JVM of its own, from the Maven artifacts that
 * libs/infinispan-server-runtime resolved. Its global state and cache stores live under the given directory,
 * so a restart keeps the caches that services created.
 */
public final class InfinispanServer implements AutoCloseable {

    private static final String CLASSPATH = "META-INF/synthsmith/infinispan-server.classpath";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** How to run the server; {@code port} 0 picks a free port. */
    public record Settings(Path dir, int port, String heap) {

        public static Settings in(Path dir) {
            return new Settings(dir, 0, "512m");
        }

        public Settings withPort(int newPort) {
            return new Settings(dir, newPort, heap);
        }
    }

    private final int port;
    private final ServerProcess process;

    private InfinispanServer(int port, ServerProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Lays out the server root if it is new, starts the server, and waits until it reports healthy. */
    public static InfinispanServer start(Settings settings) {
        int port = settings.port() == 0 ? ServerProcess.freePort() : settings.port();
        Path home = settings.dir().toAbsolutePath();
        Path root = home.resolve("server");
        try {
            Files.createDirectories(home.resolve("lib"));
            Files.createDirectories(root.resolve("lib"));
            Files.createDirectories(root.resolve("conf"));
            Files.createDirectories(root.resolve("data"));
            Files.createDirectories(root.resolve("log"));
            copyResource("infinispan.xml", root.resolve("conf/infinispan.xml"));
            copyResource("log4j2.xml", root.resolve("conf/log4j2.xml"));
            Files.writeString(root.resolve("conf/logging.properties"), "handlers=\n.level=WARNING\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Infinispan under " + home, e);
        }
        ServerProcess.Launch launch = new ServerProcess.Launch("infinispan-server", CLASSPATH,
                "org.infinispan.server.loader.Loader",
                List.of("-Xms128m", "-Xmx" + settings.heap(), "-XX:+UseG1GC", "-Djava.awt.headless=true",
                        "-Dinfinispan.server.home.path=" + home,
                        "-Dinfinispan.server.root.path=" + root,
                        "-Dlog4j.configurationFile=" + root.resolve("conf/log4j2.xml"),
                        "-Dinfinispan.bind.port=" + port),
                List.of("org.infinispan.server.Bootstrap", "-s", root.toString(), "-b", "127.0.0.1",
                        "-p", Integer.toString(port)),
                home, home.resolve("logs/infinispan-server.log"));
        ServerProcess process = ServerProcess.start(launch, () -> healthy(port), START_TIMEOUT);
        return new InfinispanServer(port, process);
    }

    /** The Hot Rod address, as {@code quarkus.infinispan-client.hosts} takes it. */
    public String hotRodHosts() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server cleanly (SIGTERM). */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Kills the server (SIGKILL), as a crash would. */
    public void kill() {
        process.kill();
    }

    /** Starts the server again on the same port and data after {@link #stop()} or {@link #kill()}. */
    public void restart() {
        process.restart(() -> healthy(port), START_TIMEOUT);
    }

    @Override
    public void close() {
        stop();
    }

    private static boolean healthy(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/rest/v2/container/health/status"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("HEALTHY");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = InfinispanServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " is missing from libs/embedded");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
