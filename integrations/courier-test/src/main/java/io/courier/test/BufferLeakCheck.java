package io.courier.test;

import io.courier.testkit.LeakDetectionExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty buffer-leak check of Courier's own tests ({@link LeakDetectionExtension}: the detector at
 * paranoid, garbage collected after the class, every leak report fails it). It reads Netty's reports
 * through logback, so it runs when logback is the test's logging backend and is skipped, with one
 * log line, otherwise.
 */
final class BufferLeakCheck {

    private static final Logger log = LoggerFactory.getLogger(BufferLeakCheck.class);
    private static final String LOGBACK_CONTEXT = "ch.qos.logback.classic.LoggerContext";

    private final LeakDetectionExtension delegate;

    private BufferLeakCheck(LeakDetectionExtension delegate) {
        this.delegate = delegate;
    }

    static BufferLeakCheck create() {
        if (LoggerFactory.getILoggerFactory().getClass().getName().equals(LOGBACK_CONTEXT)) {
            return new BufferLeakCheck(new LeakDetectionExtension());
        }
        log.info("Netty buffer-leak checks are off: they need logback-classic as the test's slf4j backend");
        return new BufferLeakCheck(null);
    }

    void beforeAll(ExtensionContext context) {
        if (delegate != null) {
            delegate.beforeAll(context);
        }
    }

    void afterAll(ExtensionContext context) {
        if (delegate != null) {
            delegate.afterAll(context);
        }
    }
}
