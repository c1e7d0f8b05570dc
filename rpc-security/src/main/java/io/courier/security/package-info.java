/**
 * Identity and access for Courier, on only when this module is on the class path and configured:
 * JWT bearer tokens verified on the provider ({@code jwt}), OAuth2 client credentials on the
 * consumer ({@code oauth2-client}) and access rules per service and method ({@code access}). See
 * {@code docs/security.md}.
 */
package io.courier.security;
