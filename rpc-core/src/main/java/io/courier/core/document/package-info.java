/**
 * The registries' documents: a provider instance in format 1 ({@link io.courier.core.document.InstanceCodec}),
 * the provider cache file, the JSON writer they are written with and the interner that shares the strings of
 * many instances. Every registry writes and reads instances with these, so each reads what another wrote.
 */
package io.courier.core.document;
