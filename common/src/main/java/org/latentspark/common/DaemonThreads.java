package org.latentspark.common;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Background timers that never keep the JVM alive: a command's exit is not held up by its lock or watchdog. */
public final class DaemonThreads {
    private DaemonThreads() {
    }

    /** A single-thread scheduler whose thread is a daemon named {@code name}. */
    public static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
