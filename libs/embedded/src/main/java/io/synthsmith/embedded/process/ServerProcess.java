package io.synthsmith.embedded.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * A server running in a JVM of its own, on a classpath that Maven resolved at build time (see the
 * {@code *-runtime} modules), under {@link OrphanGuard} so that it dies with its owner. Its output goes to a log
 * file whose tail is shown when it fails to start.
 */
public final class ServerProcess {

    private static final Logger LOG = Logger.getLogger(ServerProcess.class);

    /** How to launch one server JVM. */
    public record Launch(String name, String classpathResource, String mainClass, List<String> jvmOptions,
            List<String> arguments, Path workDir, Path logFile) {
    }

    private final Launch launch;
    private Process process;

    private ServerProcess(Launch launch) {
        this.launch = launch;
    }

    /** Starts the server and waits until {@code ready} holds, or fails with the log's tail. */
    public static ServerProcess start(Launch launch, BooleanSupplier ready, Duration timeout) {
        ServerProcess server = new ServerProcess(launch);
        server.startAndAwait(ready, timeout);
        return server;
    }

    /** Runs a tool of the server's distribution (same classpath) to completion, failing with its output. */
    public static void runTool(Launch launch, Duration timeout) {
        ServerProcess tool = new ServerProcess(launch);
        tool.spawn();
        try {
            if (!tool.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                tool.kill();
                throw new IllegalStateException(launch.name() + " did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tool.kill();
            throw new IllegalStateException("interrupted while running " + launch.name(), e);
        }
        if (tool.process.exitValue() != 0) {
            throw new IllegalStateException(launch.name() + " failed with status " + tool.process.exitValue()
                    + "; last lines of " + launch.logFile() + ":\n" + tool.tail());
        }
    }

    /** Starts it again after a stop or kill, with the same configuration, data and ports. */
    public void restart(BooleanSupplier ready, Duration timeout) {
        if (isAlive()) {
            throw new IllegalStateException(launch.name() + " is still running; stop or kill it first");
        }
        startAndAwait(ready, timeout);
    }

    private void startAndAwait(BooleanSupplier ready, Duration timeout) {
        spawn();
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(launch.name() + " exited with status " + process.exitValue()
                        + " while starting; last lines of " + launch.logFile() + ":\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                kill();
                throw new IllegalStateException(launch.name() + " was not ready within " + timeout.toSeconds()
                        + " s; last lines of " + launch.logFile() + ":\n" + tail());
            }
            sleep(200);
        }
        LOG.infof("%s is up (pid %d, log %s)", launch.name(), process.pid(), launch.logFile());
    }

    private void spawn() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(launch.jvmOptions());
        command.add("-cp");
        command.add(classpath(launch.classpathResource()) + java.io.File.pathSeparator + ownLocation());
        command.add(OrphanGuard.class.getName());
        command.add(launch.mainClass());
        command.addAll(launch.arguments());
        try {
            Files.createDirectories(launch.logFile().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(launch.workDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
            Map<String, String> env = builder.environment();
            env.remove("JAVA_TOOL_OPTIONS");
            env.remove("_JAVA_OPTIONS");
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + launch.name() + ": " + String.join(" ", command), e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return launch.logFile();
    }

    /** Asks the server to shut down (SIGTERM) and waits for it, killing it after {@code grace}. */
    public void stop(Duration grace) {
        if (!isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warnf("%s did not stop within %d s; killing it", launch.name(), grace.toSeconds());
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the server's log, for error messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(launch.logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A TCP port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static String classpath(String resource) {
        try (InputStream in = ServerProcess.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("classpath file " + resource + " is missing: build libs/"
                        + resource.replaceAll(".*/([a-z-]+)\\.classpath", "$1") + "-runtime first (./mvnw install)");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String first = classpath.split(java.io.File.pathSeparator)[0];
            if (!Files.exists(Path.of(first))) {
                throw new IllegalStateException("the classpath in " + resource + " names " + first
                        + ", which does not exist on this machine: rebuild with ./mvnw install");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String ownLocation() {
        try {
            return Path.of(OrphanGuard.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server to start", e);
        }
    }
}
