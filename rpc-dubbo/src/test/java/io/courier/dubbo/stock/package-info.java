/** Programs that run stock Apache Dubbo in a child JVM, with Dubbo's class path only. */
package io.courier.dubbo.stock;
