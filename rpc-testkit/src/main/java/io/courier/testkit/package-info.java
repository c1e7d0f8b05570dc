/**
 * Test support shared by Courier's modules. {@link io.courier.testkit.LeakDetectionExtension} is
 * registered automatically and fails a test class whose run made Netty report a leaked buffer.
 */
package io.courier.testkit;
