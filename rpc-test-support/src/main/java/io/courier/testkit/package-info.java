/**
 * Internal test support for Courier's own modules (artifact {@code rpc-test-support}; not for
 * users, whose kit is {@code courier-test}). {@link io.courier.testkit.LeakDetectionExtension} is
 * registered automatically and fails a test class whose run made Netty report a leaked buffer;
 * {@link io.courier.testkit.TestPki} makes throw-away CAs and certificates for TLS tests;
 * {@link io.courier.testkit.DevTools} drives headless Chromium, and
 * {@link io.courier.testkit.BrowserRpcPage} builds a page with a typed browser RPC client for it;
 * {@link io.courier.testkit.SilentProxy} is a TCP proxy that goes silent as a partition does.
 */
package io.courier.testkit;
