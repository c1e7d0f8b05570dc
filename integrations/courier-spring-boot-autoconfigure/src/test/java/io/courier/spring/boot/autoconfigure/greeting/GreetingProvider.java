package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.api.Export;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The provider bean: a Spring component whose class carries {@code @Export}. */
@Export
@Component
public class GreetingProvider implements Greeting {

    private final String application;
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private final CountDownLatch gate = new CountDownLatch(1);

    public GreetingProvider(@Value("${courier.application.name}") String application) {
        this.application = application;
    }

    @Override
    public String greet(String name) {
        return "hello " + name + " from " + application;
    }

    @Override
    public CompletableFuture<String> greetLater(String name) {
        return CompletableFuture.supplyAsync(() -> greet(name));
    }

    @Override
    public void note(String text) {
        notes.add(text);
    }

    @Override
    public String held(String name) {
        held.incrementAndGet();
        try {
            if (!gate.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the gate stayed shut");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return greet(name);
    }

    /** The notes left so far. */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** How many {@link #held} calls arrived. */
    public int heldCalls() {
        return held.get();
    }

    /** Lets every {@link #held} call answer. */
    public void open() {
        gate.countDown();
    }
}
