package io.synthsmith.verifier.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One program loaded in one sandbox: runs it on input after input. Not thread-safe; one caller at a time. A
 * session whose runner died or stopped answering is broken: every later run is a sandbox failure, and the
 * caller opens a fresh session.
 */
public final class SandboxSession implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long ANSWER_GRACE_MILLIS = 5_000;
    private static final int SIGKILL = 9;
    private static final int SIGABRT = 6;
    private static final int SIGSEGV = 11;
    private static final int SIGXCPU = 24;
    private static final int SIGXFSZ = 25;

    private final Process process;
    private final Path sessionDir;
    private final ScheduledExecutorService watchdog;
    private final Runnable releaseSlot;
    private final InputStream replies;
    private final OutputStream requests;
    private final AtomicBoolean closed = new AtomicBoolean();
    private String brokenBecause;

    SandboxSession(Process process, Path sessionDir, ScheduledExecutorService watchdog, Runnable releaseSlot) {
        this.process = process;
        this.sessionDir = sessionDir;
        this.watchdog = watchdog;
        this.releaseSlot = releaseSlot;
        this.replies = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.requests = process.getOutputStream();
    }

    static SandboxSession failed(String reason, Path sessionDir) {
        SandboxSession session = new SandboxSession(null, sessionDir, null, () -> {
        });
        session.brokenBecause = reason;
        return session;
    }

    /** Whether the session can still run programs. */
    public boolean broken() {
        return brokenBecause != null;
    }

    /** Runs the program once on {@code input} with {@code args}, within {@code limits}. */
    public RunOutcome run(String input, List<String> args, SandboxLimits limits) {
        if (brokenBecause != null) {
            return new RunOutcome.SandboxFailure(brokenBecause, RunStats.NONE);
        }
        byte[] data = input.getBytes(StandardCharsets.UTF_8);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> guard = watchdog.schedule(() -> {
            timedOut.set(true);
            process.destroyForcibly();
        }, limits.wallMillis() + ANSWER_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        try {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("input", data.length);
            request.put("args", args);
            request.put("cpuMs", limits.cpuMillis());
            request.put("wallMs", limits.wallMillis());
            request.put("memoryBytes", limits.memoryBytes());
            request.put("stackBytes", limits.stackBytes());
            request.put("fileBytes", limits.fileBytes());
            request.put("outputBytes", limits.outputBytes());
            request.put("processes", limits.processes());
            requests.write(JSON.writeValueAsBytes(request));
            requests.write('\n');
            requests.write(data);
            requests.flush();
            RunnerReply reply = JSON.readValue(readLine(), RunnerReply.class);
            byte[] stdout = replies.readNBytes(reply.stdout());
            byte[] stderr = replies.readNBytes(reply.stderr());
            if (stdout.length != reply.stdout() || stderr.length != reply.stderr()) {
                throw new IOException("the runner's reply ended early");
            }
            return classify(reply, stdout, stderr, limits);
        } catch (IOException | RuntimeException e) {
            brokenBecause = timedOut.get()
                    ? "the sandbox runner stopped answering within " + (limits.wallMillis() + ANSWER_GRACE_MILLIS)
                            + " ms"
                    : "the sandbox runner failed: " + e.getMessage() + runnerLog();
            process.destroyForcibly();
            return new RunOutcome.SandboxFailure(brokenBecause, RunStats.NONE);
        } finally {
            guard.cancel(false);
        }
    }

    static RunOutcome classify(RunnerReply reply, byte[] stdout, byte[] stderr, SandboxLimits limits) {
        RunStats stats = new RunStats(reply.cpuMs(), reply.wallMs(), reply.maxRssKb());
        String errors = new String(stderr, StandardCharsets.UTF_8);
        if ("timeout".equals(reply.status()) || reply.signal() == SIGXCPU
                || (reply.signal() == SIGKILL && reply.cpuMs() >= limits.cpuMillis())) {
            return new RunOutcome.TimeLimit(stats);
        }
        if ("output_limit".equals(reply.status()) || reply.signal() == SIGXFSZ) {
            return new RunOutcome.OutputLimit(stats);
        }
        if (reply.exitCode() == 0 && reply.signal() == 0) {
            return new RunOutcome.Completed(new String(stdout, StandardCharsets.UTF_8), stats);
        }
        boolean outOfMemory = errors.contains("MemoryError") || errors.contains("std::bad_alloc")
                || ((reply.signal() == SIGKILL || reply.signal() == SIGSEGV || reply.signal() == SIGABRT)
                        && reply.maxRssKb() * 1024L >= limits.memoryBytes() * 9 / 10);
        if (outOfMemory) {
            return new RunOutcome.MemoryLimit(stats);
        }
        String how = reply.signal() != 0 ? "killed by signal " + reply.signal() : "exit status " + reply.exitCode();
        String tail = errors.strip();
        return new RunOutcome.RuntimeError(tail.isEmpty() ? how : how + ": " + lastLines(tail, 3), stats);
    }

    private byte[] readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        int next;
        while ((next = replies.read()) != '\n') {
            if (next < 0) {
                throw new IOException("the runner exited");
            }
            line.write(next);
        }
        return line.toByteArray();
    }

    private String runnerLog() {
        try {
            Path log = sessionDir.resolve("runner.log");
            if (!Files.exists(log)) {
                return "";
            }
            String text = Files.readString(log).strip();
            return text.isEmpty() ? "" : " (" + lastLines(text, 3) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (process != null) {
                try {
                    requests.close();
                    if (!process.waitFor(2, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (IOException e) {
                    process.destroyForcibly();
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            deleteTree(sessionDir);
        } finally {
            releaseSlot.run();
        }
    }

    /** Removes a host directory and what is in it, leaving what cannot be removed to the sandbox's close. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // A file left behind in the private work directory is removed with it when the sandbox closes.
        }
    }

    /** The runner's reply header. */
    record RunnerReply(String status, int exitCode, int signal, long cpuMs, long wallMs, long maxRssKb, int stdout,
            int stderr) {
    }
}
