/** The HTTP gateway's cost over a direct Courier call, measured from a Java client. */
package io.courier.bench.gateway;
