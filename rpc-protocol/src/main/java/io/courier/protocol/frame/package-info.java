/**
 * The wire frames and their codecs: what a connection reads ({@link
 * io.courier.protocol.frame.InboundFrame}) and writes ({@link io.courier.protocol.frame.OutboundFrame}),
 * the Netty decoder and encoder of the frame layout ({@link io.courier.protocol.frame.FrameDecoder},
 * {@link io.courier.protocol.frame.FrameEncoder}), the request and response heads, and the frames of a
 * stream ({@link io.courier.protocol.frame.StreamFrames}). The transport uses these; users do not.
 */
package io.courier.protocol.frame;
