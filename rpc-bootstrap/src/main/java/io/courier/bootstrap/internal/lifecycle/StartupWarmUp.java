package io.courier.bootstrap.internal.lifecycle;

import io.courier.protocol.json.JsonMappers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work an application's start would otherwise do on its critical path, started on a short-lived
 * thread of its own beside it: on a 2-core machine the start is mostly one thread (the caller's,
 * waiting at times for the registry), so the other core is free. Only class loading and static
 * initialization, which the start then finds done (or waits for, never repeats); nothing whose
 * failure matters: a failure here is logged at debug and met again, as before, where the start
 * needs the class.
 */
public final class StartupWarmUp {

    private static final Logger log = LoggerFactory.getLogger(StartupWarmUp.class);

    private StartupWarmUp() {}

    /**
     * For an application that exports services to a registry: the JSON mappers its service
     * metadata is written with (Jackson and its modules, about 0.3 s in a fresh JVM on a 2-core
     * machine), loaded while the registry connects.
     */
    public static void forExports() {
        Thread thread = new Thread(StartupWarmUp::loadJson, "courier-start-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void loadJson() {
        try {
            JsonMappers.writing();
        } catch (RuntimeException | LinkageError e) {
            log.debug("JSON mappers not loaded ahead of the metadata", e);
        }
    }
}
