package io.synthsmith.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.deploy.image.DebianBaseImage;
import io.synthsmith.deploy.image.ImageAssembler;
import io.synthsmith.deploy.image.ServiceImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds the verifier's image tarball the way {@code -Pimages} does (a base assembled from Debian packages, Jib, no
 * Docker daemon, no registry) and reads it back: entrypoint, user, port, and the sandbox's tools in its layers.
 * With verifier/target/quarkus-app present (after {@code ./mvnw package}) the application is in the image too;
 * without it the image holds the runtime only, and the application check is skipped, saying so.
 */
class VerifierImageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServiceImage VERIFIER = ServiceImage.named("verifier");
    private static final Path QUARKUS_APP = ServiceConfiguration.ROOT.resolve("verifier/target/quarkus-app");

    private static JsonNode config;
    /** Every path in the image's layers (no leading slash), with its tar entry. */
    private static final Map<String, TarArchiveEntry> files = new HashMap<>();

    @BeforeAll
    static void buildTheImage() throws Exception {
        assumeTrue(DebianBaseImage.hostCanAssemble(),
                "skipped: this host has no apt-get/apt-cache/dpkg-deb/tar/gzip to assemble a Debian base image");
        Path base = new DebianBaseImage(DebianBaseImage.defaultCache()).build(VERIFIER.packages());
        Path tarball = Path.of("target/images-test/verifier.tar");
        Files.createDirectories(tarball.getParent());
        Files.deleteIfExists(tarball);
        Optional<Path> app = Files.isRegularFile(QUARKUS_APP.resolve("quarkus-run.jar")) ? Optional.of(QUARKUS_APP)
                : Optional.empty();
        new ImageAssembler(DebianBaseImage.defaultCache(), line -> { })
                .assemble(VERIFIER, "tar://" + base, app, "synthsmith/verifier:test", Optional.of(tarball));
        readImage(tarball);
    }

    @Test
    void runsQuarkusAsUser185OnThePortOfTheService() {
        JsonNode container = config.path("config");
        assertThat(container.path("User").asText()).isEqualTo("185");
        assertThat(container.path("Entrypoint").toString())
                .isEqualTo("[\"/bin/sh\",\"-c\",\"exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar\"]");
        assertThat(container.path("ExposedPorts").has(VERIFIER.port() + "/tcp")).isTrue();
        assertThat(VERIFIER.port()).isEqualTo(ServiceConfiguration.of("verifier").port());
        assertThat(container.path("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(container.path("Env").toString()).contains("PATH=/opt/java/openjdk/bin:");
    }

    @Test
    void holdsTheSandboxToolsAndAJre() {
        for (String tool : new String[] {"usr/bin/bwrap", "usr/bin/setpriv", "usr/bin/python3", "usr/bin/g++",
                "usr/bin/dash", "opt/java/openjdk/bin/java"}) {
            assertThat(resolve(tool)).as("%s in the image's layers", tool).isNotNull();
            assertThat(resolve(tool).isFile()).as("%s is a file (after its links)", tool).isTrue();
        }
        assertThat(resolve("usr/bin/python3").getName().replaceFirst("^\\./", "")).startsWith("usr/bin/python3.");
        assertThat(files.get("bin").isSymbolicLink()).as("/bin is usr-merged, as the sandbox's mounts expect").isTrue();
        assertThat(files.get("bin/sh") == null && resolve("usr/bin/sh") != null).isTrue();
        assertThat(files.get("etc/passwd")).isNotNull();
    }

    @Test
    void holdsTheVerifierApplicationWhenItWasPackaged() {
        assumeTrue(Files.isRegularFile(QUARKUS_APP.resolve("quarkus-run.jar")),
                "skipped: verifier/target/quarkus-app is absent (run ./mvnw package first); the image was built without it");
        assertThat(files.get("deployments/quarkus-run.jar")).isNotNull();
        assertThat(files.get("deployments/quarkus-run.jar").getLongUserId()).isEqualTo(185);
        assertThat(files.keySet()).anyMatch(name -> name.startsWith("deployments/lib/main/"));
    }

    /** The entry at a path after following symbolic links (relative or absolute) inside the image. */
    private static TarArchiveEntry resolve(String path) {
        String current = path;
        for (int hops = 0; hops < 16; hops++) {
            TarArchiveEntry entry = files.get(current);
            if (entry == null) {
                int slash = current.indexOf('/');
                TarArchiveEntry top = slash > 0 ? files.get(current.substring(0, slash)) : null;
                if (top != null && top.isSymbolicLink()) {
                    current = normalize(top.getLinkName(), current.substring(0, slash)) + current.substring(slash);
                    continue;
                }
                return null;
            }
            if (!entry.isSymbolicLink()) {
                return entry;
            }
            current = normalize(entry.getLinkName(), current);
        }
        return null;
    }

    private static String normalize(String target, String linkPath) {
        if (target.startsWith("/")) {
            return Path.of(target).normalize().toString().substring(1);
        }
        Path parent = Path.of(linkPath).getParent();
        return (parent == null ? Path.of(target) : parent.resolve(target)).normalize().toString();
    }

    private static void readImage(Path tarball) throws IOException {
        Map<String, byte[]> blobs = new HashMap<>();
        try (TarArchiveInputStream outer = new TarArchiveInputStream(Files.newInputStream(tarball))) {
            for (TarArchiveEntry entry; (entry = outer.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    blobs.put(entry.getName(), outer.readAllBytes());
                }
            }
        }
        assertThat(blobs).as("an OCI image layout").containsKeys("index.json", "oci-layout");
        String manifestDigest = JSON.readTree(blobs.get("index.json")).at("/manifests/0/digest").asText();
        JsonNode manifest = JSON.readTree(blob(blobs, manifestDigest));
        config = JSON.readTree(blob(blobs, manifest.at("/config/digest").asText()));
        for (JsonNode layer : manifest.path("layers")) {
            try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(blob(blobs, layer.path("digest").asText())));
                    TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    String name = entry.getName().replaceFirst("^\\./", "").replaceFirst("^/", "").replaceFirst("/$", "");
                    if (!name.isEmpty()) {
                        files.put(name, entry);
                    }
                }
            }
        }
    }

    private static byte[] blob(Map<String, byte[]> blobs, String digest) {
        byte[] blob = blobs.get("blobs/" + digest.replace(':', '/'));
        assertThat(blob).as("blob %s", digest).isNotNull();
        return blob;
    }
}
