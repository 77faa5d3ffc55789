package io.phonegateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.phonegateway.config.PhoneComponent;
import io.smallrye.mutiny.Uni;

/**
 * The writer with a store that counts its calls and a linger timer fired by hand: counts of one linger are one write per
 * app and day, a stop writes what lingers, and a batch that failed is sent again under its id.
 */
class LedgerWriterTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    private static final LedgerWriter.Bucket SHOP = new LedgerWriter.Bucket("wx00000000000000aa", DAY);
    private static final LedgerWriter.Bucket OTHER = new LedgerWriter.Bucket("wx00000000000000bb", DAY);
    private static final String PAID = new LedgerField("orders", PhoneComponent.QUICK, false).encoded();

    /** One call of {@link LedgerStore#add}. */
    private record Write(String appId, String batchId, Map<String, Long> increments) {
    }

    /**
     * Records every write and adds a batch once, as the script does; fails every write while {@code down}, and adds but
     * fails it while {@code loseAnswer}.
     */
    private static final class CountingStore implements LedgerStore {
        final List<Write> writes = new ArrayList<>();
        final Map<String, Long> stored = new HashMap<>();
        final Set<String> taken = new HashSet<>();
        boolean down;
        boolean loseAnswer;

        @Override
        public synchronized Uni<Void> add(String appId, LocalDate day, String batchId, Map<String, Long> increments) {
            writes.add(new Write(appId, batchId, increments));
            if (down) {
                return Uni.createFrom().failure(new IllegalStateException("Redis is down"));
            }
            if (taken.add(batchId)) {
                increments.forEach((field, count) -> stored.merge(appId + "/" + field, count, Long::sum));
            }
            if (loseAnswer) {
                return Uni.createFrom().failure(new IllegalStateException("timed out"));
            }
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Map<String, Long>> read(String appId, LocalDate day) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Uni<Baseline> baseline(String appId, LocalDate day, PhoneComponent component, Baseline candidate) {
            throw new UnsupportedOperationException();
        }
    }

    /** The linger's timer: armed tasks run when the test says the linger is over. */
    private static final class HandTimer implements LedgerWriter.Timer {
        final List<Runnable> armed = new ArrayList<>();

        @Override
        public void afterLinger(Runnable task) {
            armed.add(task);
        }

        void lingerEnds() {
            List<Runnable> due = List.copyOf(armed);
            armed.clear();
            due.forEach(Runnable::run);
        }
    }

    private final CountingStore store = new CountingStore();
    private final HandTimer timer = new HandTimer();
    private final LedgerWriter writer = new LedgerWriter(store, timer);

    @Test
    void countsOfOneLingerAreOneWritePerAppAndDay() {
        for (int i = 0; i < 500; i++) {
            writer.add(SHOP, PAID);
        }
        writer.add(OTHER, PAID);

        assertThat(store.writes).as("nothing before the linger ends").isEmpty();
        assertThat(timer.armed).as("one timer for all of them").hasSize(1);
        assertThat(writer.unwritten()).isEqualTo(501);

        timer.lingerEnds();

        assertThat(store.writes).extracting(Write::appId, Write::increments).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SHOP.appId(), Map.of(PAID, 500L)),
                org.assertj.core.groups.Tuple.tuple(OTHER.appId(), Map.of(PAID, 1L)));
        assertThat(writer.unwritten()).isZero();

        writer.add(SHOP, PAID); // the next linger starts with the next count
        assertThat(timer.armed).hasSize(1);
        timer.lingerEnds();
        assertThat(store.writes).hasSize(3);
        // one random prefix per process and a counter: no SecureRandom per batch, still unique across replicas
        String prefix = store.writes.get(0).batchId().substring(0, 36);
        assertThat(store.writes).extracting(Write::batchId).containsExactly(prefix + ":1", prefix + ":2", prefix + ":3");
        assertThat(new LedgerWriter(store, timer)).satisfies(another -> {
            another.add(SHOP, PAID);
            another.flush();
        });
        assertThat(store.writes.get(3).batchId()).doesNotStartWith(prefix).endsWith(":1");
    }

    @Test
    void aStopWritesTheCountsThatLinger() {
        writer.add(SHOP, PAID);
        writer.add(SHOP, PAID);

        assertThat(writer.stop(Duration.ofSeconds(1))).as("counts left").isZero();

        assertThat(store.writes).singleElement().extracting(Write::increments).isEqualTo(Map.of(PAID, 2L));
    }

    @Test
    void aStopWithTheStoreDownAnswersWhatIsLeft() {
        store.down = true;
        writer.add(SHOP, PAID);
        writer.add(OTHER, PAID);

        assertThat(writer.stop(Duration.ofSeconds(1))).isEqualTo(2);
    }

    @Test
    void aFailedBatchIsSentAgainUnderItsIdAndLaterCountsFollowIt() {
        store.down = true;
        writer.add(SHOP, PAID);
        timer.lingerEnds();
        assertThat(store.writes).hasSize(1);
        String id = store.writes.get(0).batchId();

        writer.add(SHOP, PAID); // while Redis is down: waits, costs no write at the linger's end
        timer.lingerEnds();
        writer.retry();
        assertThat(store.writes).extracting(Write::batchId).containsExactly(id, id);
        assertThat(writer.unwritten()).isEqualTo(2);

        store.down = false;
        writer.retry();

        assertThat(store.writes).extracting(Write::batchId).hasSize(4).startsWith(id, id, id).last().isNotEqualTo(id);
        assertThat(store.stored).containsExactly(Map.entry(SHOP.appId() + "/" + PAID, 2L));
        assertThat(writer.unwritten()).isZero();
    }

    @Test
    void aBatchWhoseAnswerWasLostIsAddedOnce() {
        store.loseAnswer = true; // the store adds the batch, its answer never arrives
        writer.add(SHOP, PAID);
        timer.lingerEnds();
        store.loseAnswer = false;

        writer.retry();

        assertThat(store.writes).extracting(Write::batchId).hasSize(2).containsOnly(store.writes.get(0).batchId());
        assertThat(store.stored).containsExactly(Map.entry(SHOP.appId() + "/" + PAID, 1L));
        assertThat(writer.unwritten()).isZero();
    }
}
