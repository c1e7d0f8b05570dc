package io.courier.protocol.frame;

import io.courier.api.MethodDescriptor;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ExportedService;
import io.courier.protocol.ServiceResolver;

/**
 * The part of a request that names what to run, read once on the IO thread: the service (resolved
 * from the body's service key), the serializer the service accepts, and the method. The rest of the
 * body (attachments and arguments) stays bytes in {@link #request()} until {@link
 * BodyDecoder#decodeRequest(RequestHead)} reads it, wherever the call is going to run.
 *
 * <p>Does not own the request: whoever took the request from the pipeline still releases it once.
 *
 * @param request the frame, whose body's reader index is just past the method descriptor
 * @param service what the {@link ServiceResolver} returned for the request's service key
 * @param serializer the request's serializer, accepted by the service
 * @param method the service's method the request names
 * @param <S> the transport's own service type
 */
public record RequestHead<S extends ExportedService>(
        InboundRequest request, S service, Serializer serializer, MethodDescriptor method) {}
