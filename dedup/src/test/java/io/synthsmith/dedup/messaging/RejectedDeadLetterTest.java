package io.synthsmith.dedup.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.contract.DeadLetterRoutingContract;

/** The rejections read to release in-flight tasks keep their contract: bad records are dead-lettered. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class RejectedDeadLetterTest extends DeadLetterRoutingContract {

    RejectedDeadLetterTest() {
        super(Topic.REJECTED, "dedup", "rejected.json", "reason");
    }
}
