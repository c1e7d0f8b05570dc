package io.courier.bench.events;

import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.courier.events.nats.NatsServer;
import io.courier.events.rabbitmq.RabbitServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One broker started for a run, and the three sides on it: {@code plain} (the broker's own Java client with values
 * of the payload's size that nothing decodes, the floor), {@code plain-hessian} (the same client with the event
 * written and read by Courier's hessian serializer called by hand) and {@code courier}. Kafka: the embedded broker in
 * this JVM; NATS JetStream and RabbitMQ: Debian's servers in processes of their own, started as the broker modules'
 * tests start them ({@link NatsServer}, {@link RabbitServer}). Closing it closes the sides, then the broker.
 */
final class BrokerRun implements AutoCloseable {

    /** The brokers a run can take. */
    static final List<String> BROKERS = List.of("kafka", "nats", "rabbitmq");

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final List<EventSide> sides = new ArrayList<>();
    private String description;

    private BrokerRun() {}

    /** Starts {@code broker} (one of {@link #BROKERS}) and its sides; topics get {@code partitions} where it has them. */
    static BrokerRun start(String broker, int partitions) throws Exception {
        BrokerRun run = new BrokerRun();
        try {
            switch (broker) {
                case "kafka" -> run.kafka(partitions);
                case "nats" -> run.nats(partitions);
                case "rabbitmq" -> run.rabbitmq();
                default ->
                    throw new IllegalArgumentException("broker: " + broker + " (expected: one of " + BROKERS + ")");
            }
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void kafka(int partitions) {
        EmbeddedKafka kafka = opened(EmbeddedKafka.start());
        String bootstrap = kafka.bootstrapServers();
        CourierSide courier = opened(CourierSide.kafka(bootstrap, partitions));
        side(new PlainKafkaSide(
                EventsComparison.SIDES.get(0), bootstrap, ValueFormat.raw(EventsComparison.payloadBytes()), courier));
        side(new PlainKafkaSide(EventsComparison.SIDES.get(1), bootstrap, ValueFormat.hessian(), courier));
        side(courier);
        description = "embedded Kafka on " + bootstrap + ", " + partitions + " partitions per topic";
    }

    private void nats(int partitions) {
        NatsServer server = opened(NatsServer.start());
        String url = server.url();
        side(new PlainNatsSide(
                EventsComparison.SIDES.get(0), url, ValueFormat.raw(EventsComparison.payloadBytes()), partitions));
        side(new PlainNatsSide(EventsComparison.SIDES.get(1), url, ValueFormat.hessian(), partitions));
        side(opened(CourierSide.nats(url, partitions)));
        description = "nats-server with JetStream on " + url + ", " + partitions + " partition subjects per topic";
    }

    private void rabbitmq() {
        RabbitServer server = opened(RabbitServer.start());
        String uri = server.uri();
        side(new PlainRabbitSide(EventsComparison.SIDES.get(0), uri, ValueFormat.raw(EventsComparison.payloadBytes())));
        side(new PlainRabbitSide(EventsComparison.SIDES.get(1), uri, ValueFormat.hessian()));
        side(opened(CourierSide.rabbitmq(uri)));
        description = "rabbitmq-server on " + uri.replaceAll("//[^@/]*@", "//") + ", a quorum queue per group";
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private void side(EventSide side) {
        if (!opened.contains(side)) {
            opened.add(side);
        }
        sides.add(side);
    }

    /** The broker and where it listens. */
    String description() {
        return description;
    }

    /** plain, plain-hessian and courier, in {@link EventsComparison#SIDES}'s order. */
    List<EventSide> sides() {
        return List.copyOf(sides);
    }

    /** Closes the sides, then the broker; the first failure is thrown after all were tried. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        List<AutoCloseable> reversed = new ArrayList<>(opened);
        Collections.reverse(reversed);
        for (AutoCloseable closeable : reversed) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
