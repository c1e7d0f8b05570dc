package io.courier.examples.guide;

import io.courier.bootstrap.Courier;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The program of docs/getting-started.md: a provider and a consumer in one JVM, meeting in the
 * embedded registry; both close at the end of the {@code try}, also when a call throws.
 */
public final class GettingStarted {

    private static final Logger log = LoggerFactory.getLogger(GettingStarted.class);

    private GettingStarted() {}

    public static void main(String[] args) throws Exception {
        try (Courier provider = Courier.builder()
                        .application("user-service")
                        .registry("embedded") // or "zookeeper://zk1:2181,zk2:2181"
                        .host("127.0.0.1") // this machine only; leave it out to bind every interface
                        .port(0) // 0 picks a free port; servers usually have a fixed one, e.g. 20880
                        .scan("io.courier.examples.guide") // exports every @Export class of the package
                        .start();
                Courier consumer = Courier.builder()
                        .application("shop")
                        .registry("embedded")
                        .start()) {
            Shop shop = consumer.inject(new Shop()); // fills every @Reference field
            log.info("user 1 is {}", shop.nameOf(1));

            UserService users = consumer.reference(UserService.class); // or ask for a proxy directly
            log.info("users named A...: {}", users.search("A").get(5, TimeUnit.SECONDS));
        }
    }
}
