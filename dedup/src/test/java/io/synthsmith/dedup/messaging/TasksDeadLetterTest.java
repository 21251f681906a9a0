package io.synthsmith.dedup.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.contract.DeadLetterRoutingContract;

/** The pre-solve stage's input (the evolver's tasks) keeps its contract: bad records are dead-lettered. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
class TasksDeadLetterTest extends DeadLetterRoutingContract {

    TasksDeadLetterTest() {
        super(Topic.TASKS, "dedup", "task-codeforces.json", "statement");
    }
}
