/**
 * Apache Dubbo 3.3 on the workload, configured as the comparison requires: dubbo protocol, hessian2 serialization,
 * direct connection without a registry, QoS off, everything else at Dubbo's defaults.
 */
package io.courier.bench.dubbo;
