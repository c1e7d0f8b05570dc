package io.courier.bench.events;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.courier.events.core.CloudEvents;
import io.courier.events.rabbitmq.AmqpEventKeys;
import java.io.IOException;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The official RabbitMQ Java client (amqp-client) doing by hand what Courier's RabbitMQ broker does: a durable direct
 * exchange whose routing key is the topic, per topic and group a durable quorum queue bound to it (delivery limit and
 * dead-letter routing as Courier declares them); persistent, mandatory publishes on one channel in confirm mode, each
 * acknowledged by the broker's confirm (RabbitMQ's own asynchronous-confirms pattern); a consumer per group with
 * prefetch 1 and manual ack after handling. Headers of Courier's names and lengths ({@link CourierHeaders}; the
 * media type in the content-type property, as Courier puts it), values in a {@link ValueFormat}. No envelope read, no
 * span, no meter.
 */
final class PlainRabbitSide implements EventSide, ConfirmListener {

    private static final String CONTENT_TYPE = CloudEvents.contentType("hessian");

    private final String name;
    private final ValueFormat format;
    private final Map<String, Object> headers;
    private final Connection connection;
    private final Channel publishing;
    private final ConcurrentNavigableMap<Long, Ack> pending = new ConcurrentSkipListMap<>();

    PlainRabbitSide(String name, String uri, ValueFormat format) {
        this.name = name;
        this.format = format;
        Map<String, Object> filler = new HashMap<>(CourierHeaders.fillerText(CloudEvents.Binding.AMQP));
        filler.remove(CloudEvents.Binding.AMQP.header(CloudEvents.DATACONTENTTYPE));
        this.headers = Map.copyOf(filler);
        try {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            this.connection = factory.newConnection(name);
            this.publishing = connection.createChannel();
            publishing.exchangeDeclare(exchange(), BuiltinExchangeType.DIRECT, true);
            publishing.confirmSelect();
            publishing.addConfirmListener(this);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to RabbitMQ for side " + name, e);
        }
    }

    private String exchange() {
        return name + ".events";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare(String topic, String group) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("x-queue-type", AmqpEventKeys.QUEUE_TYPE.defaultValue());
        arguments.put("x-dead-letter-exchange", exchange());
        arguments.put("x-dead-letter-routing-key", topic + ".dead-letters");
        arguments.put("x-delivery-limit", AmqpEventKeys.MAX_DELIVER.defaultValue());
        try {
            synchronized (publishing) {
                publishing.queueDeclare(queue(topic, group), true, false, false, arguments);
                publishing.queueBind(queue(topic, group), exchange(), topic);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot declare the queue of group '" + group + "' on '" + topic + "'", e);
        }
    }

    private static String queue(String topic, String group) {
        return topic + ":" + group;
    }

    @Override
    public void publish(String topic, BenchEvent event, Ack ack) {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(UUID.randomUUID().toString())
                .contentType(CONTENT_TYPE)
                .deliveryMode(2)
                .timestamp(new Date())
                .headers(headers)
                .build();
        byte[] body = format.write(event);
        synchronized (publishing) {
            long sequence = publishing.getNextPublishSeqNo();
            pending.put(sequence, ack);
            try {
                publishing.basicPublish(exchange(), topic, true, properties, body);
            } catch (IOException | RuntimeException e) {
                pending.remove(sequence);
                ack.failed(e);
            }
        }
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, true);
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, false);
    }

    private void settle(long deliveryTag, boolean multiple, boolean acked) {
        Map<Long, Ack> settled =
                multiple ? pending.headMap(deliveryTag, true) : pending.subMap(deliveryTag, true, deliveryTag, true);
        for (Map.Entry<Long, Ack> entry : settled.entrySet()) {
            if (pending.remove(entry.getKey()) != null) {
                if (acked) {
                    entry.getValue().acked();
                } else {
                    entry.getValue().failed(new IllegalStateException("the broker refused the event (nack)"));
                }
            }
        }
    }

    @Override
    public AutoCloseable subscribe(String topic, String group, Sink sink) {
        try {
            Channel channel = connection.createChannel();
            channel.basicQos(1);
            String tag = channel.basicConsume(queue(topic, group), false, new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                        String consumerTag, Envelope delivery, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    long[] read = format.read(body);
                    sink.handled(read[0], read[1]);
                    channel.basicAck(delivery.getDeliveryTag(), false);
                }
            });
            return () -> {
                channel.basicCancel(tag);
                channel.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot consume '" + topic + "' in group '" + group + "'", e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // already closed by the broker
        }
    }
}
