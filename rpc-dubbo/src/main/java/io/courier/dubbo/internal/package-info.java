/** The {@code dubbo} protocol's framing, hessian2 bodies and call handling; not API. */
package io.courier.dubbo.internal;
