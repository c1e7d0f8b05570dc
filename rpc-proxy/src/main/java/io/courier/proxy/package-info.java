/** Generated consumer proxies and provider dispatchers. */
package io.courier.proxy;
