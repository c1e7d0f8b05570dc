package io.courier.api;

import io.courier.api.internal.ServedAttachments;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-thread call context for business code.
 *
 * <p>On a provider, while an implementation method runs, {@link #requestAttachments()} and
 * {@link #remoteEndpoint()} describe the request being served. On any thread,
 * {@link #setAttachment} adds attachments to the calls that thread makes next (until removed, or
 * until the served request ends), e.g. a routing tag with {@link #setTag(String)}.
 *
 * <p>While serving, {@link #identity()} says who is calling: the client certificate of a mutual-TLS
 * connection, which the transport hands to {@link #serve}, or, once a filter (such as
 * {@code rpc-security}'s {@code jwt}) verified a bearer token, the token's identity.
 *
 * <p>The context of a served request is installed and removed in exactly one place, the provider's
 * dispatch path, through {@link #serve}. It does not follow a call onto other threads: pass what
 * an asynchronous continuation needs explicitly.
 */
public final class RpcContext {

    /** The attachment that carries a call's routing tag. */
    public static final String TAG = "courier.tag";

    /**
     * The local attachment with {@link System#nanoTime()} at which this process received the request
     * being served (decimal). The provider's transport sets it on every request that carries a time
     * budget, overwriting any value from the wire, so that the deadline filter counts the time spent
     * queued and calls made while serving inherit what is left; it is never sent on.
     */
    public static final String RECEIVED_NANOS = ServedAttachments.RECEIVED_NANOS;

    /**
     * Each thread's context sits in a slot of its own that {@link #serve} swaps in place: one
     * thread-local lookup per served request instead of a lookup and two stores (which, on an IO
     * thread with many thread-locals, were about a tenth of a provider's time per call).
     */
    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);

    private final Map<String, String> requestAttachments;
    private final Endpoint remoteEndpoint;
    private final Identity peer;
    private final boolean serving;
    /** Whether the request being served has a typed deadline ({@link #deadlineNanos}). */
    private final boolean hasDeadline;
    /** The served request's {@link Invocation#deadlineNanos()}, on {@link System#nanoTime()}'s scale. */
    private final long deadlineNanos;

    private Identity authenticated;
    private Map<String, String> outgoing;
    /** Set with {@link #setResponseAttachment}; {@code null} until then, so a call that sets none allocates nothing. */
    private Map<String, String> response;

    private RpcContext() {
        this(Map.of(), null, null, false, false, 0L);
    }

    private RpcContext(
            Map<String, String> requestAttachments,
            Endpoint remoteEndpoint,
            Identity peer,
            boolean serving,
            boolean hasDeadline,
            long deadlineNanos) {
        this.requestAttachments = requestAttachments;
        this.remoteEndpoint = remoteEndpoint;
        this.peer = peer;
        this.serving = serving;
        this.hasDeadline = hasDeadline;
        this.deadlineNanos = deadlineNanos;
    }

    /** This thread's context; never {@code null}. */
    public static RpcContext current() {
        return SLOTS.get().context;
    }

    /** The attachments of the request being served; empty when this thread serves none. */
    public Map<String, String> requestAttachments() {
        return requestAttachments;
    }

    /**
     * Whether the request being served carries a deadline: its {@linkplain Invocation#deadlineNanos()
     * typed deadline}, which the transport sets from the caller's budget and the time its frame was
     * read. {@code false} when this thread serves no request, or serves one without a budget, or one
     * installed from attachments alone ({@link #serve(Map, Endpoint, Identity)}).
     */
    public boolean hasRequestDeadline() {
        return hasDeadline;
    }

    /**
     * The time left at {@code nowNanos} (a {@link System#nanoTime()} value) before the deadline of
     * the request being served, in nanoseconds: negative once it has passed, {@link Long#MAX_VALUE}
     * when there is none ({@link #hasRequestDeadline()}). The typed form of what the attachments
     * {@code courier.deadline-ms} and {@link #RECEIVED_NANOS} say as text, so that a provider's
     * deadline readers need not parse them.
     */
    public long requestRemainingNanos(long nowNanos) {
        return hasDeadline ? deadlineNanos - nowNanos : Long.MAX_VALUE;
    }

    /** The consumer's address while serving a request, else {@code null}. */
    public Endpoint remoteEndpoint() {
        return remoteEndpoint;
    }

    /**
     * Who is calling, while serving a request: the identity a filter proved with
     * {@link #authenticate(Identity)} (a verified token), else the mutual-TLS peer's
     * {@link #peerIdentity()}, else empty (an anonymous caller, or no request being served).
     */
    public Optional<Identity> identity() {
        return Optional.ofNullable(authenticated != null ? authenticated : peer);
    }

    /**
     * The identity of the client certificate the consumer presented on a mutual-TLS connection,
     * verified by the handshake; empty without TLS, without a client certificate, or when this
     * thread serves no request.
     */
    public Optional<Identity> peerIdentity() {
        return Optional.ofNullable(peer);
    }

    /**
     * Records the identity an authenticating filter proved for the request being served; from then
     * on {@link #identity()} returns it. For provider filters that verified a credential, on the
     * thread that runs the chain (before calling {@code proceed}).
     *
     * @throws IllegalStateException if this thread serves no request
     */
    public void authenticate(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (!serving) {
            throw new IllegalStateException("authenticate(" + identity + "): this thread serves no request");
        }
        authenticated = identity;
    }

    /** Sends {@code key = value} with the calls this thread makes next; {@code null} removes it. */
    public RpcContext setAttachment(String key, String value) {
        Objects.requireNonNull(key, "key");
        outgoing = put(outgoing, key, value);
        return this;
    }

    /**
     * Adds {@code key = value} to the response of the request being served; {@code null} removes a
     * key set before. For the implementation method, or a provider filter, on the thread that runs
     * it, before it returns (an asynchronous method sets them before returning its future): what is
     * set later is not sent.
     *
     * <p>These are the result's {@linkplain RpcResult#leadingAttachments() leading attachments}:
     * they are known before the answer, so a protocol that can send metadata ahead of the answer
     * does so. Over gRPC they are the response <em>headers</em> (sent before the first message of a
     * stream, with the answer of a unary call), while the attachments a filter puts on the
     * {@link RpcResult} are the <em>trailers</em>. Over Courier's protocol (and Dubbo's) both are the
     * response's attachments, which the consumer reads as {@link RpcResult#attachments()}. A key a
     * filter also sets on the result takes the result's value and travels with it. Not carried by
     * Courier's stream calls, whose answers have no attachments.
     *
     * @throws IllegalStateException if this thread serves no request
     */
    public RpcContext setResponseAttachment(String key, String value) {
        Objects.requireNonNull(key, "key");
        if (!serving) {
            throw new IllegalStateException("setResponseAttachment(" + key + "): this thread serves no request");
        }
        response = put(response, key, value);
        return this;
    }

    /** {@code map} (made when {@code null} and needed) with {@code key = value}, or without it for a {@code null} value. */
    private static Map<String, String> put(Map<String, String> map, String key, String value) {
        if (value == null) {
            if (map != null) {
                map.remove(key);
            }
            return map;
        }
        Map<String, String> attachments = map == null ? new HashMap<>() : map;
        attachments.put(key, value);
        return attachments;
    }

    /** The response attachments set with {@link #setResponseAttachment} so far, unmodifiable; empty for none. */
    public Map<String, String> responseAttachments() {
        return response == null || response.isEmpty() ? Map.of() : Collections.unmodifiableMap(response);
    }

    /** Routes the calls this thread makes next to instances tagged {@code tag}; {@code null} clears it. */
    public RpcContext setTag(String tag) {
        return setAttachment(TAG, tag);
    }

    /** The attachments set with {@link #setAttachment}, unmodifiable; read by proxies on each call. */
    public Map<String, String> outgoingAttachments() {
        return outgoing == null || outgoing.isEmpty() ? Map.of() : Collections.unmodifiableMap(outgoing);
    }

    /** Removes every attachment set with {@link #setAttachment}. */
    public void clearAttachments() {
        outgoing = null;
    }

    /**
     * Installs the context of a request being served on this thread until the returned scope is
     * closed, which restores the previous context. For Courier's provider dispatch path only.
     */
    public static Scope serve(Map<String, String> requestAttachments, Endpoint remoteEndpoint) {
        return serve(requestAttachments, remoteEndpoint, null);
    }

    /**
     * As {@link #serve(Map, Endpoint)}, for a request that arrived on a connection whose peer proved
     * {@code peer} (a verified client certificate), or {@code null}. For Courier's provider dispatch
     * path only.
     */
    public static Scope serve(Map<String, String> requestAttachments, Endpoint remoteEndpoint, Identity peer) {
        Map<String, String> attachments =
                ServedAttachments.isServed(requestAttachments) ? requestAttachments : Map.copyOf(requestAttachments);
        return install(new RpcContext(attachments, remoteEndpoint, peer, true, false, 0L));
    }

    /**
     * As {@link #serve(Map, Endpoint, Identity)}, for the request {@code invocation} as the transport
     * decoded it: its attachments, and its {@linkplain Invocation#deadlineNanos() deadline} kept typed
     * ({@link #requestRemainingNanos(long)}). For Courier's provider dispatch path only.
     */
    public static Scope serve(Invocation invocation, Endpoint remoteEndpoint, Identity peer) {
        boolean hasDeadline = invocation.hasDeadline();
        return install(new RpcContext(
                invocation.attachments(),
                remoteEndpoint,
                peer,
                true,
                hasDeadline,
                hasDeadline ? invocation.deadlineNanos() : 0L));
    }

    private static Scope install(RpcContext context) {
        Slot slot = SLOTS.get();
        ServedScope scope = new ServedScope(slot, slot.context, context);
        slot.context = context;
        return scope;
    }

    /** Ends a {@link #serve} scope; closing twice is harmless but pointless. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();

        /**
         * A copy of the response attachments the served request's code set
         * ({@link #setResponseAttachment}), for the dispatch path to put on the call's result; empty
         * (and allocating nothing) when none were set.
         */
        default Map<String, String> responseAttachments() {
            return Map.of();
        }
    }

    /** A thread's current context; only that thread reads or writes it. */
    private static final class Slot {
        RpcContext context = new RpcContext();
    }

    /** Puts back the context a {@link #serve} call found in its thread's slot. */
    private record ServedScope(Slot slot, RpcContext previous, RpcContext served) implements Scope {
        @Override
        public void close() {
            slot.context = previous;
        }

        @Override
        public Map<String, String> responseAttachments() {
            Map<String, String> response = served.response;
            return response == null || response.isEmpty() ? Map.of() : Map.copyOf(response);
        }
    }
}
