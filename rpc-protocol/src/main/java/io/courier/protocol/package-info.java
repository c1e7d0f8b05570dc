/**
 * Courier's wire format: the frame header, request and response bodies, the Netty codec, the
 * serializers and the class allow-list. The byte layout is specified in {@code docs/protocol.md}.
 *
 * <p>By job: {@link io.courier.protocol.frame} holds the frames and their codec, {@link
 * io.courier.protocol.serialization} the built-in serializers and the class allow-list, {@link
 * io.courier.protocol.json} the JSON schemas of services. This package holds what they all use: the
 * options ({@link io.courier.protocol.ProtocolOptions}), the protocol's error ({@link
 * io.courier.protocol.ProtocolException}) and the exported service a request is decoded for ({@link
 * io.courier.protocol.ExportedService}, {@link io.courier.protocol.ServiceResolver}); it uses none of
 * them, so that they may all use it and its {@code internal} helpers without a cycle.
 *
 * <h2>Using it in a pipeline</h2>
 *
 * <pre>
 * pipeline.addLast("encoder", new FrameEncoder(options));               // sharable
 * pipeline.addLast("decoder", new FrameDecoder(options, serializers));  // one per channel
 * pipeline.addLast("handler", transportHandler);                        // yours
 * </pre>
 *
 * <ul>
 *   <li><b>IO thread</b>: {@link io.courier.protocol.frame.FrameDecoder} checks each header (magic,
 *       version, flags, serializer id, status, body length against {@link
 *       io.courier.protocol.ProtocolOptions#maxFrameLength()}) and emits {@link
 *       io.courier.protocol.frame.InboundRequest}, {@link io.courier.protocol.frame.InboundResponse}, {@link
 *       io.courier.protocol.frame.Heartbeat} or {@link io.courier.protocol.frame.GoingAway}. No serializer runs
 *       here.
 *   <li><b>Business executor</b>: {@link io.courier.protocol.frame.BodyDecoder#decodeRequest} validates
 *       service, serializer, method and attachments, then reads the arguments; on the consumer,
 *       {@link io.courier.protocol.frame.BodyDecoder#decodeResponse} reads the value or exception with the
 *       waiting call's result type.
 *   <li><b>Writing</b>: write an {@link io.courier.protocol.frame.OutboundRequest}, {@link
 *       io.courier.protocol.frame.OutboundResponse}, {@link io.courier.protocol.frame.Heartbeat} or {@link
 *       io.courier.protocol.frame.GoingAway}; {@link io.courier.protocol.frame.FrameEncoder} serializes it
 *       straight into the outgoing buffer on the event loop, or call {@link
 *       io.courier.protocol.frame.FrameEncoder#encode} on your own thread and write the buffer.
 * </ul>
 *
 * <h2>Buffers</h2>
 *
 * An {@code InboundRequest} or {@code InboundResponse} owns one reference to its body (a retained
 * slice). The handler that receives it from {@code channelRead} owns it and releases it exactly
 * once with {@code release()}: after decoding the body (decoding never releases), or instead of
 * decoding (executor full, no call waiting for that response id, channel closing). Heartbeats,
 * events and every outbound frame hold no buffer.
 *
 * <h2>Errors</h2>
 *
 * A frame that breaks the protocol never reaches the handler. The decoder answers it itself with
 * an error response when it was a two-way request with a readable id, closes the channel when the
 * failure is fatal, and then fires a {@link io.courier.protocol.ProtocolException} (with {@code
 * fatal()} and the {@code requestId()} when known) through {@code exceptionCaught}: log it, and on
 * a consumer fail the call it names; do not answer it again. Body failures are {@link
 * io.courier.api.RpcException}s thrown by {@code BodyDecoder}; answer a failed two-way request with
 * {@link io.courier.protocol.frame.OutboundResponse#ofError}.
 *
 * <h2>Serializers and allow-lists (for bootstrap)</h2>
 *
 * {@link io.courier.protocol.serialization.Serializers#installed()} holds the {@code protostuff} (id 1, default)
 * and {@code hessian} (id 2) extensions. For each exported service build an {@link
 * io.courier.protocol.ExportedService} with the serializers it was exported with and a {@link
 * io.courier.protocol.serialization.ClassAllowList} ({@code allowTypesOf} the interface, plus the user's
 * packages, limits from {@link io.courier.protocol.ProtocolOptions}); for each referenced service
 * build the same kind of allow-list and pass it to {@code decodeResponse}. Build them once at
 * start-up: serializers cache per-policy state.
 */
package io.courier.protocol;
