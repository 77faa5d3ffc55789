package io.phonegateway.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.phonegateway.redis.RedisCommands;
import io.quarkus.logging.Log;

/**
 * Carries this replica's counts to the store. A count lingers ({@code ledger.flush-interval}, 100 ms) so that one
 * script call per app and day carries every count of a linger, at any rate: a busy replica writes about ten times a
 * second, not once per lookup (issue 16). A batch keeps its id until the store confirmed it and is sent again, as it
 * is, under that id (the store adds a batch once). While the store fails, counts wait here and {@link #retry} tries again.
 */
final class LedgerWriter {

    /** Runs a task once, a linger from now: a Vert.x timer in the service, fired by hand in unit tests. */
    interface Timer {
        void afterLinger(Runnable task);
    }

    /** One app's hash of one day. */
    record Bucket(String appId, LocalDate day) {
    }

    /** Counts on their way to one bucket, under the id the store remembers them by. */
    private record Batch(long number, String id, Bucket bucket, Map<String, Long> increments) {
        long size() {
            return increments.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** A flush waiting until the batches up to {@code upTo} are confirmed (or a write failed). */
    private record Waiter(long upTo, CompletableFuture<Void> done) {
    }

    private final LedgerStore store;
    private final Timer timer;
    /** Batch ids are this random prefix and a counter: unique across the fleet and restarts, one UUID per process. */
    private final String idPrefix = UUID.randomUUID().toString();
    private final Object lock = new Object();
    /** Counts not yet in a batch, by bucket; this and the fields down to {@link #failing} are guarded by the lock. */
    private final Map<Bucket, Map<String, Long>> pending = new LinkedHashMap<>();
    /** Batches cut and not confirmed, oldest first; the oldest is sent (again) until the store confirms it. */
    private final Deque<Batch> unconfirmed = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private long lastBatch;
    /** A linger timer is running: the counts in {@link #pending} are written when it fires. */
    private boolean armed;
    /** The last write failed; new counts wait for {@link #retry} instead of a timer each. */
    private boolean failing;
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    LedgerWriter(LedgerStore store, Timer timer) {
        this.store = store;
        this.timer = timer;
    }

    /** Adds one to {@code field} of the bucket; the first count after a write arms the linger timer. */
    void add(Bucket bucket, String field) {
        boolean arm;
        synchronized (lock) {
            pending.computeIfAbsent(bucket, b -> new HashMap<>()).merge(field, 1L, Long::sum);
            arm = !armed;
            armed = true;
        }
        if (arm) {
            timer.afterLinger(this::lingered);
        }
    }

    /** Counts this replica holds that the store has not confirmed (pending, in flight, or waiting for Redis). */
    long unwritten() {
        synchronized (lock) {
            return pending.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum()
                    + unconfirmed.stream().mapToLong(Batch::size).sum();
        }
    }

    /** After a failed write: sends the oldest unconfirmed batch again, then, once it is taken, everything else. */
    void retry() {
        boolean failed;
        synchronized (lock) {
            failed = failing;
        }
        if (failed) {
            write();
        }
    }

    /**
     * Writes every count now instead of after the linger (a read that must see them, a stop); completes once the store
     * confirmed them, or at the first failed write (the counts then wait here for {@link #retry}).
     */
    CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            cut();
            if (unconfirmed.isEmpty()) {
                done.complete(null);
            } else {
                waiters.add(new Waiter(lastBatch, done));
            }
        }
        write();
        return done;
    }

    /** The shutdown flush: waits up to {@code wait} and answers how many counts are still not written. */
    long stop(Duration wait) {
        try {
            flush().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // what is left is counted below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return unwritten();
    }

    private void lingered() {
        synchronized (lock) {
            armed = false;
            if (failing) {
                return; // retry() sends them once Redis takes the oldest batch
            }
            cut();
        }
        write();
    }

    /** Turns every pending bucket into a batch of its own (guarded by {@link #lock}). */
    private void cut() {
        pending.forEach((bucket, increments) -> {
            long number = ++lastBatch;
            unconfirmed.addLast(new Batch(number, idPrefix + ":" + number, bucket, Map.copyOf(increments)));
        });
        pending.clear();
    }

    /** Starts the writer unless it runs; a running writer is told to look again before it stops. */
    private void write() {
        if (!writing.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        next();
    }

    private void next() {
        Batch batch;
        synchronized (lock) {
            batch = unconfirmed.peekFirst();
        }
        if (batch == null) {
            writing.set(false);
            if (again.getAndSet(false)) {
                write();
            }
            return;
        }
        store.add(batch.bucket().appId(), batch.bucket().day(), batch.id(), batch.increments()).subscribe()
                .with(done -> confirmed(batch), this::failed);
    }

    private void confirmed(Batch batch) {
        boolean recovered;
        List<Waiter> released = new ArrayList<>();
        synchronized (lock) {
            unconfirmed.remove(batch);
            recovered = failing;
            if (recovered) {
                failing = false;
                cut(); // the counts that waited out the outage
            }
            long oldest = unconfirmed.isEmpty() ? Long.MAX_VALUE : unconfirmed.peekFirst().number();
            waiters.removeIf(waiter -> waiter.upTo() < oldest && released.add(waiter));
        }
        if (recovered) {
            Log.infof("The ledger writes its counts again; %d still to write", unwritten());
        }
        released.forEach(waiter -> waiter.done().complete(null));
        next();
    }

    private void failed(Throwable failure) {
        boolean first;
        List<Waiter> released;
        synchronized (lock) {
            first = !failing;
            failing = true;
            released = List.copyOf(waiters);
            waiters.clear();
        }
        if (first) {
            Log.warnf("The ledger cannot write its counts (%s); this replica keeps them and tries again",
                    failure instanceof RedisCommands.RedisDown down ? down.failure().describe() : failure);
        }
        writing.set(false);
        released.forEach(waiter -> waiter.done().complete(null));
        if (again.getAndSet(false)) {
            write(); // a flush asked while this write was failing: it gets its own try
        }
    }
}
