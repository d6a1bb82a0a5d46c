package org.latentspark.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named points inside and between the pipeline's steps, where the kill-at-every-step tests make the process die as
 * SIGKILL would: when the system property {@value #AT} names the point, its {@value #AFTER}-th arrival (default 1)
 * kills this JVM with signal 9, before anything after the point is written. Unset, a point costs a property read.
 */
public final class KillSwitch {
    public static final String AT = "latentspark.fault.kill-at";
    public static final String AFTER = "latentspark.fault.kill-after";
    private static final Map<String, AtomicInteger> ARRIVALS = new ConcurrentHashMap<>();

    private KillSwitch() {
    }

    public static void point(String name) {
        if (!name.equals(System.getProperty(AT))) {
            return;
        }
        if (ARRIVALS.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() == Integer.getInteger(AFTER, 1)) {
            try {
                new ProcessBuilder("kill", "-9", Long.toString(ProcessHandle.current().pid())).inheritIO().start()
                        .waitFor();
                Thread.sleep(60_000);
            } catch (Exception e) {
                // no kill(1): halting skips shutdown hooks and finally blocks just the same
            }
            Runtime.getRuntime().halt(137);
        }
    }
}
