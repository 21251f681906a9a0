package io.synthsmith.embedded.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's {@code chromium} run headless on a local file, for tests of pages the pipeline writes (the run report):
 * the DOM after the page's scripts ran, what the page logged to its console, and a screenshot. Each call uses a
 * fresh profile directory and no network services (no sync, updates or QUIC), and runs without the sandbox so that
 * it works as root in CI.
 */
public final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    // Chromium's own log lines for a page's console: "[...:INFO:CONSOLE(12)] "message", source: file:///... (12)"
    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE\\(\\d+\\)\\] \"(.*)\", source: (.*)$");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, when one is installed (Debian: {@code apt-get install chromium}). */
    public static Optional<HeadlessChromium> find() {
        return CANDIDATES.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(HeadlessChromium::new);
    }

    /**
     * What a page showed: its DOM after {@code virtualTimeMillis} of virtual time, the messages its scripts wrote
     * to the console (errors included) and the lines of Chromium's log that report a failure of the page.
     */
    public record Rendered(String dom, List<String> console, List<String> errors) {

        private static final Pattern CANVAS = Pattern.compile("<canvas\\b([^>]*)>");
        private static final Pattern BODY = Pattern.compile("<body\\b([^>]*)>");

        /** A {@code <canvas>} of the page: its id and its {@code data-drawn} attribute (null when absent). */
        public record Canvas(String id, String drawn) {
        }

        /** The page's canvases, in document order. */
        public List<Canvas> canvases() {
            List<Canvas> canvases = new ArrayList<>();
            Matcher matcher = CANVAS.matcher(dom);
            while (matcher.find()) {
                canvases.add(new Canvas(attribute(matcher.group(1), "id"), attribute(matcher.group(1),
                        "data-drawn")));
            }
            return canvases;
        }

        /** An attribute of {@code <body>}, or null. */
        public String bodyAttribute(String name) {
            Matcher matcher = BODY.matcher(dom);
            return matcher.find() ? attribute(matcher.group(1), name) : null;
        }

        private static String attribute(String attributes, String name) {
            Matcher matcher = Pattern.compile("(?:^|\\s)" + Pattern.quote(name) + "=\"([^\"]*)\"").matcher(attributes);
            return matcher.find() ? matcher.group(1) : null;
        }
    }

    /** Loads {@code page}, lets its scripts run, and returns its DOM and console. */
    public Rendered render(Path page, int virtualTimeMillis) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("synthsmith-chromium-");
        try {
            List<String> command = command(profile);
            command.addAll(List.of("--enable-logging=stderr", "--v=0",
                    "--virtual-time-budget=" + virtualTimeMillis, "--dump-dom", page.toUri().toString()));
            Result result = run(command, profile);
            List<String> console = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            for (String line : result.stderr().split("\n")) {
                Matcher matcher = CONSOLE.matcher(line);
                if (matcher.find()) {
                    console.add(matcher.group(1));
                    if (line.contains(":ERROR:") || matcher.group(1).contains("Uncaught")) {
                        errors.add(line);
                    }
                }
            }
            return new Rendered(result.stdout(), List.copyOf(console), List.copyOf(errors));
        } finally {
            delete(profile);
        }
    }

    /** Takes a screenshot of {@code page} ({@code width} x {@code height} pixels) into {@code png}. */
    public void screenshot(Path page, Path png, int width, int height, int virtualTimeMillis)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("synthsmith-chromium-");
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            List<String> command = command(profile);
            command.addAll(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                    "--virtual-time-budget=" + virtualTimeMillis, "--screenshot=" + png.toAbsolutePath(),
                    page.toUri().toString()));
            run(command, profile);
            if (!Files.isRegularFile(png) || Files.size(png) == 0) {
                throw new IOException("chromium wrote no screenshot to " + png);
            }
        } finally {
            delete(profile);
        }
    }

    private List<String> command(Path profile) {
        return new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    }

    private record Result(String stdout, String stderr) {
    }

    private static Result run(List<String> command, Path profile) throws IOException, InterruptedException {
        Path out = profile.resolve("stdout.txt");
        Path err = profile.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish within " + TIMEOUT.toSeconds() + " s: " + command);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("chromium exited with " + process.exitValue() + ": " + command + "\n" + stderr);
        }
        return new Result(Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
