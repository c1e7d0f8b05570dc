/**
 * The HTTP/JSON gateway: every service whose providers publish metadata is callable as {@code POST
 * /{service}/{method}} with a JSON body, described at {@code /openapi.json} and browsable at {@code
 * /docs}. Start it with {@link io.courier.gateway.Gateway#start}, embedded in a Courier application,
 * or run {@link io.courier.gateway.GatewayMain}.
 */
package io.courier.gateway;
