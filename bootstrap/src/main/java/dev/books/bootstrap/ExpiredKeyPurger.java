package dev.books.bootstrap;

import dev.books.application.PurgeExpiredKeys;
import dev.books.domain.StoreUnavailableException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping for idempotency keys: every {@link #EVERY} on one daemon thread, purges the expired ones in batches
 * of {@link #BATCH}, at most {@link #MOST_BATCHES} a run. Each instance of the service runs one; they share the work
 * (the store skips keys another is purging). A failing purge is logged once when it starts failing and once when it
 * works again, not every run: a database that is down for an hour is one warning, not six.
 */
final class ExpiredKeyPurger implements AutoCloseable {

    static final Duration FIRST_AFTER = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofMinutes(10);
    static final int BATCH = 1_000;
    /** A run's bound: a backlog larger than this (100,000 keys) is left for the next runs. */
    static final int MOST_BATCHES = 100;

    private final PurgeExpiredKeys purge;
    private final Logger log;
    private final ScheduledExecutorService thread;
    /** Touched by one thread at a time: the purging thread, or a test calling {@link #purgeNow()} on its own. */
    private boolean failing;
    private volatile boolean closing;

    ExpiredKeyPurger(PurgeExpiredKeys purge, Logger log) {
        this.purge = purge;
        this.log = log;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread purger = new Thread(runnable, "books-idempotency-purge");
            purger.setDaemon(true);
            return purger;
        });
    }

    /** Starts purging: a first run after {@link #FIRST_AFTER}, then {@link #EVERY} after the end of each run. */
    static ExpiredKeyPurger start(PurgeExpiredKeys purge) {
        return start(purge, FIRST_AFTER, EVERY);
    }

    static ExpiredKeyPurger start(PurgeExpiredKeys purge, Duration firstAfter, Duration every) {
        ExpiredKeyPurger purger = new ExpiredKeyPurger(purge, LoggerFactory.getLogger(ExpiredKeyPurger.class));
        purger.thread.scheduleWithFixedDelay(purger::purgeNow, firstAfter.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return purger;
    }

    /** One run: batches until one comes back short, or {@link #MOST_BATCHES}; returns how many keys went. */
    int purgeNow() {
        long started = System.nanoTime();
        int purged = 0;
        try {
            for (int batch = 0; batch < MOST_BATCHES; batch++) {
                int removed = purge.purge(BATCH);
                purged += removed;
                if (removed < BATCH) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            failed(e);
            return purged;
        }
        if (failing) {
            failing = false;
            log.info("Purging expired idempotency keys works again");
        }
        log.debug("Purged {} expired idempotency key(s) in {} ms", purged, (System.nanoTime() - started) / 1_000_000);
        return purged;
    }

    private void failed(RuntimeException e) {
        if (closing) {
            log.debug("A purge of expired idempotency keys was cut short by the shutdown", e);
        } else if (failing) {
            log.debug("Purging expired idempotency keys still fails: {}", e.toString());
        } else {
            failing = true;
            if (e instanceof StoreUnavailableException) {
                log.warn("Cannot purge expired idempotency keys: {} (tried again every run, logged again once it"
                        + " works)", e.getMessage());
            } else {
                log.warn("Purging expired idempotency keys failed (tried again every run, logged again once it works)",
                        e);
            }
        }
    }

    /** Stops purging; a run in progress gets a few seconds to end before the pool it uses is closed. */
    @Override
    public void close() {
        closing = true;
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("The idempotency-key purge did not stop within 5 s; closing the database under it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
