package io.synthsmith.solver.solving;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.llm.settings.LlmSettingsResolver;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.candidates.PythonSyntax;
import io.synthsmith.solver.config.SolverConfig;
import io.synthsmith.solver.llm.ModelClients;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.eclipse.microprofile.config.Config;

/** Builds the solver's plain classes from configuration; the logic itself knows nothing of CDI. */
public class SolverBeans {

    @Produces
    @Singleton
    ModelClients modelClients(Vertx vertx, Config config, MeterRegistry registry, SolverConfig solver) {
        return new ModelClients(vertx, LlmSettingsResolver.resolve(config, TaskSolver.STAGE), registry,
                solver.maxModels());
    }

    void closeClients(@Disposes ModelClients clients) {
        clients.close();
    }

    @Produces
    @Singleton
    SolverMetrics solverMetrics(MeterRegistry registry) {
        return new SolverMetrics(registry);
    }

    @Produces
    @Singleton
    TaskSolver taskSolver(ModelClients clients, SolverMetrics metrics, MessageCodec codec, SolverConfig solver) {
        PythonSyntax syntax = PythonSyntax.using(solver.pythonSyntaxCheck());
        return new TaskSolver(clients, new CandidateScreen(solver.minReasoningChars(), syntax), metrics, codec,
                Clock.systemUTC(), solver.directInputs(), solver.maxSolvedBytes(), syntax,
                solver.testSourceAttempts())
                .withTruncatedRetryFactor(solver.truncatedRetryFactor());
    }
}
