package io.courier.proxy;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/** Package-private on purpose: dispatchers must not need a public implementation class. */
class EchoProvider implements EchoService {

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Executor completer;

    EchoProvider(Executor completer) {
        this.completer = completer;
    }

    @Override
    public String echo(String text) {
        return text;
    }

    @Override
    public Object echoObject(Object value) {
        return value;
    }

    @Override
    public void ping() {
        events.add("ping");
    }

    @Override
    public void fail(String message) {
        throw new IllegalArgumentException(message);
    }

    @Override
    public void fire(String event) {
        events.add(event);
    }

    @Override
    public void record(String event) {
        events.add(event);
    }

    @Override
    public CompletableFuture<String> echoAsync(String text) {
        return CompletableFuture.supplyAsync(() -> text, completer);
    }

    /** Fails later, on the completer, with a checked business exception. */
    @Override
    public CompletableFuture<String> findAsync(String id) {
        CompletableFuture<String> result = new CompletableFuture<>();
        completer.execute(() -> result.completeExceptionally(new NotFoundException("no " + id)));
        return result;
    }

    @Override
    public String find(String id) throws NotFoundException {
        if (id.startsWith("known")) {
            return "found " + id;
        }
        throw new NotFoundException("no " + id);
    }

    @Override
    public String crash(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public int[] reverse(int[] values) {
        int[] reversed = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            reversed[i] = values[values.length - 1 - i];
        }
        return reversed;
    }

    @Override
    public String[] split(String text) {
        return text == null ? null : Arrays.stream(text.split(",")).toArray(String[]::new);
    }
}
