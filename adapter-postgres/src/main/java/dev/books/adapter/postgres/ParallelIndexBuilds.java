package dev.books.adapter.postgres;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Index builds over a committed table, run in several sessions at once ({@link SwapLoad}): PostgreSQL builds one
 * index per session, and a GIN index (the search words) in a single process, so separate sessions are what puts
 * more than one core to work. Each job's statements run in order in one session; jobs are taken heaviest first
 * (longest processing time first keeps the last one to finish short). The first failure cancels the builds still
 * running, and is thrown once every session has ended.
 */
final class ParallelIndexBuilds {

    private static final Logger LOG = LoggerFactory.getLogger(JdbiBookBulkLoader.class);

    private ParallelIndexBuilds() {
    }

    /** Statements that must run in this order in one session, and how long they take relative to others. */
    record Job(List<String> statements, int weight) {
    }

    /** Runs the jobs in up to {@code sessions} sessions of {@code jdbi}, each set up by {@code setUp} first. */
    static void run(Jdbi jdbi, List<Job> jobs, int sessions, List<String> setUp) {
        Queue<Job> queue = new ConcurrentLinkedQueue<>(
                jobs.stream().sorted(Comparator.comparingInt(Job::weight).reversed()).toList());
        int count = Math.min(sessions, jobs.size());
        if (count == 0) {
            return;
        }
        Running running = new Running();
        ExecutorService pool = Executors.newFixedThreadPool(count, runnable -> {
            Thread thread = new Thread(runnable, "books-index-build");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<Void> done = new ExecutorCompletionService<>(pool);
        try {
            for (int i = 0; i < count; i++) {
                done.submit(() -> {
                    session(jdbi, queue, setUp, running);
                    return null;
                });
            }
            RuntimeException failure = null;
            for (int i = 0; i < count; i++) {
                try {
                    done.take().get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException cause ? cause
                                : new IllegalStateException("an index build failed", e.getCause());
                        queue.clear();
                        running.cancelAll(jdbi);
                    }
                } catch (InterruptedException e) {
                    queue.clear();
                    running.cancelAll(jdbi);
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while building indexes", e);
                    break;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One session: takes jobs until there are none left. */
    private static void session(Jdbi jdbi, Queue<Job> queue, List<String> setUp, Running running) {
        try (Handle handle = jdbi.open()) {
            int pid = handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            running.add(pid);
            try {
                setUp.forEach(handle::execute);
                for (Job job = queue.poll(); job != null; job = queue.poll()) {
                    job.statements().forEach(handle::execute);
                }
            } finally {
                // Before the session closes: its process id may be given to another session afterwards.
                running.remove(pid);
            }
        }
    }

    /** The sessions still building, by server process id. */
    private static final class Running {

        private final Set<Integer> pids = new HashSet<>();

        synchronized void add(int pid) {
            pids.add(pid);
        }

        synchronized void remove(int pid) {
            pids.remove(pid);
        }

        /** Cancels what every running session is doing; held under the lock so that none closes meanwhile. */
        synchronized void cancelAll(Jdbi jdbi) {
            if (pids.isEmpty()) {
                return;
            }
            List<Integer> cancelled = new ArrayList<>(pids);
            try (Handle handle = jdbi.open()) {
                for (int pid : cancelled) {
                    handle.createQuery("SELECT pg_cancel_backend(:pid)").bind("pid", pid).mapTo(Boolean.class).one();
                }
            } catch (JdbiException e) {
                LOG.debug("Cancelling the index builds of a failed bulk load failed", e);
            }
        }
    }
}
