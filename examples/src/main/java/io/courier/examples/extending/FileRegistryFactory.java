package io.courier.examples.extending;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.Extension;
import java.net.URI;
import java.nio.file.Path;

/**
 * {@code file}: a registry in a shared directory, for several processes on one machine (or on a
 * shared file system) without ZooKeeper. Address: {@code file:///var/run/courier}
 * ({@code courier.registry.address=file:///var/run/courier}); the extension name is the address's
 * scheme. See {@link FileRegistry} for the layout and the limits.
 *
 * <p>Stateless and thread-safe; every registry it creates is the caller's to close.
 */
@Extension("file")
public final class FileRegistryFactory implements RegistryFactory {

    /** How often each registry looks for changes, in milliseconds. */
    static final long POLL_MILLIS = 100;

    @Override
    public Registry create(RegistryOptions options) {
        Path directory;
        try {
            directory = Path.of(URI.create(options.address()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "address: '" + options.address() + "' (expected: file:///absolute/path/of/a/directory)");
        }
        return new FileRegistry(directory, POLL_MILLIS);
    }
}
