/**
 * The provider's side of one application, below the exports that use it and the lifecycle that closes
 * it: the server its services share ({@link ProviderSide}), the address it registers ({@link
 * LocalAddress}), the services exported only while it leads ({@link LeaderOnlyService}). Internal:
 * rpc-bootstrap's own, not API.
 */
package io.courier.bootstrap.internal.provider;
