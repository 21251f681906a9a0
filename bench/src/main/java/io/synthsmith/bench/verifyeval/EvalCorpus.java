package io.synthsmith.bench.verifyeval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the verify-eval problems from {@code bench/src/main/resources/verify-eval/} (one directory each). */
public final class EvalCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalCorpus() {
    }

    /** The directory of the corpus on the class path (the bench runs from target/classes). */
    public static Path root() {
        URL url = EvalCorpus.class.getClassLoader().getResource("verify-eval/leetcode_call.py");
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new IllegalStateException("verify-eval corpus not found as files on the class path: " + url);
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every problem whose directory name matches the glob ({@code *} for all), in name order. */
    public static List<EvalProblem> load(String glob) {
        Path root = root();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> dirs = Files.list(root)) {
            List<EvalProblem> problems = new ArrayList<>();
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("problem.json"))).sorted().toList()) {
                if (matcher.matches(dir.getFileName())) {
                    problems.add(read(dir));
                }
            }
            return problems;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EvalProblem read(Path dir) throws IOException {
        JsonNode meta = JSON.readTree(dir.resolve("problem.json").toFile());
        String id = dir.getFileName().toString();
        List<EvalProblem.Sample> samples = new ArrayList<>();
        meta.path("samples").forEach(s -> samples.add(new EvalProblem.Sample(s.path("input").asText(),
                s.path("output").asText())));
        List<String> direct = new ArrayList<>();
        meta.path("directInputs").forEach(d -> direct.add(d.asText()));
        List<EvalProblem.EvalCandidate> candidates = new ArrayList<>();
        int index = 0;
        for (JsonNode c : meta.path("candidates")) {
            index++;
            String file = c.path("file").asText();
            candidates.add(new EvalProblem.EvalCandidate(String.format("cand-%02d-%s", index, id),
                    program(dir, file, c.path("language").asText("python")), c.path("correct").asBoolean(),
                    c.path("note").asText()));
        }
        List<List<String>> groups = new ArrayList<>();
        for (JsonNode g : meta.path("groups")) {
            List<String> members = new ArrayList<>();
            g.path("members").forEach(m -> members.add(m.asText()));
            groups.add(members);
        }
        JsonNode signature = meta.has("signature") ? meta.get("signature") : null;
        return new EvalProblem(id, meta.path("title").asText(), meta.path("style").asText(),
                meta.path("statement").asText(), samples, signature, direct, program(dir, "ref.py", "python"),
                program(dir, "brute.py", "python"), meta.path("bruteForce").path("correct").asBoolean(),
                program(dir, "gen.py", "python"), candidates, groups);
    }

    private static EvalProblem.Program program(Path dir, String file, String language) throws IOException {
        return new EvalProblem.Program(file, language, Files.readString(dir.resolve(file)));
    }
}
