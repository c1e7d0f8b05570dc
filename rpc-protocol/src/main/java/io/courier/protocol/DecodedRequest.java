package io.courier.protocol;

import io.courier.api.Invocation;
import io.courier.api.serialization.Serializer;

/**
 * A request body decoded and validated on the business executor.
 *
 * @param service what the {@link ServiceResolver} returned for the request's service key
 * @param invocation the call; its method is one of the service's, its arguments are allowed types
 * @param serializer the request's serializer, in which the provider answers
 * @param requestId the id to answer with
 * @param oneway whether the caller expects no answer
 * @param <S> the transport's own service type
 */
public record DecodedRequest<S extends ExportedService>(
        S service, Invocation invocation, Serializer serializer, long requestId, boolean oneway) {}
