package io.synthsmith.verifier.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real sandbox as the tests use it: short limits, its own slot uids, and a look at the host's process table. */
public final class SandboxFixture {

    public static final int UID_BASE = 61000;
    public static final SandboxLimits LIMITS = new SandboxLimits(2_000, 4_000, 256L << 20, 64L << 20, 1L << 20,
            1L << 20, 16);

    private SandboxFixture() {
    }

    public static Sandbox sandbox(int slots) {
        return new Sandbox(new SandboxOptions("/usr/bin/bwrap", "/usr/bin/setpriv", "/usr/bin/python3",
                List.of("/usr"), UID_BASE, 64L << 20, slots, 1));
    }

    /** Pids of live processes on the host running as one of {@code sandbox}'s run slot uids (its claimed range). */
    public static List<String> slotProcesses(Sandbox sandbox) {
        SlotUidRange range = sandbox.slotUids().orElseThrow(
                () -> new IllegalStateException("slot uids exist only when the tests run as root"));
        return processesWithUids(range.first(), range.first() + sandbox.options().slots());
    }

    /** Pids and names of live processes on the host whose uid is in {@code [from, to)}. */
    public static List<String> processesWithUids(int from, int to) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    int uid = (Integer) Files.getAttribute(proc, "unix:uid");
                    if (uid >= from && uid < to) {
                        found.add(proc.getFileName() + ":" + Files.readString(proc.resolve("comm")).strip());
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }
}
