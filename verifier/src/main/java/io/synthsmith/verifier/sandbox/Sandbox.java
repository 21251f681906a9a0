package io.synthsmith.verifier.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs untrusted programs in bubblewrap: no network, its own PID, IPC, UTS, mount and user namespaces, a private
 * size-limited /tmp, the runtime read-only, an empty environment and no capabilities. Inside, the runner script
 * is PID 1: it loads the program once, forks a fresh limited child per input and kills every other process of
 * the namespace after each run (that sweep is bounded by the PID namespace, never by a user id). A fixed number of
 * slots bounds the sessions alive at once; when the service runs as root each slot has its own user id, from a range
 * this instance claims on the host ({@link SlotUidRange}), so the process limit of one run cannot starve another,
 * of this verifier or of another one on the same host. Every run gets the {@link SeccompFilter}, built once here.
 */
public final class Sandbox implements AutoCloseable {

    static final String SANDBOX_DIR = "/sandbox";
    static final String PROGRAM = SANDBOX_DIR + "/program";
    static final String OUT = SANDBOX_DIR + "/out";
    private static final String RUNNER = SANDBOX_DIR + "/runner.py";
    /** The descriptor bubblewrap reads the seccomp program from; /bin/sh opens it, as ProcessBuilder cannot. */
    private static final String SECCOMP_FD = "9";
    private static final List<String> MERGED_ROOT_LINKS = List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64");

    private final SandboxOptions options;
    private final Path workDir;
    private final Path runnerScript;
    private final BlockingQueue<Integer> freeSlots;
    private final ScheduledExecutorService watchdog;
    private final boolean root;
    private final Optional<SlotUidRange> slotUids;
    private final Optional<Path> seccompProgram;
    private final AtomicLong sessions = new AtomicLong();
    private volatile boolean isolated = true;

    public Sandbox(SandboxOptions options) {
        this.options = options;
        this.freeSlots = new ArrayBlockingQueue<>(options.slots());
        for (int slot = 0; slot < options.slots(); slot++) {
            freeSlots.add(slot);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("sandbox-watchdog").factory());
        this.root = currentUid() == 0;
        this.slotUids = root ? Optional.of(SlotUidRange.claim(options.slotLockDir(), options.slotUidBase(),
                options.slotRangeSize(), options.slotRanges(), options.slots())) : Optional.empty();
        try {
            workDir = Files.createTempDirectory("synthsmith-verifier-");
            openForSlots(workDir);
            runnerScript = workDir.resolve("runner.py");
            try (InputStream script = Sandbox.class.getResourceAsStream("/sandbox/runner.py")) {
                if (script == null) {
                    throw new IllegalStateException("sandbox/runner.py is missing from the verifier's classpath");
                }
                Files.write(runnerScript, script.readAllBytes());
            }
            Files.setPosixFilePermissions(runnerScript, PosixFilePermissions.fromString("rw-r--r--"));
            if (options.seccomp()) {
                Path program = Files.write(workDir.resolve("seccomp.bpf"), SeccompFilter.forThisMachine().program());
                Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rw-r--r--"));
                seccompProgram = Optional.of(program);
            } else {
                seccompProgram = Optional.empty();
            }
        } catch (IOException e) {
            slotUids.ifPresent(SlotUidRange::close);
            throw new UncheckedIOException("cannot prepare the sandbox's working directory under "
                    + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
        }
    }

    public SandboxOptions options() {
        return options;
    }

    /** The slot uids this instance claimed on the host; empty when the service does not run as root. */
    public Optional<SlotUidRange> slotUids() {
        return slotUids;
    }

    /** Whether runs get the seccomp filter. */
    public boolean seccomp() {
        return seccompProgram.isPresent();
    }

    /** Whether runs are isolated; false only after {@link #runUnisolated()}. */
    public boolean isolated() {
        return isolated;
    }

    /** Runs every later session WITHOUT namespaces: only for development, when isolation is unavailable. */
    public void runUnisolated() {
        isolated = false;
    }

    /**
     * Checks that a session really is isolated: its runner is PID 1, the program sees no network interface but
     * loopback, no host variable, no host file system and has no capability. Returns what failed, empty if none.
     */
    public List<String> isolationProblems() {
        String probe = """
                import os, socket
                failed = []
                if os.getppid() != 1: failed.append("the run is not in its own PID namespace")
                if os.environ.get("HOME") or os.environ.get("PATH"): failed.append("host variables reach the run")
                if [n for _, n in socket.if_nameindex()] not in ([], ["lo"]): failed.append("the run sees a network")
                if os.path.exists("/etc/hostname") or os.path.exists("/root"): failed.append("the host file system is visible")
                status = dict(l.split(":", 1) for l in open("/proc/self/status") if ":" in l)
                if status.get("CapEff", "").strip() != "0000000000000000": failed.append("the run keeps capabilities")
                if SECCOMP and status.get("Seccomp", "").strip() != "2": failed.append("the seccomp filter is not active")
                print("\\n".join(failed) if failed else "isolated")
                """.replace("SECCOMP", seccomp() ? "True" : "False");
        SandboxLimits limits = new SandboxLimits(5_000, 30_000, 256L << 20, 8L << 20, 1 << 20, 1 << 20, 8);
        try (SandboxSession session = open(new Executable.PythonSource(probe), Optional.empty())) {
            RunOutcome outcome = session.run("", List.of(), limits);
            if (outcome instanceof RunOutcome.Completed done && done.stdout().strip().equals("isolated")) {
                return List.of();
            }
            if (outcome instanceof RunOutcome.Completed done) {
                return done.stdout().strip().lines().toList();
            }
            return List.of("the isolation probe did not complete: " + describe(outcome));
        }
    }

    /**
     * Opens a session for a program, waiting for a free slot. The session holds the slot until it is closed.
     *
     * @param writableOut a host directory mounted writable at /sandbox/out (the C++ compiler's output), if any
     */
    public SandboxSession open(Executable executable, Optional<Path> writableOut) {
        int slot;
        try {
            slot = freeSlots.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a sandbox slot", e);
        }
        Path sessionDir = null;
        try {
            sessionDir = Files.createDirectory(workDir.resolve("session-" + sessions.incrementAndGet()));
            openForSlots(sessionDir);
            String mode;
            Optional<Path> programFile;
            String programPath;
            switch (executable) {
                case Executable.PythonSource source -> {
                    Path file = sessionDir.resolve("program.py");
                    Files.writeString(file, source.code(), StandardCharsets.UTF_8);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
                    mode = "python";
                    programFile = Optional.of(file);
                    programPath = isolated ? PROGRAM : file.toString();
                }
                case Executable.HostBinary binary -> {
                    mode = "exec";
                    programFile = Optional.of(binary.file());
                    programPath = isolated ? PROGRAM : binary.file().toString();
                }
                case Executable.RuntimeCommand command -> {
                    mode = "exec";
                    programFile = Optional.empty();
                    programPath = command.path();
                }
            }
            List<String> command = isolated
                    ? isolatedCommand(slot, mode, programFile, programPath, writableOut)
                    : List.of(options.python(), "-B", "-E", runnerScript.toString(), mode, programPath);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(sessionDir.toFile())
                    .redirectError(sessionDir.resolve("runner.log").toFile());
            builder.environment().clear();
            Process process = builder.start();
            return new SandboxSession(process, sessionDir, watchdog, () -> freeSlots.add(slot));
        } catch (IOException | RuntimeException e) {
            freeSlots.add(slot);
            return SandboxSession.failed("cannot start a sandbox: " + e.getMessage(), sessionDir);
        }
    }

    private List<String> isolatedCommand(int slot, String mode, Optional<Path> programFile, String programPath,
            Optional<Path> writableOut) {
        List<String> command = new ArrayList<>();
        seccompProgram.ifPresent(program -> command.addAll(
                List.of("/bin/sh", "-c", "exec \"$@\" " + SECCOMP_FD + "<\"$0\"", program.toString())));
        if (slotUids.isPresent()) {
            String uid = Integer.toString(slotUids.get().uid(slot));
            command.addAll(List.of(options.setpriv(), "--reuid", uid, "--regid", uid, "--clear-groups"));
        }
        command.add(options.bwrap());
        if (seccompProgram.isPresent()) {
            command.addAll(List.of("--seccomp", SECCOMP_FD));
        }
        command.addAll(List.of("--unshare-all", "--unshare-user", "--disable-userns",
                "--as-pid-1", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--clearenv",
                "--hostname", "sandbox"));
        for (String dir : options.runtime()) {
            command.addAll(List.of("--ro-bind", dir, dir));
        }
        for (String link : MERGED_ROOT_LINKS) {
            Path path = Path.of(link);
            if (Files.isSymbolicLink(path)) {
                try {
                    command.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), link));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the symbolic link " + link, e);
                }
            } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)
                    && options.runtime().stream().noneMatch(dir -> link.startsWith(dir + "/") || link.equals(dir))) {
                command.addAll(List.of("--ro-bind", link, link));
            }
        }
        command.addAll(List.of("--proc", "/proc", "--dev", "/dev",
                "--size", Long.toString(options.tmpBytes()), "--tmpfs", "/tmp",
                "--ro-bind", runnerScript.toString(), RUNNER));
        programFile.ifPresent(file -> command.addAll(List.of("--ro-bind", file.toString(), PROGRAM)));
        writableOut.ifPresent(dir -> command.addAll(List.of("--bind", dir.toString(), OUT)));
        command.addAll(List.of("--remount-ro", "/", "--chdir", "/tmp", options.python(), "-B", "-E", RUNNER, mode,
                programPath));
        return command;
    }

    /** A fresh host directory under the sandbox's working directory that every slot may write (compiler output). */
    public Path hostDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory(workDir, prefix);
            openForSlots(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** A host directory the slot user ids can enter and, for the compiler's output, write. */
    static void openForSlots(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    static String describe(RunOutcome outcome) {
        return switch (outcome) {
            case RunOutcome.Completed c -> "completed";
            case RunOutcome.RuntimeError e -> "runtime error: " + e.detail();
            case RunOutcome.TimeLimit t -> "time limit";
            case RunOutcome.MemoryLimit m -> "memory limit";
            case RunOutcome.OutputLimit o -> "output limit";
            case RunOutcome.SandboxFailure f -> "sandbox failure: " + f.reason();
        };
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        SandboxSession.deleteTree(workDir);
        slotUids.ifPresent(SlotUidRange::close);
    }
}
