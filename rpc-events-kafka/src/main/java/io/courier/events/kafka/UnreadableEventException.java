package io.courier.events.kafka;

/** An event record that cannot become an event: it goes to the dead-letter topic, unhandled. */
final class UnreadableEventException extends Exception {

    private static final long serialVersionUID = 1L;

    UnreadableEventException(String reason) {
        super(reason, null, false, false);
    }
}
