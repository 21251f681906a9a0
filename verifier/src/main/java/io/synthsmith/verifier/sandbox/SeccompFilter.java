package io.synthsmith.verifier.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A classic-BPF seccomp program, built once when the sandbox starts and handed to bubblewrap ({@code --seccomp}),
 * that makes system calls a judged program never needs fail with EPERM: debugging other processes (ptrace,
 * process_vm_*), mounting and namespaces (mount family, pivot_root, chroot, unshare, setns), the kernel keyring,
 * bpf, perf_event_open, userfaultfd, io_uring, kexec, kernel modules, setting clocks, and host administration
 * (reboot, swap, quotas, acct, syslog, host names, personality). A call made through another ABI than the
 * machine's own (i386 {@code int 0x80} or x32 on x86_64, 32-bit ARM on aarch64) fails with ENOSYS, so a denied
 * call cannot come in through a different syscall table. Python, the runner, g++ (cc1plus, as, ld) and compiled
 * programs use none of these.
 */
public final class SeccompFilter {

    /** An instruction set the filter is built for, with its audit arch and its column in {@link #DENIED}. */
    public enum Arch {
        X86_64(0xC000003E, 0),
        AARCH64(0xC00000B7, 1);

        private final int auditArch;
        private final int column;

        Arch(int auditArch, int column) {
            this.auditArch = auditArch;
            this.column = column;
        }

        /** The JVM's architecture ({@code os.arch}). */
        public static Arch current() {
            return switch (System.getProperty("os.arch")) {
                case "amd64", "x86_64" -> X86_64;
                case "aarch64", "arm64" -> AARCH64;
                default -> throw new UnsupportedOperationException("no seccomp filter for the architecture "
                        + System.getProperty("os.arch") + "; set synthsmith.verifier.sandbox.seccomp=false");
            };
        }
    }

    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int X32_SYSCALL_BIT = 0x40000000;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short RET_K = 0x06;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;

    /** Denied system calls: name, number on x86_64, number on aarch64 (-1: the call does not exist there). */
    private static final Map<String, int[]> DENIED = new LinkedHashMap<>();

    static {
        deny("ptrace", 101, 117);
        deny("process_vm_readv", 310, 270);
        deny("process_vm_writev", 311, 271);
        deny("kcmp", 312, 272);
        deny("mount", 165, 40);
        deny("umount2", 166, 39);
        deny("open_tree", 428, 428);
        deny("move_mount", 429, 429);
        deny("fsopen", 430, 430);
        deny("fsconfig", 431, 431);
        deny("fsmount", 432, 432);
        deny("fspick", 433, 433);
        deny("mount_setattr", 442, 442);
        deny("pivot_root", 155, 41);
        deny("chroot", 161, 51);
        deny("unshare", 272, 97);
        deny("setns", 308, 268);
        deny("open_by_handle_at", 304, 265);
        deny("name_to_handle_at", 303, 264);
        deny("keyctl", 250, 219);
        deny("add_key", 248, 217);
        deny("request_key", 249, 218);
        deny("bpf", 321, 280);
        deny("perf_event_open", 298, 241);
        deny("userfaultfd", 323, 282);
        deny("io_uring_setup", 425, 425);
        deny("io_uring_enter", 426, 426);
        deny("io_uring_register", 427, 427);
        deny("kexec_load", 246, 104);
        deny("kexec_file_load", 320, 294);
        deny("init_module", 175, 105);
        deny("finit_module", 313, 273);
        deny("delete_module", 176, 106);
        deny("clock_settime", 227, 112);
        deny("clock_adjtime", 305, 266);
        deny("settimeofday", 164, 170);
        deny("adjtimex", 159, 171);
        deny("reboot", 169, 142);
        deny("swapon", 167, 224);
        deny("swapoff", 168, 225);
        deny("acct", 163, 89);
        deny("quotactl", 179, 60);
        deny("syslog", 103, 116);
        deny("sethostname", 170, 161);
        deny("setdomainname", 171, 162);
        deny("personality", 135, 92);
        deny("vhangup", 153, 58);
        deny("iopl", 172, -1);
        deny("ioperm", 173, -1);
    }

    private static void deny(String name, int x86, int aarch64) {
        DENIED.put(name, new int[] {x86, aarch64});
    }

    private final Arch arch;
    private final byte[] program;

    private SeccompFilter(Arch arch) {
        this.arch = arch;
        this.program = build(arch);
    }

    /** The filter for the machine the JVM runs on. */
    public static SeccompFilter forThisMachine() {
        return new SeccompFilter(Arch.current());
    }

    /** The filter for {@code arch}. */
    public static SeccompFilter of(Arch arch) {
        return new SeccompFilter(arch);
    }

    /** The names of the denied system calls. */
    public static Set<String> denied() {
        return DENIED.keySet();
    }

    public Arch arch() {
        return arch;
    }

    /** The program as bubblewrap reads it: {@code struct sock_filter} entries in the machine's byte order. */
    public byte[] program() {
        return program.clone();
    }

    private static byte[] build(Arch arch) {
        int[] numbers = DENIED.values().stream().mapToInt(n -> n[arch.column]).filter(n -> n >= 0).toArray();
        boolean x32 = arch == Arch.X86_64;
        // ld arch; jeq own; ret ENOSYS; ld nr; [jge x32]; jeq n... ; ret ALLOW; ret EPERM; ret ENOSYS
        int size = 4 + (x32 ? 1 : 0) + numbers.length + 3;
        ByteBuffer out = ByteBuffer.allocate(size * 8).order(ByteOrder.nativeOrder());
        int pc = 0;
        int allow = size - 3;
        int eperm = size - 2;
        int enosys = size - 1;
        pc = put(out, pc, LD_W_ABS, 0, 0, OFFSET_ARCH);
        pc = put(out, pc, JEQ_K, 1, 0, arch.auditArch);
        pc = put(out, pc, RET_K, 0, 0, RET_ERRNO | ENOSYS);
        pc = put(out, pc, LD_W_ABS, 0, 0, OFFSET_NR);
        if (x32) {
            pc = put(out, pc, JGE_K, enosys - pc - 1, 0, X32_SYSCALL_BIT);
        }
        for (int number : numbers) {
            pc = put(out, pc, JEQ_K, eperm - pc - 1, 0, number);
        }
        if (pc != allow) {
            throw new IllegalStateException("seccomp program laid out wrong: " + pc + " != " + allow);
        }
        pc = put(out, pc, RET_K, 0, 0, RET_ALLOW);
        pc = put(out, pc, RET_K, 0, 0, RET_ERRNO | EPERM);
        put(out, pc, RET_K, 0, 0, RET_ERRNO | ENOSYS);
        return out.array();
    }

    private static int put(ByteBuffer out, int pc, short code, int jt, int jf, int k) {
        if (jt > 255 || jf > 255) {
            throw new IllegalStateException("a seccomp jump of " + jt + " does not fit an instruction");
        }
        out.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
        return pc + 1;
    }
}
