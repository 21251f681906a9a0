package io.synthsmith.solver.solving;

import io.micrometer.core.instrument.MeterRegistry;
import io.synthsmith.llm.settings.LlmSettingsResolver;
import io.synthsmith.messages.codec.MessageCodec;
import io.synthsmith.solver.candidates.CandidateScreen;
import io.synthsmith.solver.candidates.PythonSyntax;
import io.synthsmith.solver.config.SolverConfig;
import io.synthsmith.solver.llm.ModelClients;
import io.synthsmith.solver.probe.ProbeAttempts;
import io.synthsmith.solver.probe.ProbeClients;
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
    ProbeClients probeClients(Vertx vertx, Config config, MeterRegistry registry, SolverConfig solver) {
        return new ProbeClients(vertx, LlmSettingsResolver.resolve(config, TaskSolver.STAGE), registry, System::getenv,
                solver.maxModels());
    }

    void closeProbeClients(@Disposes ProbeClients clients) {
        clients.close();
    }

    @Produces
    @Singleton
    SolverMetrics solverMetrics(MeterRegistry registry) {
        return new SolverMetrics(registry);
    }

    @Produces
    @Singleton
    TaskSolver taskSolver(ModelClients clients, ProbeClients probes, SolverMetrics metrics, MessageCodec codec,
            SolverConfig solver) {
        PythonSyntax syntax = PythonSyntax.using(solver.pythonSyntaxCheck());
        CandidateScreen screen = new CandidateScreen(solver.minReasoningChars(), syntax);
        return new TaskSolver(clients, screen, metrics, codec,
                Clock.systemUTC(), solver.directInputs(), solver.maxSolvedBytes(), syntax,
                solver.testSourceAttempts())
                .withTruncatedRetryFactor(solver.truncatedRetryFactor())
                .withProbe(new ProbeAttempts(probes, screen));
    }
}
