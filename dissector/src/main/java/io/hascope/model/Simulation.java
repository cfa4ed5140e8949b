package io.hascope.model;

import java.util.PriorityQueue;

/**
 * The discrete-event core: a virtual clock in nanoseconds and the actions scheduled on it, run in time order
 * (ties in scheduling order). No wall-clock time and no threads, so a seed determines everything.
 */
public final class Simulation {
    private record Scheduled(long time, long order, Runnable action) implements Comparable<Scheduled> {
        @Override
        public int compareTo(Scheduled o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>();
    private long now;
    private long order;
    private long executed;

    public long now() {
        return now;
    }

    public void at(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule in the past: " + time + " < " + now);
        }
        queue.add(new Scheduled(time, order++, action));
    }

    public void after(long delay, Runnable action) {
        at(now + Math.max(0, delay), action);
    }

    /** Runs every action due up to and including end; later ones stay queued. */
    public void runUntil(long end) {
        while (!queue.isEmpty() && queue.peek().time() <= end) {
            Scheduled s = queue.poll();
            now = s.time();
            s.action().run();
            executed++;
        }
        now = Math.max(now, end);
    }

    public long executed() {
        return executed;
    }

    public int pending() {
        return queue.size();
    }
}
