package io.synthsmith.verifier.sandbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.synthsmith.verifier.config.VerifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refuses to start the verifier when the sandbox cannot isolate programs (namespaces, no capabilities, the seccomp
 * filter active), unless {@code synthsmith.verifier.sandbox.allow-unisolated} is set, in which case it says so
 * loudly at every start.
 */
@ApplicationScoped
public class IsolationGuard {

    private static final Logger LOG = Logger.getLogger(IsolationGuard.class);

    void check(@Observes StartupEvent startup, Sandbox sandbox, VerifierConfig config, MeterRegistry registry) {
        List<String> problems = sandbox.isolationProblems();
        if (!problems.isEmpty()) {
            String what = String.join("; ", problems);
            if (!config.sandbox().allowUnisolated()) {
                throw new IllegalStateException("The verifier refuses to start: the sandbox cannot isolate programs ("
                        + what + "). It needs bubblewrap (" + config.sandbox().bwrap() + ", Debian package"
                        + " 'bubblewrap') with user namespaces allowed (sysctl kernel.unprivileged_userns_clone=1,"
                        + " or a container runtime that permits them). For development only, set"
                        + " SYNTHSMITH_VERIFIER_SANDBOX_ALLOW_UNISOLATED=true to run programs without isolation.");
            }
            sandbox.runUnisolated();
            String banner = "!".repeat(100);
            LOG.error(banner);
            LOG.errorf("UNISOLATED: the sandbox cannot isolate programs (%s), and"
                    + " synthsmith.verifier.sandbox.allow-unisolated=true lets LLM-written code run WITHOUT"
                    + " namespaces: it can read host files and reach the network. Never do this in production.",
                    what);
            LOG.error(banner);
        } else {
            LOG.infof("sandbox isolation checked: bubblewrap namespaces, %s, %d run slots%s",
                    sandbox.seccomp() ? "seccomp filter active"
                            : "NO seccomp filter (synthsmith.verifier.sandbox.seccomp=false)",
                    sandbox.options().slots(), sandbox.slotUids().map(range -> " as " + range).orElse(""));
        }
        Gauge.builder("synthsmith.verifier.sandbox.isolated", sandbox, s -> s.isolated() ? 1 : 0)
                .description("1 when programs run isolated, 0 when the development switch allows unisolated runs")
                .register(registry);
    }
}
