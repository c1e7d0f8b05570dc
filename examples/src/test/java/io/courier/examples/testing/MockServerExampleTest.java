package io.courier.examples.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.examples.guide.Shop;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.mockserver.MockServer;
import io.courier.mockserver.MockServerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** docs/testing.md, section 4: the shop against the mock server and the stub file beside this test. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MockServerExampleTest {

    @Test
    void shop_getsItsAnswersFromTheStubFile() throws Exception {
        MockServerOptions options = MockServerOptions.builder()
                .stubFile(Path.of("src/test/resources/stubs/users.json"))
                .registry("embedded")
                .registryRoot("/examples-mock-server")
                .build();
        try (MockServer server = MockServer.start(options);
                Courier shopApp = Courier.builder()
                        .application("shop")
                        .registry("embedded")
                        .property("courier.registry.root", "/examples-mock-server")
                        .shutdownHook(false)
                        .start()) {
            Shop shop = shopApp.inject(new Shop());

            // the mock server registers asynchronously, like any provider
            await().atMost(Duration.ofSeconds(15))
                    .ignoreException(RpcException.class)
                    .until(() -> shop.nameOf(1).equals("Ada"));
            assertThatThrownBy(() -> shop.nameOf(2))
                    .isInstanceOf(UserNotFoundException.class)
                    .hasMessage("no user with id 2");
            assertThat(shop.users().instance()).isEqualTo("mock-server");
        }
    }
}
