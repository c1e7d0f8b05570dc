package io.courier.transport;

/**
 * Finds the service a request names. Called on a Netty IO thread for every request, so it must be
 * fast and must not block. Thread-safe.
 */
@FunctionalInterface
public interface ServiceResolver {

    /**
     * The service whose key has the text form {@code serviceKey} (see
     * {@link io.courier.api.ServiceKey#toString()}), or {@code null} if none is exported; the
     * request is then refused with {@code BAD_REQUEST}, its arguments unread.
     */
    ExportedService resolve(String serviceKey);
}
