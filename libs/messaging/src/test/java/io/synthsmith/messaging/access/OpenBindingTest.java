package io.synthsmith.messaging.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A service listening beyond loopback without a token refuses to start, and says what to set. */
class OpenBindingTest {

    @Test
    void loopbackNeedsNoToken() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"}) {
            assertThat(OpenBinding.refusal(host, Optional.empty(), false)).as(host).isEmpty();
        }
    }

    @Test
    void everyOtherAddressWithoutATokenIsRefusedWithWhatToSet() {
        for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "192.168.0.7", "no-such-host.invalid", ""}) {
            assertThat(OpenBinding.refusal(host, Optional.empty(), false)).as(host).hasValueSatisfying(why ->
                    assertThat(why).contains("SYNTHSMITH_API_TOKEN", "SYNTHSMITH_API_ALLOW_OPEN=true",
                            "quarkus.http.host"));
        }
        assertThat(OpenBinding.refusal("0.0.0.0", Optional.of("  "), false)).as("a blank token is none").isPresent();
    }

    @Test
    void aTokenOrTheExplicitSwitchLetsItListenAnywhere() {
        assertThat(OpenBinding.refusal("0.0.0.0", Optional.of("s3cret"), false)).isEmpty();
        assertThat(OpenBinding.refusal("0.0.0.0", Optional.empty(), true)).isEmpty();
    }

    @Test
    void theStartupObserverThrowsSoQuarkusDoesNotStart() {
        ApiConfig open = new ApiConfig() {
            @Override
            public Optional<String> token() {
                return Optional.empty();
            }

            @Override
            public boolean allowOpen() {
                return false;
            }
        };
        assertThatThrownBy(() -> new BindingGuard().check(null, open, "0.0.0.0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The service refuses to start")
                .hasMessageContaining("SYNTHSMITH_API_TOKEN");
        new BindingGuard().check(null, open, "127.0.0.1");
    }
}
