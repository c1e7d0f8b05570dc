package io.courier.protocol.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A value with one of everything a serializer must carry. */
public class Order {

    private long id;
    private Status status;
    private Address shipTo;
    private BigDecimal amount;
    private byte[] signature;
    private List<Address> stops;
    private Set<String> tags;
    private Map<String, Integer> quantities;
    private Instant placed;
    private Duration window;
    private ZonedDateTime due;
    private OffsetDateTime paid;
    private LocalTime cutoff;
    private char grade;
    private short priority;
    private byte flags;
    private float weight;
    private double price;
    private boolean gift;
    private Integer optional;
    private String note;

    public Order() {}

    public static Order sample() {
        Order order = new Order();
        order.id = 7;
        order.status = Status.PAID;
        order.shipTo = new Address("Zürich", "Bahnhofstrasse 1");
        order.amount = new BigDecimal("12345.6789");
        order.signature = new byte[] {1, 2, 3, (byte) 0xFF};
        order.stops = new java.util.ArrayList<>(List.of(new Address("a", "b"), new Address("c", null)));
        order.tags = new java.util.LinkedHashSet<>(List.of("x", "y"));
        order.quantities = new java.util.HashMap<>(Map.of("apple", 3, "pear", -1));
        order.placed = Instant.parse("2024-05-06T07:08:09.123456789Z");
        order.window = Duration.ofMinutes(90);
        order.due = ZonedDateTime.parse("2024-05-07T10:00:00+02:00[Europe/Zurich]");
        order.paid = OffsetDateTime.parse("2024-05-06T08:00:00-05:00");
        order.cutoff = LocalTime.of(17, 30);
        order.grade = 'Ä';
        order.priority = -3;
        order.flags = (byte) 0x81;
        order.weight = 1.5f;
        order.price = -0.25;
        order.gift = true;
        order.optional = null;
        order.note = "naïve café 😀";
        return order;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Order x
                && id == x.id
                && status == x.status
                && Objects.equals(shipTo, x.shipTo)
                && Objects.equals(amount, x.amount)
                && Arrays.equals(signature, x.signature)
                && Objects.equals(stops, x.stops)
                && Objects.equals(tags, x.tags)
                && Objects.equals(quantities, x.quantities)
                && Objects.equals(placed, x.placed)
                && Objects.equals(window, x.window)
                && Objects.equals(due, x.due)
                && Objects.equals(paid, x.paid)
                && Objects.equals(cutoff, x.cutoff)
                && grade == x.grade
                && priority == x.priority
                && flags == x.flags
                && weight == x.weight
                && price == x.price
                && gift == x.gift
                && Objects.equals(optional, x.optional)
                && Objects.equals(note, x.note);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "Order(" + id + ")";
    }
}
