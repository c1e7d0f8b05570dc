/**
 * The live configuration documents ({@code ConfigParser}, {@code ConfigLayers}, {@code ConfigWatches}) and
 * the strict YAML/JSON reader they are read with ({@code SafeYaml}, {@code JsonReader}, {@code Fields});
 * rpc-core's documents read with the same classes, marked {@code @Internal}. Internal: may change in any
 * release.
 */
package io.courier.api.internal.document;
