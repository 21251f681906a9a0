package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.bench.ServiceReadiness;
import io.synthsmith.embedded.kafka.KafkaBroker;
import io.synthsmith.embedded.kafka.PipelineTopics;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code synthsmith bench verify-eval}: label and golden precision and coverage of {@code POST /verify} on the
 * hand-written verify-eval set, with and without the brute force, next to plain majority voting on the same
 * candidates. The truth is what each problem's trusted reference prints, run by the bench itself.
 */
public final class VerifyEvalBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyEvalBench() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(VerifyEvalOptions.USAGE);
            return;
        }
        VerifyEvalOptions options = VerifyEvalOptions.parse(args);
        List<EvalProblem> problems = EvalCorpus.load(options.problems());
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("no problem matches " + options.problems());
        }
        try (LocalRunner runner = new LocalRunner("/usr/bin/python3", options.localTimeoutMillis())) {
            Map<String, LocalRunner.Result> store = LocalRunner.loadCache(options.localCache());
            List<ProblemRuns> runs = problems.stream().map(p -> new ProblemRuns(p, runner, store)).toList();
            progress("%d problems; running references and candidates locally (truth and majority baseline)",
                    runs.size());
            Scoring.Tally majority = new Scoring.Tally();
            List<Scoring.ProblemScore> majorityScores = options.majority() ? localBaseline(runs) : List.of();
            majorityScores.forEach(majority::add);
            LocalRunner.saveCache(options.localCache(), store);

            Map<String, Scoring.Tally> passes = new LinkedHashMap<>();
            List<Map<String, Object>> details = new ArrayList<>();
            if (options.url() != null) {
                measure(options.url(), options, runs, passes, details);
            } else {
                withStartedVerifier(options, url -> measure(url, options, runs, passes, details));
            }
            LocalRunner.saveCache(options.localCache(), store);
            report(options, problems, passes, majority, majorityScores, details);
        }
    }

    private static List<Scoring.ProblemScore> localBaseline(List<ProblemRuns> runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Scoring.ProblemScore>> futures = new ArrayList<>();
            for (ProblemRuns r : runs) {
                futures.add(pool.submit(() -> Scoring.majority(r)));
            }
            List<Scoring.ProblemScore> scores = new ArrayList<>();
            for (Future<Scoring.ProblemScore> f : futures) {
                scores.add(f.get());
            }
            return scores;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Measurement {
        void at(String url) throws Exception;
    }

    private static void measure(String url, VerifyEvalOptions options, List<ProblemRuns> runs,
            Map<String, Scoring.Tally> passes, List<Map<String, Object>> details) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Boolean> modes = new ArrayList<>();
        if (options.withBruteForce()) {
            modes.add(true);
        }
        if (options.withoutBruteForce()) {
            modes.add(false);
        }
        for (boolean brute : modes) {
            passes.computeIfAbsent(brute ? "withBruteForce" : "withoutBruteForce", k -> new Scoring.Tally());
        }
        // problem by problem, both passes each: a run cut short still compares the passes on the same problems
        for (ProblemRuns r : runs) {
            for (boolean brute : modes) {
                String pass = brute ? "withBruteForce" : "withoutBruteForce";
                Scoring.Tally tally = passes.get(pass);
                long start = System.nanoTime();
                JsonNode answer = post(http, url, options.token(), SolvedMessages.solved(r.problem(), brute));
                Scoring.ProblemScore score = Scoring.verifier(r, answer);
                tally.add(score);
                Map<String, Object> line = detail(pass, score);
                line.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
                details.add(line);
                progress("%s %-28s %s labels %d/%d right %d golden %s%s", pass, r.problem().id(), score.outcome(),
                        score.labels(), score.inputs(), score.right(), score.golden() == null ? "-" : score.golden(),
                        score.golden() == null ? "" : score.goldenCorrect() ? " (right)" : " (WRONG)");
            }
        }
    }

    private static JsonNode post(HttpClient http, String url, String token, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/verify"))
                .timeout(Duration.ofMinutes(15)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IllegalStateException("the verifier refused the request (" + response.statusCode()
                    + "); pass --token or SYNTHSMITH_API_TOKEN");
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            if (response.statusCode() != 200 && !answer.has("error")) {
                return JSON.createObjectNode().put("error", "HTTP " + response.statusCode());
            }
            return answer;
        } catch (IOException notJson) {
            return JSON.createObjectNode().put("error", "HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private static Map<String, Object> detail(String pass, Scoring.ProblemScore s) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("pass", pass);
        line.put("problem", s.problem());
        line.put("outcome", s.outcome());
        line.put("labels", s.labels());
        line.put("rightLabels", s.right());
        line.put("inputs", s.inputs());
        line.put("golden", s.golden());
        line.put("goldenCorrect", s.goldenCorrect());
        line.put("wrongLabels", s.wrongLabels());
        return line;
    }

    private static void report(VerifyEvalOptions options, List<EvalProblem> problems, Map<String, Scoring.Tally> passes,
            Scoring.Tally majority, List<Scoring.ProblemScore> majorityScores, List<Map<String, Object>> details)
            throws IOException {
        for (Scoring.ProblemScore s : majorityScores) {
            details.add(detail("majority", s));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "verify-eval");
        result.put("problems", problems.size());
        result.put("leetcodeProblems", problems.stream().filter(EvalProblem::leetcode).count());
        result.put("candidates", problems.stream().mapToInt(p -> p.candidates().size()).sum());
        result.put("correctCandidates", problems.stream()
                .mapToLong(p -> p.candidates().stream().filter(EvalProblem.EvalCandidate::correct).count()).sum());
        passes.forEach((name, tally) -> result.put(name, tally.figures()));
        result.put("majorityVoting", majority.figures());
        System.out.println(JSON.writeValueAsString(result));

        System.err.println();
        System.err.printf("%-22s %16s %15s %17s %16s%n", "", "label precision", "label coverage", "golden precision",
                "golden coverage");
        Map<String, Scoring.Tally> rows = new LinkedHashMap<>(passes);
        rows.put("majority voting", majority);
        rows.forEach((name, t) -> System.err.printf("%-22s %16s %15s %17s %16s%n", name,
                percent(t.right, t.labels), percent(t.labels, t.inputs), percent(t.goldensCorrect, t.goldens),
                percent(t.goldens, t.problems)));
        if (options.details() != null) {
            try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(options.details()))) {
                for (Map<String, Object> line : details) {
                    out.println(JSON.writeValueAsString(line));
                }
            }
            progress("per-problem details: %s", options.details());
        }
    }

    private static String percent(int a, int b) {
        return b == 0 ? "-" : String.format("%.1f%% (%d/%d)", 100.0 * a / b, a, b);
    }

    private static void withStartedVerifier(VerifyEvalOptions options, Measurement measurement) throws Exception {
        if (!Files.isRegularFile(options.verifierJar())) {
            throw new IllegalStateException("no verifier at " + options.verifierJar()
                    + "; build it (./mvnw -pl verifier -am package -DskipTests) or pass --url of a running one");
        }
        Path dir = Files.createTempDirectory("verify-eval-verifier-");
        try (KafkaBroker kafka = KafkaBroker.start(KafkaBroker.Settings.in(dir.resolve("kafka")))) {
            PipelineTopics.create(kafka.bootstrapServers(), PipelineTopics.Settings.defaults());
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx768m", "--enable-native-access=ALL-UNNAMED",
                    "-jar", options.verifierJar().toAbsolutePath().toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("verifier.log").toFile());
            builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            progress("starting the verifier on port %d (log: %s)", port, dir.resolve("verifier.log"));
            Process verifier = builder.start();
            try {
                ServiceReadiness.await("verifier", port, verifier);
                measurement.at("http://127.0.0.1:" + port);
            } finally {
                verifier.destroy();
                if (!verifier.waitFor(20, TimeUnit.SECONDS)) {
                    verifier.destroyForcibly();
                }
            }
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("bench verify-eval: " + format + "%n", args);
    }
}
