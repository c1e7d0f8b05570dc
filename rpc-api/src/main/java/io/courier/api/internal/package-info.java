/**
 * Helpers of rpc-api's own. Not part of the public API: anything here may change or disappear in any
 * release. A class another Courier module uses is marked {@link io.courier.api.Internal}, one small class
 * for one capability; the build refuses a use of an unmarked one.
 */
package io.courier.api.internal;
