/**
 * The HTTP gateway's cost over a direct Courier call: the same call at the same concurrency, direct
 * from Java threads and through the gateway from native HTTP/1.1 and h2c loaders.
 */
package io.courier.bench.gateway;
