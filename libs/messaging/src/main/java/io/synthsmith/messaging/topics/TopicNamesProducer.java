package io.synthsmith.messaging.topics;

import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.messages.topics.TopicNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the deployment's topic names and the message codec injectable. */
@ApplicationScoped
public class TopicNamesProducer {

    // Singleton, not ApplicationScoped: TopicNames is a record, and a normal-scoped bean needs a proxyable type.
    @Produces
    @Singleton
    TopicNames topicNames(TopicsConfig config) {
        return new TopicNames(config.prefix());
    }

    @Produces
    @ApplicationScoped
    MessageCodec messageCodec() {
        return new MessageCodec();
    }
}
