package io.synthsmith.deploy.image;

import java.util.List;

/**
 * What one service's image holds besides the application: its HTTP port and the Debian packages it needs at run
 * time. Every image gets a JRE, a shell and coreutils; the solver adds python3-minimal (it compiles Python answers to
 * check their syntax, running nothing); the verifier adds its sandbox: bubblewrap, setpriv (util-linux), Debian's
 * python3 and g++.
 *
 * @param service the module name, also the image's repository name
 * @param port the HTTP port the service listens on (its quarkus.http.port)
 * @param packages Debian packages installed in the image, with their dependencies
 */
public record ServiceImage(String service, int port, List<String> packages) {

    /** Packages every service image has: a shell for the entrypoint, coreutils, and what the JRE links against. */
    public static final List<String> COMMON_PACKAGES = List.of("dash", "coreutils", "libc-bin", "zlib1g");

    /** The sandbox of the verifier: see verifier/README.md. */
    public static final List<String> SANDBOX_PACKAGES = List.of("bubblewrap", "util-linux", "python3", "g++");

    /** The five services, in pipeline order. */
    public static final List<ServiceImage> ALL = List.of(
            plain("task-evolver", 8081),
            new ServiceImage("solver", 8082, concat(COMMON_PACKAGES, List.of("python3-minimal"))),
            new ServiceImage("verifier", 8083, concat(COMMON_PACKAGES, SANDBOX_PACKAGES)),
            plain("dedup", 8084),
            plain("exporter", 8085));

    /** The service's image of that name. */
    public static ServiceImage named(String service) {
        return ALL.stream().filter(image -> image.service().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + service + "; known: "
                        + ALL.stream().map(ServiceImage::service).toList()));
    }

    private static ServiceImage plain(String service, int port) {
        return new ServiceImage(service, port, COMMON_PACKAGES);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
