package io.courier.api.config;

import java.util.function.Supplier;

/**
 * The application's own settings ({@link ConfigKey#application application keys} and
 * {@link ConfigPrefix} records), read from every source Courier reads its own keys from, with the
 * same precedence, and under all of them the configuration centre's document of the application,
 * followed live: the centre's value wins while it is set, and removing it restores the configured one.
 *
 * <p>A value from the centre that fails its key's type or range is not taken: the last good value
 * stays, one WARN names the key, the value (hidden when secret) and the expectation, and the
 * {@code courier.settings.rejected} counter moves.
 *
 * <p>Thread-safety: every method may be called from any thread. Values change together: a change of
 * the document is one new set of values, and a bound record is replaced as a whole.
 */
public interface AppSettings {

    /**
     * The value of {@code key} in force now.
     *
     * @throws IllegalArgumentException if {@code key} was not declared to the application, or no
     *     source sets a key that has no default
     */
    <T> T get(ConfigKey<T> key);

    /**
     * The record of {@code type} (annotated {@link ConfigPrefix}) as it stands now, each call: a
     * reader sees the record of one set of values, never a mix of two.
     *
     * @throws IllegalArgumentException if {@code type} was not declared to the application, or one
     *     of its keys has no value
     */
    <R extends Record> Supplier<R> bind(Class<R> type);

    /**
     * Calls {@code listener} once for each change of {@code key}'s value, in the order of the
     * changes, on one thread of Courier's (never concurrently with itself); an exception it throws is
     * logged. Listeners are not called for the value in force when they are added.
     *
     * @return a handle whose {@code close()} stops the calls (and never throws)
     */
    <T> AutoCloseable onChange(ConfigKey<T> key, ChangeListener<T> listener);

    /**
     * Hears the changes of one key.
     *
     * @param <T> the key's value type
     */
    @FunctionalInterface
    interface ChangeListener<T> {

        /** {@code key} changed from {@code oldValue} to {@code newValue} (either may be null for "none"). */
        void onChange(ConfigKey<T> key, T oldValue, T newValue);
    }
}
