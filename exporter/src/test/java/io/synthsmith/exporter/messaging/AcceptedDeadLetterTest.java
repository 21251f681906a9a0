package io.synthsmith.exporter.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.contract.DeadLetterRoutingContract;

/** The exporter's input topic keeps its contract on the real broker: bad records are dead-lettered, good ones processed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class AcceptedDeadLetterTest extends DeadLetterRoutingContract {

    AcceptedDeadLetterTest() {
        super(Topic.ACCEPTED, "exporter", "accepted.json", "verified");
    }
}
