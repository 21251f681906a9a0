package io.synthsmith.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.messages.topics.TopicNames;
import java.nio.file.Files;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** docker-compose.yml agrees with the services: build files, ports, environment variables, dependencies, topics. */
class ComposeFileTest {

    private final JsonNode compose = Yaml.document(ServiceConfiguration.ROOT.resolve("docker-compose.yml"));
    private final JsonNode services = compose.path("services");

    @TestFactory
    Stream<DynamicTest> everyServiceIsBuiltConfiguredAndWired() {
        return ServiceConfiguration.SERVICES.stream().map(ServiceConfiguration::of).map(service ->
                DynamicTest.dynamicTest(service.name(), () -> {
                    JsonNode entry = services.path(service.name());
                    assertThat(entry.isMissingNode()).as("compose has %s", service.name()).isFalse();
                    String context = entry.at("/build/context").asText();
                    assertThat(ServiceConfiguration.ROOT.resolve(context).resolve(entry.at("/build/dockerfile").asText()))
                            .exists();
                    assertThat(ServiceConfiguration.ROOT.resolve(context).normalize())
                            .isEqualTo(ServiceConfiguration.ROOT.resolve(service.name()).normalize());
                    assertThat(entry.path("ports").get(0).asText()).isEqualTo("127.0.0.1:" + service.port() + ":" + service.port());
                    assertThat(entry.at("/environment/QUARKUS_HTTP_PORT").asText()).isEqualTo(Integer.toString(service.port()));
                    entry.path("environment").fieldNames().forEachRemaining(variable ->
                            assertThat(service.knowsEnvironmentVariable(variable))
                                    .as("%s's environment variable %s is a configuration key of the service",
                                            service.name(), variable)
                                    .isTrue());
                    entry.path("depends_on").fieldNames().forEachRemaining(dependency ->
                            assertThat(services.has(dependency)).as("%s depends on %s", service.name(), dependency)
                                    .isTrue());
                    assertThat(entry.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
                }));
    }

    @Test
    void theTopicJobCreatesEveryTopicOfThePipeline() {
        String script = services.at("/kafka-topics/command/0").asText();
        Matcher list = Pattern.compile("for t in ([^;]+);").matcher(script.replace("\\\n", " "));
        assertThat(list.find()).isTrue();
        Set<String> created = new TreeSet<>();
        for (String name : list.group(1).trim().split("\\s+")) {
            created.add("synthsmith." + name);
        }

        assertThat(created).containsExactlyInAnyOrderElementsOf(TopicNames.defaults().all());
    }

    @Test
    void servicesWithStateReachInfinispan() {
        for (String stateful : new String[] {"task-evolver", "dedup"}) {
            assertThat(services.at("/" + stateful + "/environment/QUARKUS_INFINISPAN_CLIENT_HOSTS").asText())
                    .isEqualTo("infinispan:11222");
            assertThat(services.at("/" + stateful + "/depends_on").has("infinispan")).isTrue();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyServiceBindsAllAddressesWithATokenAndGetsEveryRequiredKey() {
        return ServiceConfiguration.SERVICES.stream().map(service -> DynamicTest.dynamicTest(service, () -> {
            JsonNode env = services.at("/" + service + "/environment");
            assertThat(env.path("QUARKUS_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
            assertThat(env.path("SYNTHSMITH_API_TOKEN").asText())
                    .as("compose refuses to start without a token rather than start the services open")
                    .startsWith("${SYNTHSMITH_API_TOKEN:?");
            assertThat(env.has("SYNTHSMITH_LLM_API_KEY")).as("%s gets the LLM key", service)
                    .isEqualTo(RenderedOverlaysTest.LLM_CLIENTS.contains(service));
            assertThat(services.at("/" + service + "/image").asText()).isEqualTo("synthsmith/" + service + ":latest");
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(
                    ServiceConfiguration.ROOT.resolve(service).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            for (String key : RequiredConfigKeys.of(service)) {
                assertThat(properties.containsKey(key) || env.has(ServiceConfiguration.envForm(key)))
                        .as("%s: required key %s is set", service, key).isTrue();
            }
        }));
    }

    @Test
    void kafkaHasAHostListenerBesideTheInternalOne() {
        JsonNode kafka = services.path("kafka");
        JsonNode env = kafka.path("environment");
        assertThat(env.path("KAFKA_LISTENERS").asText()).contains("PLAINTEXT://:9092", "HOST://:29092");
        assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("PLAINTEXT://kafka:9092", "HOST://localhost:29092");
        assertThat(env.path("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").asText()).contains("HOST:PLAINTEXT");
        assertThat(env.path("KAFKA_INTER_BROKER_LISTENER_NAME").asText()).isEqualTo("PLAINTEXT");
        assertThat(kafka.path("ports").toString()).contains("127.0.0.1:29092:29092").doesNotContain("\"9092:9092\"");
    }

    @Test
    void theVerifierMayMountProcAndCreateNamespaces() {
        assertThat(services.at("/verifier/security_opt").toString())
                .contains("systempaths=unconfined", "seccomp=unconfined", "apparmor=unconfined");
        assertThat(services.at("/verifier/user").asText()).as("root, to give each run slot its own uid").isEqualTo("0:0");
    }

    @Test
    void theExporterVolumeIsGivenToUid185BeforeTheExporterStarts() {
        JsonNode exporter = services.path("exporter");
        String mount = exporter.at("/volumes/0").asText();
        assertThat(exporter.at("/depends_on/exporter-volume/condition").asText()).isEqualTo("service_completed_successfully");
        JsonNode init = services.path("exporter-volume");
        assertThat(init.at("/volumes/0").asText()).isEqualTo(mount);
        assertThat(init.path("user").asText()).isEqualTo("0:0");
        assertThat(init.path("entrypoint").toString())
                .isEqualTo("[\"chown\",\"185:185\",\"" + mount.substring(mount.indexOf(':') + 1) + "\"]");
        assertThat(exporter.at("/environment/SYNTHSMITH_EXPORTER_FILES_DIRECTORY").asText())
                .isEqualTo(mount.substring(mount.indexOf(':') + 1));
    }
}
