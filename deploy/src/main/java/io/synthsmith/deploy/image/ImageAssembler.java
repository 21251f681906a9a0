package io.synthsmith.deploy.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Puts a service's Quarkus application ({@code target/quarkus-app}) on a base image with Jib, without a Docker
 * daemon, and writes the image as an OCI tarball or pushes it to a registry. The layout is the one of the services'
 * {@code Dockerfile.jvm}: {@code /deployments}, owned by uid 185, which the image runs as.
 */
public final class ImageAssembler {

    /** The user the images run as (deployments run the verifier as root: in a pod user namespace, or in compose). */
    public static final String USER = "185";
    static final String DEPLOYMENTS = "/deployments";
    static final String JAVA_OPTS = "-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError --enable-native-access=ALL-UNNAMED";
    static final List<String> ENTRYPOINT = List.of("/bin/sh", "-c",
            "exec java $JAVA_OPTS -jar " + DEPLOYMENTS + "/quarkus-run.jar");
    private static final String OWNER = USER + ":0";

    private final Path cache;
    private final Consumer<String> log;

    /**
     * @param cache Jib's layer caches live under it
     * @param log where Jib's progress lines go
     */
    public ImageAssembler(Path cache, Consumer<String> log) {
        this.cache = cache;
        this.log = log;
    }

    /**
     * Builds one service image.
     *
     * @param image the service
     * @param base a Jib base image: {@code tar:///path}, {@code docker://name} or a registry reference
     * @param quarkusApp the service's {@code target/quarkus-app}; empty builds the image without the application
     *        (the runtime only: what the test can build when the services were not packaged)
     * @param reference the image's name, e.g. {@code registry.example.com/synthsmith/verifier:0.1.0}
     * @param target where to put it: a tarball path, or empty to push to the reference's registry
     */
    public JibContainer assemble(ServiceImage image, String base, Optional<Path> quarkusApp, String reference,
            Optional<Path> target) throws Exception {
        JibContainerBuilder builder = from(base)
                .setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setEntrypoint(ENTRYPOINT)
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get(DEPLOYMENTS))
                .addExposedPort(Port.tcp(image.port()))
                .addEnvironmentVariable("JAVA_OPTS", JAVA_OPTS)
                .addEnvironmentVariable("HOME", DEPLOYMENTS)
                .addLabel("org.opencontainers.image.title", "synthsmith-" + image.service());
        for (FileEntriesLayer layer : applicationLayers(image, quarkusApp)) {
            builder.addFileEntriesLayer(layer);
        }
        Containerizer containerizer = target.isPresent()
                ? Containerizer.to(TarImage.at(target.get()).named(reference))
                : Containerizer.to(registry(ImageReference.parse(reference)));
        containerizer.setToolName("synthsmith-deploy")
                .setBaseImageLayersCache(cache.resolve("jib-base"))
                .setApplicationLayersCache(cache.resolve("jib-application"))
                .addEventHandler(LogEvent.class, event -> {
                    if (event.getLevel().ordinal() <= LogEvent.Level.LIFECYCLE.ordinal() && !event.getMessage().isBlank()) {
                        log.accept(event.getMessage());
                    }
                });
        return builder.containerize(containerizer);
    }

    private JibContainerBuilder from(String base) throws InvalidImageReferenceException {
        if (base.startsWith(Jib.TAR_IMAGE_PREFIX) || base.startsWith(Jib.DOCKER_DAEMON_IMAGE_PREFIX)) {
            return Jib.from(base);
        }
        return Jib.from(registry(ImageReference.parse(base.replaceFirst("^registry://", ""))));
    }

    /** Registry credentials the way docker, podman and the credential helpers keep them. */
    private RegistryImage registry(ImageReference reference) {
        CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(reference,
                event -> log.accept(event.getMessage()));
        return RegistryImage.named(reference)
                .addCredentialRetriever(credentials.dockerConfig())
                .addCredentialRetriever(credentials.dockerConfig(
                        Path.of(System.getProperty("user.home"), ".config", "containers", "auth.json")))
                .addCredentialRetriever(credentials.wellKnownCredentialHelpers());
    }

    /**
     * Quarkus' fast-jar in the order of how often it changes (libraries, then the runner, then generated code, then
     * the application), all owned by 185 like the Dockerfiles' {@code COPY --chown=185:0}; the exporter also gets its
     * dataset directory, owned by 185, so that a fresh named volume mounted there takes that ownership.
     * ({@code /deployments} itself stays root's, as with the Dockerfiles' WORKDIR: Jib writes parent directories as
     * root's.)
     */
    static List<FileEntriesLayer> applicationLayers(ServiceImage image, Optional<Path> quarkusApp) throws IOException {
        List<FileEntriesLayer> layers = new ArrayList<>();
        if (image.service().equals("exporter")) {
            Path empty = Files.createTempDirectory("synthsmith-image-dir");
            empty.toFile().deleteOnExit();
            layers.add(FileEntriesLayer.builder().setName("datasets")
                    .addEntry(new FileEntry(empty, AbsoluteUnixPath.get(DEPLOYMENTS + "/datasets"),
                            FilePermissions.fromOctalString("755"), Instant.EPOCH, OWNER))
                    .build());
        }
        if (quarkusApp.isEmpty()) {
            return layers;
        }
        Path app = quarkusApp.get();
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IOException(app + " holds no quarkus-run.jar: run ./mvnw package for " + image.service() + " first");
        }
        layers.add(tree("lib", app.resolve("lib")));
        layers.add(FileEntriesLayer.builder().setName("quarkus-run.jar")
                .addEntry(new FileEntry(app.resolve("quarkus-run.jar"), AbsoluteUnixPath.get(DEPLOYMENTS + "/quarkus-run.jar"),
                        FilePermissions.DEFAULT_FILE_PERMISSIONS, Instant.EPOCH, OWNER))
                .build());
        layers.add(tree("quarkus", app.resolve("quarkus")));
        layers.add(tree("app", app.resolve("app")));
        return layers;
    }

    private static FileEntriesLayer tree(String name, Path source) throws IOException {
        return FileEntriesLayer.builder().setName(name)
                .addEntryRecursive(source, AbsoluteUnixPath.get(DEPLOYMENTS + "/" + name),
                        (file, path) -> Files.isDirectory(file) ? FilePermissions.DEFAULT_FOLDER_PERMISSIONS
                                : FilePermissions.DEFAULT_FILE_PERMISSIONS,
                        (file, path) -> Instant.EPOCH,
                        (file, path) -> OWNER)
                .build();
    }
}
