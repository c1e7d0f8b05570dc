/**
 * Small concurrency pieces the registries share: a {@code SerialExecutor} that runs one task at a time in
 * order, a {@code Mailbox} that keeps only the newest value for one consumer, and {@code SharedWatches}, one
 * watch per key shared by its listeners. For Courier's own modules and registry authors.
 */
package io.courier.core.concurrent;
