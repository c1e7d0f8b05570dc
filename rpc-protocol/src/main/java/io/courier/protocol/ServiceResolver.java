package io.courier.protocol;

import io.courier.protocol.frame.BodyDecoder;

/**
 * Finds an exported service by the service key text a request carries ({@code
 * [group/]interface[:version]}). Called once per request, on the IO thread (see {@link
 * BodyDecoder#readHead}); must be
 * thread-safe and should be a plain map lookup. The key is untrusted input: never log or parse it
 * beyond the lookup.
 *
 * @param <S> the transport's own service type
 */
@FunctionalInterface
public interface ServiceResolver<S extends ExportedService> {

    /** The service exported under {@code serviceKey}, or {@code null}. */
    S find(String serviceKey);
}
