/**
 * The code of {@code docs/user-guide.md} (exports, consumers, calls), the README's first call and the
 * getting-started page's server, around the user service of {@code io.courier.examples.guide}.
 */
package io.courier.examples.userguide;
