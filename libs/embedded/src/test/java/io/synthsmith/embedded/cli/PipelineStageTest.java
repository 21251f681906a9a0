package io.synthsmith.embedded.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messages.topics.TopicNames;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status reads the lag of the consumer groups the services really use, on the topics they really read. */
class PipelineStageTest {

    private static final Path CHECKOUT = Path.of("../..");

    @Test
    void groupsAndInputsMatchEachServicesIncomingChannels() throws Exception {
        for (PipelineStage stage : PipelineStage.values()) {
            Properties properties = new Properties();
            Path file = CHECKOUT.resolve(stage.service()).resolve("src/main/resources/application.properties");
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            for (Topic input : stage.inputs()) {
                String channel = properties.stringPropertyNames().stream()
                        .filter(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic"))
                        .filter(key -> resolve(properties, properties.getProperty(key))
                                .equals(TopicNames.DEFAULT_PREFIX + input.baseName()))
                        .map(key -> key.substring(0, key.length() - ".topic".length()))
                        .findFirst().orElse(null);
                assertThat(channel).as("%s reads %s (%s)", stage.service(), input.baseName(), file).isNotNull();
                assertThat(properties.getProperty(channel + ".group.id")).as("%s group", channel)
                        .isEqualTo(stage.groupId());
            }
        }
    }

    /** Expands {@code ${key}} references as SmallRye Config does (without defaults or environment). */
    private static String resolve(Properties properties, String value) {
        Matcher reference = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            String referenced = properties.getProperty(reference.group(1));
            assertThat(referenced).as("${%s} in %s", reference.group(1), value).isNotNull();
            reference.appendReplacement(resolved, Matcher.quoteReplacement(resolve(properties, referenced)));
        }
        return reference.appendTail(resolved).toString();
    }
}
