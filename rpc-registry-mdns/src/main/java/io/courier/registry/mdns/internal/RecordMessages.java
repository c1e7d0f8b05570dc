package io.courier.registry.mdns.internal;

import io.courier.api.ServiceInstance;
import java.io.IOException;
import java.util.List;
import javax.jmdns.impl.DNSOutgoing;
import javax.jmdns.impl.DNSRecord;
import javax.jmdns.impl.JmDNSImpl;
import javax.jmdns.impl.constants.DNSConstants;
import javax.jmdns.impl.constants.DNSRecordClass;
import javax.jmdns.impl.util.ByteWrangler;

/**
 * Unsolicited multicast DNS responses carrying Courier instances' PTR, SRV and TXT records ({@link
 * MdnsLayout}), in as few messages as they fit in (up to {@value DNSConstants#MAX_MSG_ABSOLUTE} bytes,
 * RFC 6762 17). With a TTL of 0 they are goodbyes: one message withdraws many instances at once, where
 * JmDNS's own cancellation takes about two seconds per call.
 */
public final class RecordMessages {

    private RecordMessages() {}

    /** An instance under its DNS-SD name, answered from {@code server} (a host name ending in {@code .local.}). */
    public record Announced(String qualifiedName, String server, ServiceInstance instance) {}

    /**
     * Sends the records of {@code instances} with {@code ttlSeconds}, on {@code jmdns}'s socket (its
     * interface alone).
     *
     * @throws IOException if a message cannot be sent
     */
    public static void send(JmDNSImpl jmdns, MdnsLayout layout, List<Announced> instances, int ttlSeconds)
            throws IOException {
        DNSOutgoing out = message();
        for (Announced announced : instances) {
            for (DNSRecord record : records(layout, announced, ttlSeconds)) {
                try {
                    out.addAnswer(record, 0);
                } catch (IOException full) {
                    jmdns.send(out);
                    out = message();
                    out.addAnswer(record, 0);
                }
            }
        }
        jmdns.send(out);
    }

    private static List<DNSRecord> records(MdnsLayout layout, Announced announced, int ttl) {
        String name = announced.qualifiedName();
        ServiceInstance instance = announced.instance();
        return List.of(
                new DNSRecord.Pointer(MdnsLayout.TYPE, DNSRecordClass.CLASS_IN, false, ttl, name),
                new DNSRecord.Service(
                        name,
                        DNSRecordClass.CLASS_IN,
                        true,
                        ttl,
                        0,
                        0,
                        instance.endpoint().port(),
                        announced.server()),
                new DNSRecord.Text(
                        name,
                        DNSRecordClass.CLASS_IN,
                        true,
                        ttl,
                        ByteWrangler.textFromProperties(layout.text(instance))));
    }

    private static DNSOutgoing message() {
        return new DNSOutgoing(
                DNSConstants.FLAGS_QR_RESPONSE | DNSConstants.FLAGS_AA, true, DNSConstants.MAX_MSG_ABSOLUTE);
    }
}
