package io.synthsmith.embedded.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The entry point of every server JVM that libs/embedded starts: it runs the server's real main class and halts
 * the JVM when its standard input reaches end of file, which happens when the process that started it dies, even
 * by SIGKILL. So no broker or cache server outlives the test or launcher that owns it. Uses only the JDK.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: OrphanGuard <main class> [args...]");
            System.exit(2);
        }
        Thread watcher = new Thread(OrphanGuard::haltAtEndOfInput, "orphan-guard");
        watcher.setDaemon(true);
        watcher.start();
        Class<?> mainClass = Class.forName(args[0], true, Thread.currentThread().getContextClassLoader());
        Method main = mainClass.getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void haltAtEndOfInput() {
        InputStream in = System.in;
        byte[] buffer = new byte[64];
        try {
            while (in.read(buffer) >= 0) {
                // The owner never writes; anything it sends is ignored.
            }
        } catch (IOException e) {
            // A broken pipe means the owner is gone, as end of file does.
        }
        System.err.println("orphan-guard: the owning process is gone; halting");
        Runtime.getRuntime().halt(0);
    }
}
