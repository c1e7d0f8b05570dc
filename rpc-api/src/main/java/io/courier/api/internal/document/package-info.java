/**
 * The registry documents' one reader and writer, shared by every registry module: the strict YAML/JSON
 * parser, the configuration document format and the version records of the configuration centre.
 * Internal: may change in any release.
 */
package io.courier.api.internal.document;
