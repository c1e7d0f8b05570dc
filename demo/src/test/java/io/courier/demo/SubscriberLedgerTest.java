package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo's record of a subscribing service: effects de-duplicated by event id, and the summary's verdict. */
class SubscriberLedgerTest {

    @Test
    void redelivery_toEitherInstance_isSkipped_andTheLedgerCoversTheOrders() throws Exception {
        SubscriberLedger ledger = new SubscriberLedger("inventory-service");
        List<Long> stable = new ArrayList<>();
        List<Long> canary = new ArrayList<>();
        EventHandler<OrderPlaced> first = ledger.handler(order -> stable.add(order.orderId()));
        EventHandler<OrderPlaced> second = ledger.handler(order -> canary.add(order.orderId()));

        first.handle(event("e-1", 1));
        first.handle(event("e-2", 2));
        // the partition moved to the other instance before the commit: both events come again
        second.handle(event("e-1", 1));
        second.handle(event("e-2", 2));
        second.handle(event("e-3", 3));

        assertThat(stable).containsExactly(1L, 2L);
        assertThat(canary).containsExactly(3L);
        assertThat(ledger.deliveries()).isEqualTo(5);
        assertThat(ledger.ordersHandled()).isEqualTo(3);
        assertThat(ledger.covers(Set.of(1L, 2L, 3L))).isTrue();
        assertThat(ledger.discrepancies(Set.of(1L, 2L, 3L))).isEmpty();
    }

    @Test
    void discrepancies_nameMissingDuplicatedAndUnknownOrders() throws Exception {
        SubscriberLedger ledger = new SubscriberLedger("notification-service");
        EventHandler<OrderPlaced> handler = ledger.handler(order -> {});
        handler.handle(event("e-1", 1));
        // the same order under a new event id (a publish retried): outside what de-duplication by id sees
        handler.handle(event("e-1b", 1));
        handler.handle(event("e-9", 9));

        assertThat(ledger.covers(Set.of(1L, 2L))).isFalse();
        assertThat(ledger.discrepancies(Set.of(1L, 2L)))
                .isEqualTo("notification-service: 1 orders never handled; 1 orders handled more than once;"
                        + " 1 events of orders not acknowledged");
    }

    @Test
    void failedEffect_isNotRemembered_soItsRetryRuns() throws Exception {
        SubscriberLedger ledger = new SubscriberLedger("notification-service");
        int[] calls = {0};
        EventHandler<OrderPlaced> handler = ledger.handler(order -> {
            if (++calls[0] == 1) {
                throw new IllegalStateException("mail server down");
            }
        });
        try {
            handler.handle(event("e-1", 1));
        } catch (IllegalStateException expected) {
            // the subscription retries it
        }
        handler.handle(event("e-1", 1).withAttempt(2));

        assertThat(calls[0]).isEqualTo(2);
        assertThat(ledger.discrepancies(Set.of(1L))).isEmpty();
    }

    private static Event<OrderPlaced> event(String id, long orderId) {
        return new Event<>(
                id,
                Instant.parse("2026-11-25T12:00:00Z"),
                OrderPlaced.class.getName(),
                "order-service",
                "1",
                Map.of(),
                new OrderPlaced(orderId, 1, "Ada Lovelace", "book", 1),
                new Event.Position(OrderPlaced.TOPIC, 0, orderId),
                1);
    }
}
