/** REST's mapping from JAX-RS annotations, its HTTP/1.1 serving and its client; not API, may change at any time. */
package io.courier.rest.internal;
