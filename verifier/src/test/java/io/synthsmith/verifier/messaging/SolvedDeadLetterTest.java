package io.synthsmith.verifier.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.contract.DeadLetterRoutingContract;

/** The verifier's input topic keeps its contract on the real broker: bad records are dead-lettered, good ones processed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class SolvedDeadLetterTest extends DeadLetterRoutingContract {

    SolvedDeadLetterTest() {
        super(Topic.SOLVED, "verifier", "solved.json", "candidates");
    }
}
