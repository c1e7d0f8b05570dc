/** The gateway's per-client rate limit: a token bucket per client, the least recently used forgotten first. */
package io.courier.gateway.limit;
