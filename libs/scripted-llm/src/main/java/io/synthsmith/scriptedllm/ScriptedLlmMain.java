package io.synthsmith.scriptedllm;

import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ScriptedLlmServer} as its own process until it is stopped:
 * {@code java io.synthsmith.scriptedllm.ScriptedLlmMain [--script FILE] [--host H] [--port P] [--latency-ms MS]
 * [--capacity N]}. Without a script every request gets one fixed completion that says it is scripted.
 */
public final class ScriptedLlmMain {

    /** The reply of the default script, which answers every request. */
    public static final String DEFAULT_REPLY = "This is a scripted reply from synthsmith-scripted-llm, not a model.";

    private ScriptedLlmMain() {
    }

    /** Parses the options, starts the server, and blocks until the process is stopped. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path scriptFile = null;
        String host = "127.0.0.1";
        int port = 8000;
        Long latencyMillis = null;
        Integer capacity = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                System.out.println("usage: ScriptedLlmMain [--script FILE] [--host H] [--port P] [--latency-ms MS]"
                        + " [--capacity N]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value; see --help");
            }
            String value = args[++i];
            switch (option) {
                case "--script" -> scriptFile = Path.of(value);
                case "--host" -> host = value;
                case "--port" -> port = Integer.parseInt(value);
                case "--latency-ms" -> latencyMillis = Long.parseLong(value);
                case "--capacity" -> capacity = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + option + "; see --help");
            }
        }
        Script script = scriptFile != null ? ScriptFile.load(scriptFile)
                : Script.of(ScriptRule.always(ScriptedResponse.completion(DEFAULT_REPLY)));
        if (latencyMillis != null) {
            script = script.withLatency(Duration.ofMillis(latencyMillis));
        }
        if (capacity != null) {
            script = script.withCapacity(capacity);
        }
        Vertx vertx = Vertx.vertx();
        ScriptedLlmServer server = ScriptedLlmServer.start(vertx, script, host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            vertx.close();
            stopped.countDown();
        }));
        stopped.await();
    }
}
