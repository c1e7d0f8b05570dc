package io.courier.bootstrap.status;

/**
 * What an application's server is doing now, for operators: after {@link io.courier.bootstrap.Courier#offline()}, the
 * connections fall to zero as consumers that follow the registry leave, and a restart then loses
 * nothing. Values are sampled without locking and may be slightly stale.
 *
 * @param openConnections consumer connections open now
 * @param inFlight calls accepted and not yet answered
 * @param queuedOutboundBytes answer bytes written and not yet taken by the operating system; a
 *     connection whose consumer stops reading holds at most about its write-buffer high water mark
 */
public record ProviderStatus(int openConnections, int inFlight, long queuedOutboundBytes) {}
