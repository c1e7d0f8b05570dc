/** JMH benchmarks of Courier beside Apache Dubbo and a raw Netty RPC. */
package io.courier.bench;
