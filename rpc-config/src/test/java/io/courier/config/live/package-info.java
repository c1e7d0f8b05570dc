/** Live keys on running consumers, proven over real sockets: fixtures and tests. */
package io.courier.config.live;
