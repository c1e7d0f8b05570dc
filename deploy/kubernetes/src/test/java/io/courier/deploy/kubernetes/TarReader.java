package io.courier.deploy.kubernetes;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads a tar stream (ustar, GNU long names, pax headers: what GNU tar and Jib write) into its
 * entries, keeping the content of those asked for. Enough for image tarballs and their layers; no
 * sparse files.
 */
final class TarReader {

    private static final int BLOCK = 512;

    /**
     * One entry: its path without a leading {@code ./} or {@code /}, type flag, mode, owner, time, link,
     * size and content (empty unless kept).
     */
    record Entry(
            String path, char type, int mode, long uid, long gid, long mtime, String link, long size, byte[] content) {

        boolean isFile() {
            return type == '0' || type == '\0';
        }

        boolean isExecutable() {
            return (mode & 0111) != 0;
        }
    }

    private TarReader() {}

    /** Every entry of {@code in}, with the content of those whose path {@code keep} accepts. */
    static List<Entry> read(InputStream in, Predicate<String> keep) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> pax = new HashMap<>();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (readBlock(in, header)) {
            if (isZero(header)) {
                break;
            }
            char type = (char) header[156];
            long size = number(header, 124, 12);
            boolean meta = type == 'x' || type == 'g' || type == 'L';
            String path = meta ? "" : normalize(pax.getOrDefault("path", longName != null ? longName : name(header)));
            byte[] content = new byte[0];
            if (meta || keep.test(path)) {
                content = in.readNBytes(Math.toIntExact(size));
                if (content.length != size) {
                    throw new EOFException("tar entry truncated: " + content.length + " of " + size + " bytes");
                }
            } else {
                in.skipNBytes(size);
            }
            in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            switch (type) {
                case 'x' -> pax.putAll(paxRecords(content));
                case 'g' -> {} // global pax headers: nothing the checks need
                case 'L' -> longName = text(content, 0, content.length);
                default -> {
                    String link = pax.getOrDefault("linkpath", text(header, 157, 100));
                    entries.add(new Entry(
                            path,
                            type,
                            (int) number(header, 100, 8),
                            number(header, 108, 8),
                            number(header, 116, 8),
                            number(header, 136, 12),
                            link,
                            size,
                            content));
                    pax.clear();
                    longName = null;
                }
            }
        }
        return entries;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int read = in.readNBytes(block, 0, BLOCK);
        if (read == 0) {
            return false;
        }
        if (read != BLOCK) {
            throw new EOFException("tar header truncated: " + read + " of " + BLOCK + " bytes");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = "ustar".equals(text(header, 257, 5)) ? text(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String normalize(String path) {
        String normalized = path;
        while (normalized.startsWith("./") || normalized.startsWith("/")) {
            normalized = normalized.substring(normalized.startsWith("./") ? 2 : 1);
        }
        return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    /** An octal field, or a base-256 one (GNU, first byte 0x80). */
    private static long number(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String octal = text(header, offset, length).trim();
        return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    }

    private static String text(byte[] bytes, int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** Pax records: {@code "<length> <key>=<value>\n"} each. */
    private static Map<String, String> paxRecords(byte[] content) {
        Map<String, String> records = new HashMap<>();
        int at = 0;
        while (at < content.length) {
            int space = at;
            while (content[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(content, at, space - at, StandardCharsets.UTF_8));
            String record = new String(content, space + 1, length - (space - at) - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            records.put(record.substring(0, equals), record.substring(equals + 1));
            at += length;
        }
        return records;
    }
}
