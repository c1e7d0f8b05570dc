/**
 * The machinery Courier's registry modules share, apart from {@code rpc-api} so that the API holds only
 * what users and extension authors touch, and carries no document parser or file format: the discovery
 * policy every registry feeds ({@code core.discovery}), the instance documents and the provider cache file
 * ({@code core.document}), the records of the registry stores ({@code core.store}) and the coordination
 * tables ({@code core.coordination}). For Courier's own modules and registry authors, not for applications:
 * anything here may change in any release.
 */
package io.courier.core;
