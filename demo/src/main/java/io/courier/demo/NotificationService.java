package io.courier.demo;

/** Tells customers about their orders; it learns of them from the {@link OrderPlaced} events. */
public interface NotificationService {

    /** How many order confirmations the user was sent. */
    int sent(long userId);
}
