/**
 * The machinery behind the ZooKeeper registry: node layout, codecs, watches, the registrar and the
 * cache file. Not an API: anything here may change at any time without notice.
 */
package io.courier.registry.zookeeper.internal;
