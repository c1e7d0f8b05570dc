package io.courier.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * What the providers' ledgers say ran: for each request id, the providers that executed it, once
 * per execution. Read after the load stopped (a killed provider's ledger is complete as of its
 * death).
 */
final class Ledgers {

    private final Map<Long, List<String>> executions = new HashMap<>();
    private final Map<String, Integer> perProvider = new HashMap<>();

    private Ledgers() {}

    /**
     * How many request ids matching {@code which} ran more than once over all {@code files}, with
     * eight bytes of memory per execution (for soak runs with millions of calls).
     */
    static long repeated(Collection<Path> files, LongPredicate which) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.exists(file) ? Files.size(file) / Long.BYTES : 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long[] ids = new long[Math.toIntExact(total)];
        int count = 0;
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                ByteBuffer entries = ByteBuffer.wrap(Files.readAllBytes(file));
                while (entries.remaining() >= Long.BYTES && count < ids.length) {
                    ids[count++] = entries.getLong();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Arrays.sort(ids, 0, count);
        long repeated = 0;
        for (int i = 1; i < count; i++) {
            if (ids[i] == ids[i - 1] && which.test(ids[i]) && (i == 1 || ids[i - 2] != ids[i])) {
                repeated++;
            }
        }
        return repeated;
    }

    /** Reads the ledgers of {@code providers} (name to ledger file). */
    static Ledgers read(Map<String, Path> providers) {
        Ledgers ledgers = new Ledgers();
        providers.forEach(ledgers::add);
        return ledgers;
    }

    private void add(String provider, Path file) {
        if (!Files.exists(file)) {
            perProvider.put(provider, 0);
            return;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ledger of " + provider, e);
        }
        ByteBuffer entries = ByteBuffer.wrap(bytes, 0, bytes.length - bytes.length % Long.BYTES);
        int count = 0;
        while (entries.hasRemaining()) {
            executions
                    .computeIfAbsent(entries.getLong(), id -> new ArrayList<>(1))
                    .add(provider);
            count++;
        }
        perProvider.merge(provider, count, Integer::sum);
    }

    /** How many times request {@code id} ran, over every provider. */
    int executions(long id) {
        List<String> ran = executions.get(id);
        return ran == null ? 0 : ran.size();
    }

    /** The providers that ran request {@code id} (one entry per execution). */
    List<String> executedBy(long id) {
        return executions.getOrDefault(id, List.of());
    }

    /** Request ids that ran more than once. */
    List<Long> executedMoreThanOnce() {
        List<Long> twice = new ArrayList<>();
        executions.forEach((id, ran) -> {
            if (ran.size() > 1) {
                twice.add(id);
            }
        });
        return twice;
    }

    /** The request ids {@code provider} ran, one entry per execution. */
    List<Long> idsExecutedBy(String provider) {
        List<Long> ids = new ArrayList<>();
        executions.forEach((id, ran) -> {
            for (String name : ran) {
                if (name.equals(provider)) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    /** Executions recorded by {@code provider}. */
    int executedBy(String provider) {
        return perProvider.getOrDefault(provider, 0);
    }

    /** Executions recorded by every provider. */
    long total() {
        long total = 0;
        for (int count : perProvider.values()) {
            total += count;
        }
        return total;
    }
}
