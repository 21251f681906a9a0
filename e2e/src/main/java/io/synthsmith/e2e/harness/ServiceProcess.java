package io.synthsmith.e2e.harness;

import io.synthsmith.embedded.process.OrphanGuard;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One pipeline service as its own JVM, started from its Quarkus application ({@code <module>/target/quarkus-app}),
 * configured by environment variables as a deployment would be. It can be killed (SIGKILL), stopped (SIGTERM) and
 * started again with the same configuration. Its JVM runs under the {@link OrphanGuard}, so it dies with the
 * process that owns this object even when that one is killed. Tracks the peak resident memory over all its lives.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path application;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path logFile;
    private Process process;
    private long peakRssKib;
    private int starts;
    private int failedLivenessChecks;
    private volatile boolean heldBySomeoneElse;

    public ServiceProcess(String name, Path application, int port, Map<String, String> environment,
            List<String> jvmOptions, Path logFile) {
        if (!Files.isRegularFile(application.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("service " + name + " is not built: no " + application.resolve("quarkus-run.jar")
                    + "; run ./mvnw install -DskipTests first");
        }
        this.name = name;
        this.application = application;
        this.port = port;
        this.environment = new LinkedHashMap<>(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.logFile = logFile;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /**
     * The machine's addresses beyond loopback on which this service's port accepts a connection: none, as services
     * listen on 127.0.0.1 unless told otherwise (issue 20).
     */
    public List<String> reachableBeyondLoopback() {
        List<String> reachable = new ArrayList<>();
        try {
            for (InetAddress address : NetworkInterface.networkInterfaces()
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address, port), 2_000);
                    reachable.add(address.getHostAddress() + ":" + port);
                } catch (IOException refused) {
                    // not listening there: as it should be
                }
            }
        } catch (SocketException e) {
            throw new UncheckedIOException("cannot list this machine's network addresses", e);
        }
        return reachable;
    }

    public Path logFile() {
        return logFile;
    }

    /** How many times it was started. */
    public int starts() {
        return starts;
    }

    /** Starts the JVM (it must not be running) without waiting for readiness. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(application.resolve("quarkus-run.jar") + java.io.File.pathSeparator + location(OrphanGuard.class));
        command.add(OrphanGuard.class.getName());
        command.add("io.quarkus.bootstrap.runner.QuarkusEntryPoint");
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "---- start " + (starts + 1) + " of " + name + " at " + Instant.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(application.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("_JAVA_OPTIONS");
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().putAll(environment);
            process = builder.start();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200, failing with the log's tail if it exits or times out. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready()) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " while starting; last lines of " + logFile + ":\n" + tail(40));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; last lines of "
                        + logFile + ":\n" + tail(40));
            }
            sleep(250);
        }
    }

    /** Whether the service answers its readiness probe now. */
    public boolean ready() {
        return isAlive() && get("/q/health/ready").map(response -> response.statusCode() == 200).orElse(false);
    }

    /** The body of a GET on the service, when it answers. */
    public java.util.Optional<HttpResponse<String>> get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(new URI(url(path))).timeout(Duration.ofSeconds(3)).GET().build();
            return java.util.Optional.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | URISyntaxException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Kills it at once (SIGKILL), as a crash or the OOM killer would. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        samplePeakMemory();
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /**
     * Asks it to shut down (SIGTERM) and waits at most {@code grace}; returns how it ended. It is killed when the
     * grace runs out, which the result says.
     */
    public synchronized Termination terminate(Duration grace) {
        if (!isAlive()) {
            return new Termination(false, Duration.ZERO, process == null ? -1 : process.exitValue());
        }
        samplePeakMemory();
        Instant asked = Instant.now();
        process.destroy();
        boolean exited = waitFor(grace);
        if (!exited) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        return new Termination(exited, Duration.between(asked, Instant.now()), process.exitValue());
    }

    /** How a SIGTERM ended: whether it exited within the grace, how long it took, and its exit status. */
    public record Termination(boolean exitedInTime, Duration took, int exitStatus) {
    }

    /** Keeps the {@link #supervise supervisor} off this service while someone kills or restarts it on purpose. */
    public void hold(boolean held) {
        heldBySomeoneElse = held;
    }

    /**
     * What Kubernetes does for a Deployment: a JVM that exited on its own, or whose liveness probe
     * ({@code /q/health/live}, which reports a failed messaging channel) failed three checks in a row, is killed and
     * started again. Returns whether it restarted it.
     */
    public synchronized boolean supervise() {
        if (heldBySomeoneElse || process == null) {
            return false;
        }
        boolean alive = process.isAlive();
        if (alive) {
            boolean live = get("/q/health/live").map(response -> response.statusCode() == 200).orElse(false);
            failedLivenessChecks = live ? 0 : failedLivenessChecks + 1;
            if (failedLivenessChecks < 3) {
                return false;
            }
        }
        failedLivenessChecks = 0;
        kill();
        start();
        return true;
    }

    /** Reads the JVM's high-water mark of resident memory (VmHWM) into the peak over all its lives. */
    public synchronized void samplePeakMemory() {
        if (!isAlive()) {
            return;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKib = Math.max(peakRssKib, kib);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process ended between the check and the read: its last sample stands.
        }
    }

    /** The highest resident memory seen over all its lives, in MiB. */
    public synchronized long peakRssMib() {
        samplePeakMemory();
        return peakRssKib / 1024;
    }

    /** The last lines of its log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        terminate(Duration.ofSeconds(20));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
