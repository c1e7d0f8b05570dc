/**
 * Apache Dubbo's {@code dubbo} protocol on a Courier provider's own port: {@link
 * io.courier.dubbo.DubboProtocol} recognises Dubbo's magic in a connection's first bytes and runs each
 * Dubbo call, its hessian2 body read under the service's class allow-list, through the provider path of
 * Courier's calls; a provider can also register in Dubbo's ZooKeeper layout so stock Dubbo consumers
 * find it.
 */
package io.courier.dubbo;
