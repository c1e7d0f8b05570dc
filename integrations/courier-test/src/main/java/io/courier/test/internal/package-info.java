/**
 * The kit's own plumbing; public only because generated proxies need it. May change at any time;
 * do not use it.
 */
package io.courier.test.internal;
