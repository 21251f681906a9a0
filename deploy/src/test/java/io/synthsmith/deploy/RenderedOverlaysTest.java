package io.synthsmith.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay with {@code kubectl kustomize} (the secrets from the committed *.example files) and checks
 * what a cluster would get: only API versions the current operators serve (Strimzi 1.x v1, KEDA 2.x, Infinispan
 * Operator, Prometheus Operator), the fields their CRDs require, references that resolve (Secrets, ConfigMaps,
 * scale targets, selectors), the Pod Security each service is written for, and every required configuration key of
 * every service set. Without kubectl the tests are skipped; KubernetesManifestsTest still checks the files.
 */
class RenderedOverlaysTest {

    /** API versions and kinds served by Kubernetes 1.30+ and the operators' current CRDs. */
    static final Map<String, Set<String>> SERVED = Map.of(
            "v1", Set.of("Namespace", "ConfigMap", "Secret", "Service"),
            "apps/v1", Set.of("Deployment", "StatefulSet"),
            "policy/v1", Set.of("PodDisruptionBudget"),
            "networking.k8s.io/v1", Set.of("NetworkPolicy"),
            "kafka.strimzi.io/v1", Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser"),
            "keda.sh/v1alpha1", Set.of("ScaledObject", "TriggerAuthentication"),
            "infinispan.org/v1", Set.of("Infinispan"),
            "infinispan.org/v2alpha1", Set.of("Cache", "Batch"),
            "monitoring.coreos.com/v1", Set.of("ServiceMonitor", "PodMonitor"));
    /** Kafka versions both Strimzi 1.1 and 1.2 support (1.1 added 4.2.1 and 4.3.0 and dropped 4.1.x; 1.2 added 4.3.1). */
    static final Set<String> STRIMZI_KAFKA_VERSIONS = Set.of("4.2.1", "4.3.0");
    static final Set<String> LLM_CLIENTS = Set.of("task-evolver", "solver");

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void everyResourceIsOfAServedApiVersionInTheOverlaysNamespace(String overlay) {
        List<JsonNode> resources = render(overlay);
        List<JsonNode> namespaces = ofKind(resources, "Namespace");
        assertThat(namespaces).as("%s renders one Namespace", overlay).hasSize(1);
        String namespace = name(namespaces.get(0));
        for (JsonNode resource : resources) {
            String apiVersion = resource.path("apiVersion").asText();
            String kind = resource.path("kind").asText();
            assertThat(SERVED.getOrDefault(apiVersion, Set.of())).as("%s %s %s is served", apiVersion, kind, name(resource))
                    .contains(kind);
            if (!kind.equals("Namespace")) {
                assertThat(resource.at("/metadata/namespace").asText()).as("%s %s", kind, name(resource)).isEqualTo(namespace);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void strimziResourcesAreKRaftNodePoolsOfV1(String overlay) {
        List<JsonNode> resources = render(overlay);
        JsonNode kafka = single(resources, "Kafka");
        assertThat(kafka.at("/spec/kafka/listeners")).as("listeners, required").isNotEmpty();
        assertThat(kafka.at("/spec/kafka/listeners/0/port").asInt()).isEqualTo(9092);
        assertThat(STRIMZI_KAFKA_VERSIONS).contains(kafka.at("/spec/kafka/version").asText());
        for (String removed : List.of("/spec/zookeeper", "/spec/kafka/replicas", "/spec/kafka/storage")) {
            assertThat(kafka.at(removed).isMissingNode()).as("%s is gone from v1", removed).isTrue();
        }
        int brokers = 0;
        Set<String> roles = new HashSet<>();
        for (JsonNode pool : ofKind(resources, "KafkaNodePool")) {
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(name(kafka));
            assertThat(pool.at("/spec/replicas").asInt()).isPositive();
            assertThat(pool.at("/spec/storage/type").asText()).isNotEmpty();
            pool.at("/spec/roles").forEach(role -> roles.add(role.asText()));
            if (pool.at("/spec/roles").toString().contains("broker")) {
                brokers += pool.at("/spec/replicas").asInt();
            }
        }
        assertThat(roles).contains("controller", "broker");
        int minIsr = kafka.at("/spec/kafka/config/min.insync.replicas").asInt(1);
        for (JsonNode topic : ofKind(resources, "KafkaTopic")) {
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(name(kafka));
            assertThat(topic.at("/spec/replicas").asInt()).as(name(topic)).isBetween(minIsr, brokers);
            assertThat(topic.at("/spec/partitions").asInt()).isPositive();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void servicesBindAllAddressesWithATokenAndGetEveryRequiredKey(String overlay) {
        List<JsonNode> resources = render(overlay);
        for (String service : ServiceConfiguration.SERVICES) {
            JsonNode workload = workload(resources, service);
            JsonNode container = workload.at("/spec/template/spec/containers/0");
            Map<String, String> env = environment(resources, container);
            assertThat(env).as("%s %s", overlay, service).containsEntry("QUARKUS_HTTP_HOST", "0.0.0.0");
            assertThat(env.get("SYNTHSMITH_API_TOKEN")).as("%s's API token, from a Secret", service).isNotBlank();
            assertThat(env.containsKey("SYNTHSMITH_LLM_API_KEY")).as("%s gets the LLM key", service)
                    .isEqualTo(LLM_CLIENTS.contains(service));
            ServiceConfiguration configuration = ServiceConfiguration.of(service);
            env.keySet().forEach(variable -> assertThat(configuration.knowsEnvironmentVariable(variable))
                    .as("%s's environment variable %s is a configuration key of the service", service, variable).isTrue());
            Properties properties = applicationProperties(service);
            for (String key : RequiredConfigKeys.of(service)) {
                assertThat(properties.containsKey(key) || env.containsKey(ServiceConfiguration.envForm(key)))
                        .as("%s: required key %s is set by application.properties or the deployment", service, key)
                        .isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void podSecurityIsRestrictedForAllButTheSandboxingVerifier(String overlay) {
        List<JsonNode> resources = render(overlay);
        JsonNode namespace = single(resources, "Namespace");
        assertThat(namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText()).isEqualTo("privileged");
        assertThat(namespace.at("/metadata/labels/pod-security.kubernetes.io~1warn").asText()).isEqualTo("restricted");
        for (String service : ServiceConfiguration.SERVICES) {
            JsonNode pod = workload(resources, service).at("/spec/template/spec");
            JsonNode container = pod.at("/containers/0/securityContext");
            assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).as(service).isFalse();
            assertThat(container.at("/capabilities/drop").toString()).as(service).contains("ALL");
            if (service.equals("verifier")) {
                assertThat(pod.path("hostUsers").asBoolean(true)).as("the verifier's pod has its own user namespace").isFalse();
                assertThat(container.path("procMount").asText()).isEqualTo("Unmasked");
                assertThat(container.at("/capabilities/add").toString()).isEqualTo("[\"SETUID\",\"SETGID\"]");
            } else {
                assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(service).isTrue();
                assertThat(pod.at("/securityContext/runAsUser").asInt()).as(service).isEqualTo(185);
                assertThat(pod.at("/securityContext/seccompProfile/type").asText()).as(service).isEqualTo("RuntimeDefault");
                assertThat(container.at("/capabilities/add").isMissingNode()).as(service).isTrue();
            }
        }
        JsonNode exporter = workload(resources, "exporter").at("/spec/template/spec/securityContext");
        assertThat(exporter.path("fsGroup").asInt()).as("the exporter's volume is writable by 185").isEqualTo(185);
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void autoscalersBudgetsPoliciesAndMonitorsPointAtWhatExists(String overlay) {
        List<JsonNode> resources = render(overlay);
        String bootstrap = single(resources, "ConfigMap", "synthsmith-config").at("/data/KAFKA_BOOTSTRAP_SERVERS").asText();
        Set<String> topics = new TreeSet<>();
        ofKind(resources, "KafkaTopic").forEach(t -> topics.add(t.at("/spec/topicName").asText()));
        for (JsonNode scaled : ofKind(resources, "ScaledObject")) {
            String kind = scaled.at("/spec/scaleTargetRef/kind").asText("Deployment");
            assertThat(find(resources, kind, scaled.at("/spec/scaleTargetRef/name").asText())).as(name(scaled)).isPresent();
            JsonNode trigger = scaled.at("/spec/triggers/0");
            assertThat(trigger.at("/metadata/bootstrapServers").asText()).isEqualTo(bootstrap);
            assertThat(topics).contains(trigger.at("/metadata/topic").asText());
            assertThat(trigger.at("/metadata/lagThreshold").isTextual()).as("KEDA metadata values are strings").isTrue();
        }
        for (String service : ServiceConfiguration.SERVICES) {
            JsonNode labels = workload(resources, service).at("/spec/template/metadata/labels");
            JsonNode budget = single(resources, "PodDisruptionBudget", service);
            assertThat(selects(budget.at("/spec/selector/matchLabels"), labels)).as("PDB %s", service).isTrue();
            JsonNode policy = single(resources, "NetworkPolicy", service);
            assertThat(selects(policy.at("/spec/podSelector/matchLabels"), labels)).as("NetworkPolicy %s", service).isTrue();
            assertThat(policy.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
            assertThat(policy.at("/spec/ingress/0/from").toString()).contains("monitoring");
        }
        Set<Integer> verifierEgress = new TreeSet<>();
        single(resources, "NetworkPolicy", "verifier").at("/spec/egress")
                .forEach(rule -> rule.path("ports").forEach(port -> verifierEgress.add(port.path("port").asInt())));
        assertThat(verifierEgress).as("the verifier reaches Kafka and DNS only").containsExactly(53, 9092);
        assertThat(single(resources, "NetworkPolicy", "verifier").at("/spec/egress").toString()).doesNotContain("ipBlock");

        JsonNode monitor = single(resources, "ServiceMonitor");
        assertThat(monitor.at("/metadata/labels/release").asText()).isNotBlank();
        long scraped = ofKind(resources, "Service").stream()
                .filter(s -> selects(monitor.at("/spec/selector/matchLabels"), s.at("/metadata/labels")))
                .filter(s -> s.at("/spec/ports").toString().contains("\"name\":\"" + monitor.at("/spec/endpoints/0/port").asText() + "\""))
                .count();
        assertThat(scraped).as("services the ServiceMonitor scrapes").isEqualTo(ServiceConfiguration.SERVICES.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "production"})
    void infinispanCredentialsComeFromTheGeneratedSecrets(String overlay) throws IOException {
        List<JsonNode> resources = render(overlay);
        JsonNode infinispan = single(resources, "Infinispan");
        assertThat(infinispan.at("/spec/replicas").asInt()).isPositive();
        JsonNode identities = single(resources, "Secret", infinispan.at("/spec/security/endpointSecretName").asText());
        String identitiesYaml = decode(identities.at("/data/identities.yaml").asText());
        Path file = Files.createTempFile("identities", ".yaml");
        Files.writeString(file, identitiesYaml);
        JsonNode user = Yaml.document(file).at("/credentials/0");
        Files.delete(file);
        Map<String, String> clientEnv = environment(resources, workload(resources, "dedup").at("/spec/template/spec/containers/0"));
        assertThat(user.path("username").asText()).isEqualTo(clientEnv.get("QUARKUS_INFINISPAN_CLIENT_USERNAME"));
        assertThat(user.path("password").asText()).isEqualTo(clientEnv.get("QUARKUS_INFINISPAN_CLIENT_PASSWORD"));
    }

    // --- rendering and look-ups

    private static final Map<String, List<JsonNode>> RENDERED = new HashMap<>();

    static synchronized List<JsonNode> render(String overlay) {
        assumeTrue(onPath("kubectl"), "skipped: kubectl is not on the PATH, so the overlays are not rendered here "
                + "(KubernetesManifestsTest still checks the manifest files)");
        return RENDERED.computeIfAbsent(overlay, RenderedOverlaysTest::kustomize);
    }

    private static List<JsonNode> kustomize(String overlay) {
        try {
            Path copy = Path.of("target/render").resolve(overlay);
            deleteRecursively(copy);
            copyTree(Path.of("kubernetes"), copy.resolve("kubernetes"));
            Path secrets = copy.resolve("kubernetes/overlays").resolve(overlay).resolve("secrets");
            try (Stream<Path> examples = Files.list(secrets)) {
                for (Path example : examples.filter(f -> f.toString().endsWith(".example")).toList()) {
                    Files.copy(example, secrets.resolve(example.getFileName().toString().replace(".example", "")));
                }
            }
            Process process = new ProcessBuilder("kubectl", "kustomize", copy.resolve("kubernetes/overlays").resolve(overlay).toString())
                    .redirectErrorStream(false).start();
            byte[] out;
            try (InputStream in = process.getInputStream()) {
                out = in.readAllBytes();
            }
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as("kubectl kustomize %s: %s", overlay, err).isZero();
            Path rendered = Path.of("target/render").resolve(overlay + ".yaml");
            Files.write(rendered, out);
            return Yaml.documents(rendered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A container's environment as the kubelet builds it: envFrom ConfigMaps and Secrets (which must exist), then env. */
    static Map<String, String> environment(List<JsonNode> resources, JsonNode container) {
        Map<String, String> env = new HashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                JsonNode map = single(resources, "ConfigMap", source.at("/configMapRef/name").asText());
                map.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            } else {
                JsonNode secret = single(resources, "Secret", source.at("/secretRef/name").asText());
                secret.path("data").fields().forEachRemaining(e -> env.put(e.getKey(), decode(e.getValue().asText())));
            }
        }
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
        return env;
    }

    private static JsonNode workload(List<JsonNode> resources, String service) {
        return find(resources, "Deployment", service).or(() -> find(resources, "StatefulSet", service)).orElseThrow(
                () -> new AssertionError("no Deployment or StatefulSet " + service));
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        var fields = selector.fields();
        while (fields.hasNext()) {
            var entry = fields.next();
            if (!labels.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    private static List<JsonNode> ofKind(List<JsonNode> resources, String kind) {
        return resources.stream().filter(r -> r.path("kind").asText().equals(kind)).toList();
    }

    private static JsonNode single(List<JsonNode> resources, String kind) {
        List<JsonNode> all = ofKind(resources, kind);
        assertThat(all).as("one %s", kind).hasSize(1);
        return all.get(0);
    }

    private static JsonNode single(List<JsonNode> resources, String kind, String name) {
        return find(resources, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
    }

    private static Optional<JsonNode> find(List<JsonNode> resources, String kind, String name) {
        return ofKind(resources, kind).stream().filter(r -> name(r).equals(name)).findFirst();
    }

    private static String name(JsonNode resource) {
        return resource.at("/metadata/name").asText();
    }

    private static String decode(String base64) {
        return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static Properties applicationProperties(String service) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(ServiceConfiguration.ROOT.resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (isRealSecret(source)) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Files a user put in an overlay's secrets/ (never read by the tests: they render with the examples). */
    private static boolean isRealSecret(Path file) {
        String name = file.getFileName().toString();
        return file.getParent() != null && file.getParent().getFileName().toString().equals("secrets")
                && !Files.isDirectory(file) && !name.endsWith(".example") && !name.equals(".gitignore");
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
