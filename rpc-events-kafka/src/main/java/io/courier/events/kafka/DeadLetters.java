package io.courier.events.kafka;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes events a subscription gives up on to its dead-letter topic: the same key, value and
 * headers, plus the reason and where the event came from ({@link EventHeaders}). A write is
 * acknowledged by the broker (acks=all) before the source offset may be committed. Thread-safe.
 */
final class DeadLetters {

    private final Producer<byte[], byte[]> producer;
    private final long timeoutMillis;

    DeadLetters(Producer<byte[], byte[]> producer, long timeoutMillis) {
        this.producer = producer;
        this.timeoutMillis = timeoutMillis;
    }

    /**
     * Writes {@code record} to {@code topic} and waits for the acknowledgement.
     *
     * @return whether the broker acknowledged it; if not, the caller must not commit past it
     */
    boolean send(String topic, String group, ConsumerRecord<byte[], byte[]> record, String reason, int attempts)
            throws InterruptedException {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(EventHeaders.DLT_REASON, EventHeaders.utf8(reason));
        headers.add(EventHeaders.DLT_TOPIC, EventHeaders.utf8(record.topic()));
        headers.add(EventHeaders.DLT_PARTITION, EventHeaders.utf8(Integer.toString(record.partition())));
        headers.add(EventHeaders.DLT_OFFSET, EventHeaders.utf8(Long.toString(record.offset())));
        headers.add(EventHeaders.DLT_GROUP, EventHeaders.utf8(group));
        headers.add(EventHeaders.DLT_ATTEMPTS, EventHeaders.utf8(Integer.toString(attempts)));
        try {
            producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        }
    }
}
