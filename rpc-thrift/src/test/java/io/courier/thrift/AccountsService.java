package io.courier.thrift;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Accounts in memory; counts every call that runs, so that a refused one can be told apart. */
final class AccountsService implements Accounts {

    final AtomicInteger executed = new AtomicInteger();
    final AtomicInteger sleeping = new AtomicInteger();
    final Queue<String> audits = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Account> accounts = new ConcurrentHashMap<>();

    @Override
    public Account open(String owner, Kind kind, Set<String> tags) {
        executed.incrementAndGet();
        Account account = new Account(ids.incrementAndGet(), owner, kind, 0, new LinkedHashSet<>(tags));
        accounts.put(account.id(), account);
        return account;
    }

    @Override
    public long deposit(long id, long cents) {
        executed.incrementAndGet();
        Account account = accounts.get(id);
        if (account == null) {
            throw new NoSuchAccount("no account " + id);
        }
        Account after =
                new Account(id, account.owner(), account.kind(), account.balanceCents() + cents, account.tags());
        accounts.put(id, after);
        return after.balanceCents();
    }

    @Override
    public long deposit(long id, short cents) {
        return deposit(id, (long) cents);
    }

    @Override
    public List<Account> byKind(Kind kind) {
        executed.incrementAndGet();
        List<Account> found = new ArrayList<>();
        accounts.values().stream().filter(a -> a.kind() == kind).forEach(found::add);
        return found;
    }

    @Override
    public Map<String, Integer> counts() {
        executed.incrementAndGet();
        Map<String, Integer> counts = new TreeMap<>();
        accounts.values().forEach(a -> counts.merge(a.kind().name(), 1, Integer::sum));
        return counts;
    }

    @Override
    public byte[] reverse(byte[] bytes) {
        executed.incrementAndGet();
        byte[] reversed = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            reversed[i] = bytes[bytes.length - 1 - i];
        }
        return reversed;
    }

    @Override
    public int depth(Node node) {
        executed.incrementAndGet();
        int depth = 0;
        for (Node n = node; n != null && depth < 1_000; n = n.child()) {
            depth++;
        }
        return depth;
    }

    @Override
    public long pause(long millis) {
        executed.incrementAndGet();
        sleeping.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return millis;
    }

    @Override
    public void audit(String note) {
        executed.incrementAndGet();
        audits.add(note);
    }
}
