/**
 * Internal test support for Courier's own modules (artifact {@code rpc-test-support}; not for
 * users, whose kit is {@code courier-test}). {@link io.courier.testkit.LeakDetectionExtension} is
 * registered automatically and fails a test class whose run made Netty report a leaked buffer;
 * {@link io.courier.testkit.TestPki} makes throw-away CAs and certificates for TLS tests.
 */
package io.courier.testkit;
