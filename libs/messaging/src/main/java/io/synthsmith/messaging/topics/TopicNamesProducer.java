package io.synthsmith.messaging.topics;

import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.TopicNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Makes the deployment's topic names and the message codec injectable. */
@ApplicationScoped
public class TopicNamesProducer {

    @Produces
    @ApplicationScoped
    TopicNames topicNames(TopicsConfig config) {
        return new TopicNames(config.prefix());
    }

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
