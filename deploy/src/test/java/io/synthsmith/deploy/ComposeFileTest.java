package io.synthsmith.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthsmith.messages.topics.TopicNames;
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
    void servicesWithStateReachInfinispanAndTheVerifierMayCreateNamespaces() {
        for (String stateful : new String[] {"task-evolver", "dedup"}) {
            assertThat(services.at("/" + stateful + "/environment/QUARKUS_INFINISPAN_CLIENT_HOSTS").asText())
                    .isEqualTo("infinispan:11222");
            assertThat(services.at("/" + stateful + "/depends_on").has("infinispan")).isTrue();
        }
        assertThat(services.at("/verifier/security_opt").toString()).contains("seccomp=unconfined");
    }
}
