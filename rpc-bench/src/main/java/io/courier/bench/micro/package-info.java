/**
 * Micro benchmarks of single parts of Courier's call path, each beside the cheapest way to do the same work: the
 * generated proxy and dispatcher beside a direct call, the serializers, the frame codec and the filter chain.
 */
package io.courier.bench.micro;
