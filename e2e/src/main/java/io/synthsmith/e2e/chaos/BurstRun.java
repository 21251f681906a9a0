package io.synthsmith.e2e.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.e2e.harness.Pipeline;
import io.synthsmith.e2e.harness.Quiescence;
import io.synthsmith.e2e.harness.SeedFeed;
import io.synthsmith.e2e.harness.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The backpressure burst: a large number of seeds written at once to the seeds topic of the local pipeline (no
 * faults), then the services' resident memory sampled every two seconds for a window while the backlog drains. It
 * reports each service's peak RSS, the memory curve's samples, and the consumer lag at the start and end of the
 * window: memory must stay flat while the lag says most of the burst still waits on the topic.
 */
public final class BurstRun {

    private static final Logger LOG = Logger.getLogger(BurstRun.class);

    private BurstRun() {
    }

    /** {@code BurstRun [--seeds N] [--minutes M] [--dir D]}: prints one JSON line. */
    public static void main(String[] args) throws Exception {
        Path home = Path.of(System.getProperty("synthsmith.home", ".")).toAbsolutePath().normalize();
        Map<String, String> given = new LinkedHashMap<>(Map.of("seeds", "10000", "minutes", "8",
                "dir", home.resolve(".synthsmith/burst").toString()));
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int seeds = Integer.parseInt(given.get("seeds"));
        Duration window = Duration.ofMinutes(Long.parseLong(given.get("minutes")));
        Path dir = Path.of(given.get("dir")).toAbsolutePath();
        Pipeline.Settings settings = Pipeline.Settings.of(home, dir,
                Pipeline.script(home.resolve("examples/chaos/llm-script.json"), UnaryOperator.identity()))
                .withEnvironment(Map.of("SYNTHSMITH_DEDUP_MINHASH_THRESHOLD", "1.0"));
        try (Pipeline pipeline = Pipeline.start(settings);
                Quiescence broker = new Quiescence(pipeline.bootstrapServers(), pipeline.datasets(),
                        pipeline.consumerGroups())) {
            pipeline.startSupervisor();
            Map<String, Long> idle = rss(pipeline);
            Instant produceStart = Instant.now();
            SeedFeed.produce(pipeline.bootstrapServers(), pipeline.topics(),
                    SeedFeed.from(home.resolve("examples/chaos/seeds-small.jsonl"), "burst", seeds));
            double produceSeconds = Duration.between(produceStart, Instant.now()).toMillis() / 1000.0;
            Map<String, Long> lagAtStart = broker.lagByGroup();
            LOG.infof("burst: %d seeds written in %.1f s; lag %s", seeds, produceSeconds, lagAtStart);
            Map<String, List<Long>> curve = new LinkedHashMap<>();
            Instant end = Instant.now().plus(window);
            int sample = 0;
            while (Instant.now().isBefore(end)) {
                pipeline.sampleMemory();
                if (sample++ % 15 == 0) {
                    rss(pipeline).forEach((service, mib) -> curve.computeIfAbsent(service, s -> new ArrayList<>()).add(mib));
                }
                Thread.sleep(2000);
            }
            Map<String, Long> peaks = new LinkedHashMap<>();
            for (ServiceProcess service : pipeline.services()) {
                peaks.put(service.name(), service.peakRssMib());
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("seeds", seeds);
            line.put("produceSeconds", produceSeconds);
            line.put("windowMinutes", window.toMinutes());
            line.put("idleRssMib", idle);
            line.put("peakRssMib", peaks);
            line.put("inFlightPeak", inFlightPeaks(pipeline));
            line.put("rssEvery30sMib", curve);
            line.put("lagAtStart", lagAtStart);
            line.put("lagAtEnd", broker.lagByGroup());
            line.put("llmRequests", pipeline.llm().chatRequestCount());
            line.put("supervisorRestarts", pipeline.supervisorRestarts());
            line.put("jvmOptions", settings.jvmOptions());
            System.out.println(new ObjectMapper().writeValueAsString(line));
        }
        System.exit(0);
    }

    /** The most records each service held at once per input topic (its {@code synthsmith_inbound_in_flight_peak}). */
    private static Map<String, Map<String, Long>> inFlightPeaks(Pipeline pipeline) {
        Pattern sample = Pattern.compile(
                "^synthsmith_inbound_in_flight_peak\\{topic=\"([^\"]*)\"\\}\\s+(\\S+)", Pattern.MULTILINE);
        Map<String, Map<String, Long>> peaks = new LinkedHashMap<>();
        for (ServiceProcess service : pipeline.services()) {
            Map<String, Long> byTopic = new TreeMap<>();
            service.get("/q/metrics").filter(response -> response.statusCode() == 200).ifPresent(response -> {
                Matcher matcher = sample.matcher(response.body());
                while (matcher.find()) {
                    byTopic.put(matcher.group(1), Math.round(Double.parseDouble(matcher.group(2))));
                }
            });
            peaks.put(service.name(), byTopic);
        }
        return peaks;
    }

    private static Map<String, Long> rss(Pipeline pipeline) {
        Map<String, Long> now = new LinkedHashMap<>();
        for (ServiceProcess service : pipeline.services()) {
            now.put(service.name(), currentRssMib(service.pid()));
        }
        return now;
    }

    private static long currentRssMib(long pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
