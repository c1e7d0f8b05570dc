package io.courier.examples.userguide;

import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.Shop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider and a consumer that serve until they are stopped (SIGTERM, Ctrl-C), as a server's
 * {@code main} does; for docs/getting-started.md.
 */
public final class UserServer {

    private static final Logger log = LoggerFactory.getLogger(UserServer.class);

    private UserServer() {}

    public static void main(String[] args) throws Exception {
        // region serve
        Courier provider = Courier.builder()
                .application("user-service")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .export(new InMemoryUserService())
                .start();
        Courier consumer =
                Courier.builder().application("shop").registry("embedded").start();
        log.info("serving; user 1 is {}", consumer.inject(new Shop()).nameOf(1));
        provider.awaitClose(); // until SIGTERM or Ctrl-C: the shutdown hooks close both, gracefully
        // endregion
    }
}
