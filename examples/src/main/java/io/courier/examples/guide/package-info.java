/**
 * The service of {@code docs/user-guide.md}: a contract, its implementation, a fallback and a
 * consumer class with {@code @Reference} fields.
 */
package io.courier.examples.guide;
