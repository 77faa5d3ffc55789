package io.phonegateway.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.phonegateway.ledger.Ledger;

/** Waits for the ledger's lingering counts ({@code ledger.flush-interval}) to be written to its store. */
public final class LedgerWrites {

    private LedgerWrites() {
    }

    /** Until nothing of this replica's counts is left unwritten; fails the test after {@code within}. */
    public static void awaitWritten(Ledger ledger, Duration within) {
        Instant end = Instant.now().plus(within);
        while (ledger.unwritten() > 0) {
            assertThat(Instant.now()).as("ledger written within " + within).isBefore(end);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
