package io.courier.bootstrap.internal.lifecycle;

/**
 * The JVM shutdown hook that closes one application on SIGTERM or Ctrl-C, and its removal when
 * closing is left to the caller. Thread-safe.
 */
public final class ShutdownHook {

    private volatile Thread thread;

    /** Registers a hook that runs {@code close}. */
    public void register(Runnable close, String name) {
        Thread hook = new Thread(
                () -> {
                    thread = null; // the JVM is already running the hook; removing it now would throw
                    close.run();
                },
                name);
        Runtime.getRuntime().addShutdownHook(hook);
        thread = hook;
    }

    /** The registered hook, or {@code null}. */
    public Thread thread() {
        return thread;
    }

    /** Removes the hook, if one is registered. */
    public void remove() {
        Thread hook = thread;
        thread = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down and the hook is running or about to: nothing to remove.
            }
        }
    }
}
