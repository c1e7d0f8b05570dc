/**
 * What users and extension authors touch: the {@link io.courier.api.Export} and
 * {@link io.courier.api.Reference} annotations, the call model ({@link io.courier.api.Invocation},
 * {@link io.courier.api.RpcResult}, {@link io.courier.api.Invoker}), errors, and the extension
 * points that the other modules implement.
 */
package io.courier.api;
