package org.latentspark.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.EnvironmentException;

class LockFileTest {
    @TempDir
    Path dir;

    private final HadoopFiles files = new HadoopFiles(new Configuration());

    @Test
    void aHeldLockRefusesASecondHolderAndNamesTheFirst() {
        String path = dir.resolve("runs/.lock-r1").toString();
        try (LockFile held = LockFile.acquire(files, path, "run r1")) {
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> LockFile.acquire(files, path, "run r1"));
            assertTrue(e.getMessage().startsWith("run r1 is in use by process " + ProcessHandle.current().pid()
                    + " on host " + LockFile.hostName()), e.getMessage());
            assertTrue(e.getMessage().contains(path), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("runs/.lock-r1")), "released");
        LockFile.acquire(files, path, "run r1").close();
    }

    @Test
    void theLockOfADeadProcessOnThisHostIsTakenOver() throws Exception {
        Process process = new ProcessBuilder("true").start();
        long deadPid = process.pid();
        process.waitFor();
        Path lock = dir.resolve(".lock-r2");
        write(lock, LockFile.hostName(), deadPid);
        try (LockFile taken = LockFile.acquire(files, lock.toString(), "run r2")) {
            assertTrue(Files.readString(lock).contains("pid=" + ProcessHandle.current().pid()));
        }
        assertEquals(List.of(), List.of(dir.toFile().list()), "no lock and no renamed-aside file left");
    }

    @Test
    void anotherHostsLockIsRespectedWithinItsLeaseAndTakenOverAfter() throws Exception {
        Path lock = dir.resolve(".lock-r3");
        write(lock, "some-other-host", 4242);
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> LockFile.acquire(files, lock.toString(), "run r3"));
        assertTrue(e.getMessage().contains("process 4242 on host some-other-host"), e.getMessage());

        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(LockFile.LEASE).minusSeconds(5)));
        LockFile.acquire(files, lock.toString(), "run r3").close();
        assertFalse(Files.exists(lock));
    }

    @Test
    void ofManyContendersForOneDeadLockExactlyOneWins() throws Exception {
        Path lock = dir.resolve(".lock-r4");
        write(lock, "some-other-host", 4242);
        Files.setLastModifiedTime(lock, FileTime.from(Instant.EPOCH));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Callable<LockFile> contend = () -> {
                try {
                    return LockFile.acquire(files, lock.toString(), "run r4");
                } catch (EnvironmentException refused) {
                    return null;
                }
            };
            List<Future<LockFile>> results = pool.invokeAll(java.util.Collections.nCopies(8, contend));
            int winners = 0;
            for (Future<LockFile> result : results) {
                if (result.get() != null) {
                    winners++;
                }
            }
            // Each contender lives in this process, so the winner's lock counts as alive for all the others.
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void write(Path lock, String host, long pid) throws Exception {
        Files.write(lock, ("host=" + host + "\npid=" + pid + "\nprocess_start=0\ntoken=t\nacquired="
                + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
