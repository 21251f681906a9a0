package io.synthsmith.messaging.access;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses to start a service that listens beyond loopback with its state-changing and code-running endpoints open
 * ({@link OpenBinding}). Health and metrics are never behind the token, so probes work either way.
 */
@ApplicationScoped
public class BindingGuard {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent started, ApiConfig api,
            @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0") String host) {
        OpenBinding.refusal(host, api.token(), api.allowOpen()).ifPresent(why -> {
            throw new IllegalStateException("The service refuses to start: " + why);
        });
    }
}
