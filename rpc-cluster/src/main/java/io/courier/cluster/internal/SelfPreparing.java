package io.courier.cluster.internal;

/**
 * Marks a strategy's invoker that calls {@link io.courier.api.cluster.CandidateSelector#prepare} itself, so
 * that the cluster builder adds no tag-propagating link in front of it. Other strategies (a user's
 * {@code Cluster}) get that link.
 */
public interface SelfPreparing {}
