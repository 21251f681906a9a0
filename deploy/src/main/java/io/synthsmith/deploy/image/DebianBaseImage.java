package io.synthsmith.deploy.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A base image assembled from Debian packages without a container engine or a registry: the packages and their
 * dependencies are fetched with {@code apt-get download} (from the host's apt sources), unpacked with
 * {@code dpkg-deb -x} into a usr-merged root, a JRE is linked from the JDK running the build ({@code jlink}), and
 * the root is written as a {@code docker save}-format tarball that Jib takes as a {@code tar://} base image.
 *
 * <p>Maintainer scripts do not run: the images need files, not configured services. Results are cached by package
 * list and JDK under the cache directory, so a second build reuses the tarball.
 */
public final class DebianBaseImage {

    /** Where the JRE lives in the image (the same place as in the eclipse-temurin images). */
    public static final String JAVA_HOME = "/opt/java/openjdk";
    /** The JDK modules a Quarkus service uses (java.se plus what Netty, Vert.x, Kafka and Infinispan reach for). */
    static final List<String> JRE_MODULES = List.of("java.se", "jdk.unsupported", "jdk.naming.dns", "jdk.management",
            "jdk.crypto.cryptoki", "jdk.zipfs", "jdk.localedata", "jdk.net", "jdk.jfr", "jdk.management.agent");
    private static final List<String> MERGED_DIRS = List.of("bin", "sbin", "lib", "lib64");

    private final Path cache;

    /** @param cache where downloaded packages, the linked JRE and finished base tarballs are kept between builds */
    public DebianBaseImage(Path cache) {
        this.cache = cache;
    }

    /** The default cache: ~/.cache/synthsmith/images. */
    public static Path defaultCache() {
        return Path.of(System.getProperty("user.home"), ".cache", "synthsmith", "images");
    }

    /** Whether this host can assemble Debian bases (apt-get, apt-cache, dpkg-deb and tar on the PATH). */
    public static boolean hostCanAssemble() {
        return Stream.of("apt-get", "apt-cache", "dpkg-deb", "tar", "gzip").allMatch(DebianBaseImage::onPath);
    }

    /**
     * The base image tarball holding the packages (with their dependencies) and a JRE, built unless cached.
     *
     * @return a docker-save tarball to pass to Jib as {@code tar://<path>}
     */
    public Path build(List<String> packages) throws IOException, InterruptedException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        String key = digest(String.join(",", new TreeSet<>(packages)) + "|" + Runtime.version() + "|" + javaHome
                + "|" + JRE_MODULES).substring(0, 16);
        Path tarball = cache.resolve("debian-base-" + key + ".tar");
        if (Files.exists(tarball)) {
            return tarball;
        }
        Files.createDirectories(cache);
        Path work = Files.createTempDirectory(cache, "base-" + key + "-");
        try {
            Path rootfs = work.resolve("rootfs");
            Files.createDirectories(rootfs);
            for (Path deb : download(closure(packages))) {
                run(work, List.of("dpkg-deb", "-x", deb.toString(), rootfs.toString()));
            }
            mergeUsr(rootfs);
            addSystemFiles(rootfs);
            Path jre = linkedJre(javaHome);
            Path target = rootfs.resolve(JAVA_HOME.substring(1));
            Files.createDirectories(target.getParent());
            run(work, List.of("cp", "-a", jre.toString(), target.toString()));
            Path assembled = writeDockerArchive(work, rootfs, key);
            Files.move(assembled, tarball, StandardCopyOption.ATOMIC_MOVE);
            return tarball;
        } finally {
            deleteRecursively(work);
        }
    }

    /** The packages and everything they depend on (pre-depends included; recommends and suggests not). */
    List<String> closure(List<String> packages) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("apt-cache", "depends", "--recurse", "--no-recommends",
                "--no-suggests", "--no-conflicts", "--no-breaks", "--no-replaces", "--no-enhances"));
        command.addAll(packages);
        String output = run(cache, command);
        return output.lines().filter(line -> !line.isBlank() && !line.startsWith(" ") && !line.startsWith("<"))
                .map(String::strip).distinct().sorted().toList();
    }

    private List<Path> download(List<String> names) throws IOException, InterruptedException {
        Path debs = cache.resolve("debs");
        Files.createDirectories(debs);
        List<String> missing = names.stream().filter(name -> newestDeb(debs, name) == null).toList();
        if (!missing.isEmpty()) {
            List<String> command = new ArrayList<>(List.of("apt-get", "download"));
            command.addAll(missing);
            run(debs, command);
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            Path deb = newestDeb(debs, name);
            if (deb == null) {
                throw new IOException("apt-get download gave no package file for " + name + " in " + debs);
            }
            files.add(deb);
        }
        return files;
    }

    private static Path newestDeb(Path debs, String name) {
        String prefix = name.replace("+", "%2b") + "_";
        try (Stream<Path> files = Files.list(debs)) {
            return files.filter(f -> {
                String file = f.getFileName().toString();
                return file.endsWith(".deb") && (file.startsWith(name + "_") || file.startsWith(prefix));
            }).max(Comparator.comparing(f -> f.toFile().lastModified())).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian 12 is usr-merged: /bin, /sbin, /lib, /lib64 are links into /usr (the verifier's sandbox relies on it). */
    private static void mergeUsr(Path rootfs) throws IOException, InterruptedException {
        for (String dir : MERGED_DIRS) {
            Path top = rootfs.resolve(dir);
            Path usr = rootfs.resolve("usr").resolve(dir);
            if (Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(usr);
                run(rootfs, List.of("cp", "-a", "--no-clobber", top + "/.", usr.toString()));
                deleteRecursively(top);
            }
            if (Files.isDirectory(usr) && !Files.exists(top, LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(top, Path.of("usr", dir));
            }
        }
        Path sh = rootfs.resolve("usr/bin/sh");
        if (!Files.exists(sh, LinkOption.NOFOLLOW_LINKS) && Files.exists(rootfs.resolve("usr/bin/dash"))) {
            Files.createSymbolicLink(sh, Path.of("dash"));
        }
    }

    /** Users (root, and 185 that the services run as), a world-writable /tmp. */
    private static void addSystemFiles(Path rootfs) throws IOException, InterruptedException {
        Path etc = rootfs.resolve("etc");
        Files.createDirectories(etc);
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/sh
                synthsmith:x:185:0:SynthSmith service:/deployments:/usr/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                """);
        Files.writeString(etc.resolve("group"), "root:x:0:\nsynthsmith:x:185:\nnogroup:x:65534:\n");
        Files.createDirectories(rootfs.resolve("root"));
        Path tmp = rootfs.resolve("tmp");
        Files.createDirectories(tmp);
        run(rootfs, List.of("chmod", "1777", tmp.toString()));
    }

    private Path linkedJre(Path javaHome) throws IOException, InterruptedException {
        Path jre = cache.resolve("jre-" + Runtime.version().feature() + "-"
                + digest(Runtime.version() + "|" + javaHome + "|" + JRE_MODULES).substring(0, 12));
        if (Files.isDirectory(jre)) {
            return jre;
        }
        Path jlink = javaHome.resolve("bin/jlink");
        Path partial = Files.createTempDirectory(cache, "jre-");
        deleteRecursively(partial);
        if (Files.isExecutable(jlink)) {
            run(cache, List.of(jlink.toString(), "--add-modules", String.join(",", JRE_MODULES), "--strip-debug",
                    "--no-man-pages", "--no-header-files", "--output", partial.toString()));
        } else {
            run(cache, List.of("cp", "-a", javaHome.toString(), partial.toString()));
        }
        Files.move(partial, jre, StandardCopyOption.ATOMIC_MOVE);
        return jre;
    }

    /** One gzipped layer holding the root, with its config and manifest, in the format {@code docker save} writes. */
    private static Path writeDockerArchive(Path work, Path rootfs, String key) throws IOException, InterruptedException {
        Path archive = work.resolve("archive");
        Files.createDirectories(archive);
        Path layer = archive.resolve("layer.tar");
        run(work, List.of("tar", "--sort=name", "--numeric-owner", "--owner=0", "--group=0", "--mtime=@0",
                "-C", rootfs.toString(), "-cf", layer.toString(), "."));
        String diffId = "sha256:" + sha256(layer);
        run(archive, List.of("gzip", "-n", "-6", layer.toString()));
        String architecture = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "aarch64", "arm64" -> "arm64";
            default -> "amd64";
        };
        Files.writeString(archive.resolve("config.json"), """
                {"architecture":"%s","os":"linux","created":"1970-01-01T00:00:00Z",\
                "config":{"Env":["PATH=%s/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",\
                "JAVA_HOME=%s","LANG=C.UTF-8"]},\
                "rootfs":{"type":"layers","diff_ids":["%s"]},\
                "history":[{"created":"1970-01-01T00:00:00Z","created_by":"synthsmith-deploy DebianBaseImage"}]}
                """.formatted(architecture, JAVA_HOME, JAVA_HOME, diffId).strip(), StandardCharsets.UTF_8);
        Files.writeString(archive.resolve("manifest.json"), """
                [{"Config":"config.json","RepoTags":["synthsmith/debian-base:%s"],"Layers":["layer.tar.gz"]}]
                """.formatted(key).strip(), StandardCharsets.UTF_8);
        Path tarball = work.resolve("base.tar");
        run(work, List.of("tar", "-C", archive.toString(), "-cf", tarball.toString(), "manifest.json", "config.json",
                "layer.tar.gz"));
        return tarball;
    }

    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int exit = process.waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " ... exited "
                    + exit + " in " + directory + ": " + output.strip());
        }
        return output;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
