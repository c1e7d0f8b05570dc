package io.courier.api;

import java.util.Objects;

/**
 * Identifies a service: an optional group, the interface's fully qualified name and an optional
 * version. Its text form, {@code [group/]interface[:version]}, is what the registry and the wire
 * use.
 *
 * @param group the group, empty for none
 * @param interfaceName the service interface's fully qualified name
 * @param version the version, empty for none
 */
public record ServiceKey(String group, String interfaceName, String version) {

    public ServiceKey {
        group = group == null ? "" : group;
        version = version == null ? "" : version;
        Objects.requireNonNull(interfaceName, "interfaceName");
        if (interfaceName.isEmpty() || interfaceName.indexOf('/') >= 0 || interfaceName.indexOf(':') >= 0) {
            throw new IllegalArgumentException("interfaceName: '" + interfaceName + "' (expected: a class name)");
        }
        if (group.indexOf('/') >= 0 || group.indexOf(':') >= 0) {
            throw new IllegalArgumentException("group: '" + group + "' (expected: no '/' or ':')");
        }
        if (version.indexOf('/') >= 0 || version.indexOf(':') >= 0) {
            throw new IllegalArgumentException("version: '" + version + "' (expected: no '/' or ':')");
        }
    }

    /** The key of {@code serviceInterface} with no group and no version. */
    public static ServiceKey of(Class<?> serviceInterface) {
        return new ServiceKey("", serviceInterface.getName(), "");
    }

    public static ServiceKey of(String group, Class<?> serviceInterface, String version) {
        return new ServiceKey(group, serviceInterface.getName(), version);
    }

    /**
     * Parses the text form {@code [group/]interface[:version]}.
     *
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static ServiceKey parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf('/');
        int colon = text.lastIndexOf(':');
        String group = slash >= 0 ? text.substring(0, slash) : "";
        String version = colon > slash ? text.substring(colon + 1) : "";
        String name = text.substring(slash + 1, colon > slash ? colon : text.length());
        return new ServiceKey(group, name, version);
    }

    @Override
    public String toString() {
        if (group.isEmpty() && version.isEmpty()) {
            return interfaceName;
        }
        StringBuilder text = new StringBuilder(interfaceName.length() + group.length() + version.length() + 2);
        if (!group.isEmpty()) {
            text.append(group).append('/');
        }
        text.append(interfaceName);
        if (!version.isEmpty()) {
            text.append(':').append(version);
        }
        return text.toString();
    }
}
