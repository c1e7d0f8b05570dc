package io.courier.examples.userguide;

import io.courier.bootstrap.Courier;
import io.courier.examples.guide.InMemoryUserService;
import io.courier.examples.guide.UserNotFoundException;
import io.courier.examples.guide.UserService;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's "A service in twenty lines": a provider and a consumer in one JVM on the embedded
 * registry, and the first call. {@link #main} runs it once and logs the time from the JVM's start to
 * the first answer, the figure docs/getting-started.md quotes.
 */
public final class FirstCall {

    private static final Logger log = LoggerFactory.getLogger(FirstCall.class);

    private FirstCall() {}

    /**
     * The first answer and how long it took.
     *
     * @param name the name of user 1, as the provider answered it
     * @param nanos from the start of {@link #run()} to the answer, both applications' start included
     */
    public record Answer(String name, long nanos) {}

    /**
     * Starts a provider and a consumer as the README does, makes the first call and closes both.
     *
     * @throws UserNotFoundException never: user 1 exists
     */
    public static Answer run() throws UserNotFoundException {
        long start = System.nanoTime();
        try (Courier provider = Courier.builder()
                        .application("users")
                        .registry("embedded")
                        .port(0)
                        .shutdownHook(false)
                        .export(new InMemoryUserService())
                        .start();
                Courier consumer = Courier.builder()
                        .application("shop")
                        .registry("embedded")
                        .shutdownHook(false)
                        .start()) {
            UserService users = consumer.reference(UserService.class);
            String name = users.find(1).name();
            return new Answer(name, System.nanoTime() - start);
        }
    }

    /** Runs the example once; logs the first answer and the milliseconds since the JVM started. */
    public static void main(String[] args) throws UserNotFoundException {
        long beforeMain = System.currentTimeMillis()
                - ManagementFactory.getRuntimeMXBean().getStartTime();
        Answer answer = run();
        log.info(
                "First answer '{}' {} ms after main began (the JVM took {} ms to reach main)",
                answer.name(),
                TimeUnit.NANOSECONDS.toMillis(answer.nanos()),
                beforeMain);
    }
}
