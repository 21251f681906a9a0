package io.synthsmith.deploy.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds the services' images without a Docker daemon: {@code ./mvnw -B package -DskipTests -Pimages} runs it after
 * the services are packaged (see deploy/README.md, "Images"). Settings are system properties:
 *
 * <ul>
 *   <li>{@code synthsmith.image.prefix}: the registry and repository prefix of every image name (default
 *       {@code synthsmith}, giving {@code synthsmith/verifier:<tag>}; e.g. {@code registry.example.com/synthsmith})</li>
 *   <li>{@code synthsmith.image.tag}: the tag (default {@code latest})</li>
 *   <li>{@code synthsmith.image.services}: comma-separated services (default all five)</li>
 *   <li>{@code synthsmith.image.base}: {@code debian} (default: assembled here from Debian packages and the build's
 *       JDK) or any Jib base image ({@code eclipse-temurin:21-jre}, {@code tar:///path/base.tar},
 *       {@code docker://name}); a base other than {@code debian} must hold a JRE, and for the verifier bubblewrap,
 *       setpriv, /usr/bin/python3 and g++</li>
 *   <li>{@code synthsmith.image.push}: {@code true} pushes to the registry of the name instead of writing
 *       {@code <output>/<service>.tar} (OCI image tarballs)</li>
 *   <li>{@code synthsmith.image.output}: where the tarballs go (default {@code deploy/target/images})</li>
 *   <li>{@code synthsmith.image.root}: the repository root (default the working directory)</li>
 * </ul>
 */
public final class ImageBuild {

    private ImageBuild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("synthsmith.image.root", ".")).toAbsolutePath().normalize();
        String prefix = System.getProperty("synthsmith.image.prefix", "synthsmith");
        String tag = System.getProperty("synthsmith.image.tag", "latest");
        String base = System.getProperty("synthsmith.image.base", "debian");
        boolean push = Boolean.parseBoolean(System.getProperty("synthsmith.image.push", "false"));
        Path output = Path.of(System.getProperty("synthsmith.image.output", root.resolve("deploy/target/images").toString()));
        List<ServiceImage> images = Stream.of(System.getProperty("synthsmith.image.services",
                        String.join(",", ServiceImage.ALL.stream().map(ServiceImage::service).toList())).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).map(ServiceImage::named).toList();

        Path cache = DebianBaseImage.defaultCache();
        DebianBaseImage debian = new DebianBaseImage(cache);
        ImageAssembler assembler = new ImageAssembler(cache, line -> System.out.println("[images] " + line));
        Files.createDirectories(output);
        for (ServiceImage image : images) {
            String from = base.equals("debian") ? "tar://" + debian.build(image.packages()) : base;
            String reference = prefix + "/" + image.service() + ":" + tag;
            Optional<Path> tarball = push ? Optional.empty() : Optional.of(output.resolve(image.service() + ".tar"));
            var container = assembler.assemble(image, from,
                    Optional.of(root.resolve(image.service()).resolve("target/quarkus-app")), reference, tarball);
            System.out.println("[images] " + reference + " " + container.getDigest()
                    + tarball.map(t -> " -> " + t).orElse(" pushed"));
        }
    }
}
