package io.synthsmith.verifier.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * The generated seccomp program, run by a small classic-BPF interpreter for both architectures (the real kernel runs
 * the x86_64 one in {@code HostileProgramsTest}). Syscall numbers here are from the kernel's tables, written apart
 * from the filter's own.
 */
class SeccompFilterTest {

    private static final int ALLOW = 0x7fff0000;
    private static final int EPERM = 0x00050000 | 1;
    private static final int ENOSYS = 0x00050000 | 38;
    private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
    private static final int AUDIT_ARCH_I386 = 0x40000003;
    private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
    private static final int AUDIT_ARCH_ARM = 0x40000028;

    @Test
    void onX86TheDeniedCallsGetEpermTheOthersPassAndOtherAbisGetEnosys() {
        byte[] program = SeccompFilter.of(SeccompFilter.Arch.X86_64).program();
        // ptrace, mount, keyctl, bpf, perf_event_open, userfaultfd, unshare, setns, kexec_load, init_module,
        // clock_settime, personality
        for (int nr : new int[] {101, 165, 250, 321, 298, 323, 272, 308, 246, 175, 227, 135}) {
            assertThat(run(program, AUDIT_ARCH_X86_64, nr)).as("x86_64 syscall %d", nr).isEqualTo(EPERM);
        }
        // read, write, mmap, clone, fork, execve, wait4, kill, prctl, pidfd_open, clone3, setsid, setrlimit
        for (int nr : new int[] {0, 1, 9, 56, 57, 59, 61, 62, 157, 434, 435, 112, 160}) {
            assertThat(run(program, AUDIT_ARCH_X86_64, nr)).as("x86_64 syscall %d", nr).isEqualTo(ALLOW);
        }
        assertThat(run(program, AUDIT_ARCH_X86_64, 0x40000000 | 101)).as("x32 ptrace").isEqualTo(ENOSYS);
        assertThat(run(program, AUDIT_ARCH_X86_64, 0x40000000)).as("x32 read").isEqualTo(ENOSYS);
        assertThat(run(program, AUDIT_ARCH_I386, 26)).as("i386 ptrace through int 0x80").isEqualTo(ENOSYS);
    }

    @Test
    void onAarch64TheDeniedCallsGetEpermTheOthersPassAndOtherAbisGetEnosys() {
        byte[] program = SeccompFilter.of(SeccompFilter.Arch.AARCH64).program();
        // ptrace, mount, keyctl, bpf, perf_event_open, userfaultfd, unshare, setns, kexec_load, init_module,
        // clock_settime, personality
        for (int nr : new int[] {117, 40, 219, 280, 241, 282, 97, 268, 104, 105, 112, 92}) {
            assertThat(run(program, AUDIT_ARCH_AARCH64, nr)).as("aarch64 syscall %d", nr).isEqualTo(EPERM);
        }
        // read, write, mmap, clone, execve, wait4, kill, prctl, pidfd_open, clone3, setsid, setrlimit
        for (int nr : new int[] {63, 64, 222, 220, 221, 260, 129, 167, 434, 435, 157, 164}) {
            assertThat(run(program, AUDIT_ARCH_AARCH64, nr)).as("aarch64 syscall %d", nr).isEqualTo(ALLOW);
        }
        assertThat(run(program, AUDIT_ARCH_ARM, 26)).as("32-bit ARM ptrace").isEqualTo(ENOSYS);
    }

    @Test
    void everyDeniedFamilyOfTheIssueIsThere() {
        assertThat(SeccompFilter.denied()).contains("ptrace", "mount", "umount2", "keyctl", "add_key", "request_key",
                "bpf", "perf_event_open", "userfaultfd", "unshare", "setns", "kexec_load", "kexec_file_load",
                "init_module", "finit_module", "delete_module", "clock_settime", "settimeofday", "adjtimex",
                "clock_adjtime");
    }

    /** Runs a classic-BPF seccomp program (the instructions the filter uses) on one system call. */
    private static int run(byte[] program, int arch, int nr) {
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.nativeOrder());
        int accumulator = 0;
        int pc = 0;
        while (true) {
            short op = code.getShort(pc * 8);
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            switch (op) {
                case 0x20 -> {
                    accumulator = switch (k) {
                        case 0 -> nr;
                        case 4 -> arch;
                        default -> throw new AssertionError("loads seccomp_data offset " + k);
                    };
                    pc++;
                }
                case 0x15 -> pc += 1 + (accumulator == k ? jt : jf);
                case 0x35 -> pc += 1 + (Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf);
                case 0x06 -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected BPF instruction " + op + " at " + pc);
            }
        }
    }
}
