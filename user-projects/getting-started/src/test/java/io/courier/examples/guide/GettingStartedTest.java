package io.courier.examples.guide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Not on the page: runs the page's program as its reader would, and checks what it prints. main throws
 * when a call fails, and the page promises a normal run logs no WARN or ERROR line.
 */
class GettingStartedTest {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void listen() {
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void stopListening() {
        root.detachAppender(events);
    }

    @Test
    void main_findsAUserAndSearches_throughTheEmbeddedRegistry() throws Exception {
        GettingStarted.main(new String[0]);

        List<String> program = events.list.stream()
                .filter(event -> event.getLoggerName().equals(GettingStarted.class.getName()))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        assertEquals(
                List.of(
                        "user 1 is Ada Lovelace",
                        "users named A...: [User(1, Ada Lovelace), User(2, Alan Turing)]"),
                program);
        List<String> warnings = events.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .map(event -> event.getLevel() + " " + event.getLoggerName() + " - " + event.getFormattedMessage())
                .toList();
        assertEquals(List.of(), warnings);
    }
}
