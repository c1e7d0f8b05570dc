package io.courier.deploy.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.deploy.kubernetes.TarReader.Entry;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A "docker save" image tarball as {@code jib:buildTar} writes it: {@code manifest.json}, the
 * image's {@code config.json} and its layers, each a (gzipped) tar. Reads the config and the file
 * system the layers make, later layers over earlier ones.
 */
final class ImageTarball {

    /** Where deploy/images writes the tarballs: {@code <module>/target/courier-<module>.tar}. */
    static final Path IMAGES = Path.of("..", "images");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode config;
    private final Map<String, Entry> files;

    private ImageTarball(JsonNode config, Map<String, Entry> files) {
        this.config = config;
        this.files = files;
    }

    /** The tarball of the image module {@code module} ({@code demo}, {@code gateway}, {@code console}). */
    static Path of(String module) {
        return IMAGES.resolve(module).resolve("target").resolve("courier-" + module + ".tar");
    }

    /** Reads {@code tar}, keeping the content of the files {@code keep} accepts. */
    static ImageTarball read(Path tar, Predicate<String> keep) throws IOException {
        Map<String, Entry> outer = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(tar))) {
            TarReader.read(in, path -> true).forEach(entry -> outer.put(entry.path(), entry));
        }
        JsonNode manifest = JSON.readTree(content(outer, "manifest.json"));
        if (manifest.size() != 1) {
            throw new IOException(tar + ": " + manifest.size() + " images in manifest.json (expected: 1)");
        }
        JsonNode config =
                JSON.readTree(content(outer, manifest.get(0).get("Config").asText()));
        Map<String, Entry> files = new LinkedHashMap<>();
        for (JsonNode layer : manifest.get(0).get("Layers")) {
            byte[] bytes = content(outer, layer.asText());
            InputStream raw = new ByteArrayInputStream(bytes);
            try (InputStream in = bytes.length > 1 && bytes[0] == 0x1f && bytes[1] == (byte) 0x8b
                    ? new GZIPInputStream(raw, 1 << 16)
                    : raw) {
                TarReader.read(in, keep).forEach(entry -> files.put(entry.path(), entry));
            }
        }
        return new ImageTarball(config, files);
    }

    private static byte[] content(Map<String, Entry> entries, String path) throws IOException {
        Entry entry = entries.get(path);
        if (entry == null) {
            throw new IOException("no " + path + " in the tarball (entries: " + entries.keySet() + ")");
        }
        return entry.content();
    }

    /** The image's run configuration: {@code User}, {@code Entrypoint}, {@code Env}, {@code ExposedPorts}. */
    JsonNode runConfig() {
        return config.get("config");
    }

    /** The whole config, with {@code created}, {@code rootfs} and {@code history}. */
    JsonNode config() {
        return config;
    }

    String user() {
        return runConfig().path("User").asText("");
    }

    List<String> entrypoint() {
        List<String> entrypoint = new ArrayList<>();
        runConfig().path("Entrypoint").forEach(part -> entrypoint.add(part.asText()));
        return entrypoint;
    }

    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : runConfig().path("Env")) {
            String text = variable.asText();
            int equals = text.indexOf('=');
            env.put(text.substring(0, equals), text.substring(equals + 1));
        }
        return env;
    }

    Set<Integer> exposedPorts() {
        Set<Integer> ports = new java.util.TreeSet<>();
        runConfig()
                .path("ExposedPorts")
                .fieldNames()
                .forEachRemaining(port -> ports.add(Integer.valueOf(port.substring(0, port.indexOf('/')))));
        return ports;
    }

    /** Every path of the image's file system, to its entry. */
    Map<String, Entry> files() {
        return files;
    }

    /** {@code command} as the container runtime finds it: a path, or the first match on the image's PATH. */
    Optional<Entry> resolve(String command) {
        if (command.startsWith("/")) {
            return Optional.ofNullable(files.get(command.substring(1)));
        }
        for (String directory : environment().getOrDefault("PATH", "").split(":")) {
            Entry entry = files.get((directory + "/" + command).substring(1));
            if (entry != null) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Writes the file system under {@code root} (read with every file's content kept), modes included. */
    void extractTo(Path root) throws IOException {
        for (Entry entry : files.values()) {
            Path target = root.resolve(entry.path()).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("entry " + entry.path() + " leaves the image's root");
            }
            switch (entry.type()) {
                case '5' -> Files.createDirectories(target);
                case '2' -> {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.link()));
                }
                default -> {
                    if (!entry.isFile()) {
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, entry.content());
                }
            }
            if (entry.type() != '2') {
                Files.setPosixFilePermissions(target, permissions(entry.mode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /**
     * The program interpreter an ELF executable names (its {@code PT_INTERP}): the dynamic loader
     * the kernel starts it with, which must be in the image too. Empty for a static executable.
     */
    static Optional<String> interpreter(byte[] elf) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        if (elf.length < 64 || buffer.getInt(0) != 0x464c457f || elf[4] != 2) {
            throw new IllegalArgumentException("not a 64-bit ELF file (" + elf.length + " bytes)");
        }
        long tableOffset = buffer.getLong(0x20);
        int entrySize = Short.toUnsignedInt(buffer.getShort(0x36));
        int entries = Short.toUnsignedInt(buffer.getShort(0x38));
        for (int i = 0; i < entries; i++) {
            int header = Math.toIntExact(tableOffset + (long) i * entrySize);
            if (buffer.getInt(header) == 3) { // PT_INTERP
                int offset = Math.toIntExact(buffer.getLong(header + 8));
                int size = Math.toIntExact(buffer.getLong(header + 0x20));
                return Optional.of(new String(elf, offset, size - 1, java.nio.charset.StandardCharsets.US_ASCII));
            }
        }
        return Optional.empty();
    }
}
