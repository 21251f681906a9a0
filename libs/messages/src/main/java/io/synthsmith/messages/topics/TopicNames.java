package io.synthsmith.messages.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * Full topic names under a deployment's prefix: {@code synthsmith.seeds}, {@code synthsmith.seeds.dlq}, and so on.
 */
public record TopicNames(String prefix) {

    /** The prefix when none is configured. */
    public static final String DEFAULT_PREFIX = "synthsmith.";
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    public TopicNames {
        if (prefix == null) {
            prefix = DEFAULT_PREFIX;
        }
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic prefix '" + prefix
                    + "' may only hold letters, digits, '.', '_' and '-' (Kafka's topic name characters)");
        }
    }

    public static TopicNames defaults() {
        return new TopicNames(DEFAULT_PREFIX);
    }

    public String of(Topic topic) {
        return prefix + topic.baseName();
    }

    public String deadLetterOf(Topic topic) {
        if (!topic.hasDeadLetterTopic()) {
            throw new IllegalArgumentException(topic.baseName() + " is not consumed by the pipeline and has no dead-letter topic");
        }
        return of(topic) + DEAD_LETTER_SUFFIX;
    }

    /** Every topic of the pipeline with its dead-letter topics, as a deployment must create them. */
    public List<String> all() {
        List<String> names = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            names.add(of(topic));
            if (topic.hasDeadLetterTopic()) {
                names.add(deadLetterOf(topic));
            }
        }
        return names;
    }
}
