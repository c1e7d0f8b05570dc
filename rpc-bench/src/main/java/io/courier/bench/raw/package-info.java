/**
 * A minimal RPC on Netty, written by hand for the one workload: length-prefixed frames, 64-bit request ids, one
 * multiplexed connection and a hand-written binary encoding. It has no extensibility and no safety nets, which makes
 * it the practical ceiling the other systems are measured against.
 */
package io.courier.bench.raw;
