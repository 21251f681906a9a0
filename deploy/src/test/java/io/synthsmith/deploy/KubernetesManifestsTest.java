package io.synthsmith.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthsmith.messages.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The Kubernetes manifests agree with the services: names, images, ports, probes, topics, groups, config keys. */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("kubernetes/base");
    private static final Path OVERLAYS = Path.of("kubernetes/overlays");

    private final List<JsonNode> resources = baseResources();

    @TestFactory
    Stream<DynamicTest> everyServiceHasADeploymentServiceAndLagAutoscaler() {
        return ServiceConfiguration.SERVICES.stream().map(ServiceConfiguration::of).map(service ->
                DynamicTest.dynamicTest(service.name(), () -> {
                    JsonNode deployment = find("Deployment", service.name())
                            .or(() -> find("StatefulSet", service.name())).orElseThrow();
                    JsonNode container = deployment.at("/spec/template/spec/containers/0");
                    assertThat(container.path("image").asText()).startsWith("synthsmith/" + service.name() + ":");
                    assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(service.port());
                    assertThat(container.at("/ports/0/name").asText()).isEqualTo("http");
                    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
                    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
                    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
                    assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
                    assertThat(container.at("/resources/limits/cpu").isMissingNode()).isFalse();
                    for (JsonNode env : container.path("env")) {
                        assertThat(service.knowsEnvironmentVariable(env.path("name").asText()))
                                .as("%s's env %s is a configuration key of the service", service.name(), env.path("name"))
                                .isTrue();
                    }
                    JsonNode svc = find("Service", service.name()).orElseThrow();
                    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(service.port());
                    assertThat(svc.at("/spec/selector")).isEqualTo(deployment.at("/spec/selector/matchLabels"));
                    JsonNode trigger = find("ScaledObject", service.name()).orElseThrow().at("/spec/triggers/0");
                    assertThat(trigger.path("type").asText()).isEqualTo("kafka");
                    assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(service.inputTopic());
                    assertThat(trigger.at("/metadata/consumerGroup").asText()).isEqualTo(service.consumerGroup());
                }));
    }

    @Test
    void everyTopicOfThePipelineIsAKafkaTopicResource() {
        Set<String> declared = new TreeSet<>();
        resources.stream().filter(r -> r.path("kind").asText().equals("KafkaTopic"))
                .forEach(r -> declared.add(r.at("/spec/topicName").asText()));

        assertThat(declared).containsExactlyInAnyOrderElementsOf(TopicNames.defaults().all());
    }

    @Test
    void theSharedConfigMapHoldsOnlyKnownConfigurationKeys() {
        Set<String> keys = ServiceConfiguration.sharedKeys();
        for (String kind : List.of("ConfigMap", "Secret")) {
            for (JsonNode resource : resources) {
                if (!resource.path("kind").asText().equals(kind)) {
                    continue;
                }
                JsonNode data = kind.equals("ConfigMap") ? resource.path("data") : resource.path("stringData");
                data.fieldNames().forEachRemaining(name -> {
                    if (name.endsWith(".yaml")) {
                        return;
                    }
                    assertThat(keys.stream().anyMatch(key -> ServiceConfiguration.matches(key, name)))
                            .as("%s %s key %s is a documented configuration key", kind,
                                    resource.at("/metadata/name").asText(), name)
                            .isTrue();
                });
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifestAndTheDashboardParses() throws IOException {
        JsonNode kustomization = Yaml.document(BASE.resolve("kustomization.yaml"));
        Set<String> listed = new TreeSet<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(BASE)) {
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml"))
                    .forEach(present::add);
        }
        assertThat(listed).isEqualTo(present);
        String dashboardFile = kustomization.at("/configMapGenerator/0/files/0").asText().split("=", 2)[1];
        JsonNode dashboard = new ObjectMapper().readTree(BASE.resolve(dashboardFile).toFile());
        assertThat(dashboard.path("panels")).isNotEmpty();
    }

    @Test
    void overlaysBuildOnTheBaseAndPatchOnlyWhatExists() {
        for (String overlay : List.of("local", "production")) {
            JsonNode kustomization = Yaml.document(OVERLAYS.resolve(overlay).resolve("kustomization.yaml"));
            List<String> referenced = new ArrayList<>();
            kustomization.path("resources").forEach(r -> referenced.add(r.asText()));
            assertThat(referenced).as(overlay).contains("../../base");
            referenced.forEach(r -> assertThat(OVERLAYS.resolve(overlay).resolve(r)).as(overlay).exists());
            for (JsonNode patch : kustomization.path("patches")) {
                String kind = patch.at("/target/kind").asText();
                String name = patch.at("/target/name").asText(null);
                assertThat(resources.stream().anyMatch(r -> r.path("kind").asText().equals(kind)
                        && (name == null || r.at("/metadata/name").asText().equals(name))))
                        .as("%s patches %s %s, which the base has", overlay, kind, name).isTrue();
            }
            for (JsonNode image : kustomization.path("images")) {
                assertThat(ServiceConfiguration.SERVICES).contains(image.path("name").asText().replace("synthsmith/", ""));
            }
        }
    }

    private Optional<JsonNode> find(String kind, String name) {
        return resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.at("/metadata/name").asText().equals(name))
                .findFirst();
    }

    private static List<JsonNode> baseResources() {
        List<JsonNode> all = new ArrayList<>();
        Yaml.document(BASE.resolve("kustomization.yaml")).path("resources")
                .forEach(r -> all.addAll(Yaml.documents(BASE.resolve(r.asText()))));
        return all;
    }
}
