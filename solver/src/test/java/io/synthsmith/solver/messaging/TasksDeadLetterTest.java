package io.synthsmith.solver.messaging;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synthsmith.embedded.quarkus.EmbeddedInfrastructureResource;
import io.synthsmith.messages.topics.Topic;
import io.synthsmith.messaging.contract.DeadLetterRoutingContract;
import io.synthsmith.solver.scripted.ScriptedLlmResource;

/** The solver's input topic keeps its contract on the real broker: bad records are dead-lettered, good ones processed. */
@QuarkusTest
@QuarkusTestResource(EmbeddedInfrastructureResource.class)
@QuarkusTestResource(ScriptedLlmResource.class)
class TasksDeadLetterTest extends DeadLetterRoutingContract {

    TasksDeadLetterTest() {
        super(Topic.TASKS_UNIQUE, "solver", "task-codeforces.json", "statement", "tasks");
    }
}
