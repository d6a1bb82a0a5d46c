package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.latentspark.common.EnvironmentException;

class AeronDirectoryTest {
    private static final long MIB = 1 << 20;

    @Test
    void aJvmNeedsATemplateAndOneLogEachWayPerConnection() {
        long log = 3 * 32 * MIB + 4096; // 100,667,392 bytes: the size of DL4J's log buffer files in /dev/shm
        // Two executors: the driver connects to both and its own endpoint.
        assertEquals(7 * log + 9 * MIB, AeronDirectory.bytesNeeded(2, 32 * MIB));
        // Executors not known yet (0): counted as one.
        assertEquals(5 * (3 * MIB + 4096) + 9 * MIB, AeronDirectory.bytesNeeded(0, MIB));
        // DL4J's mesh gives a node at most eight downstream connections, however many executors there are.
        assertEquals(19 * log + 9 * MIB, AeronDirectory.bytesNeeded(40, 32 * MIB));
    }

    @Test
    void tooLittleRoomNamesTheJvmTheFolderTheBytesAndTheSetting(@TempDir Path dir) {
        var e = assertThrows(EnvironmentException.class,
                () -> AeronDirectory.requireRoom(300 * MIB, 682 * MIB, dir, "executor 3"));
        assertEquals("gradient sharing: executor 3 has 300 MiB free in " + dir + ", where Aeron maps its buffers, "
                + "and needs about 682 MiB; free space there, or move Aeron's folder to a larger one with "
                + "-Daeron.dir=<folder>/aeron in spark.driver.extraJavaOptions and spark.executor.extraJavaOptions",
                e.getMessage());
        AeronDirectory.requireRoom(682 * MIB, 682 * MIB, dir, "executor 3");
    }

    @Test
    void theRealFolderIsCheckedAgainstItsFileSystem(@TempDir Path dir) throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        AeronDirectory.requireRoom(dir.resolve("aeron-me"), 2, "the driver");
        long needed = AeronDirectory.bytesNeeded(2, AeronDirectory.termBytes());
        assertTrue(free >= needed, "this machine's temp folder holds a mesh's buffers");
    }

    @Test
    void foldersOfDeadDriversAreReclaimedAndLiveOnesKept(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("aeron-me");
        Path dead = dir.resolve("aeron-me-dead");
        launch(dead).close();
        Path live = dir.resolve("aeron-me-live");
        Path neverStarted = Files.createDirectories(dir.resolve("aeron-me-neverstarted"));
        Files.write(neverStarted.resolve("cnc.dat"), new byte[4096]);
        Path other = Files.createDirectories(dir.resolve("other-app"));
        try (MediaDriver running = launch(live)) {
            Duration deadAfter = Duration.ofSeconds(3);
            // Older than deadAfter, all but the young one; the dead driver's last heartbeat too.
            for (Path p : List.of(dead, live, neverStarted, other)) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
            }
            Thread.sleep(deadAfter.toMillis() + 500);
            Path young = Files.createDirectories(dir.resolve("aeron-me-young"));
            List<Path> reclaimed = AeronDirectory.reclaimStale(base, deadAfter);
            assertEquals(List.of(dead, neverStarted), reclaimed.stream().sorted().toList());
            assertTrue(Files.notExists(dead) && Files.notExists(neverStarted));
            assertTrue(Files.exists(live.resolve("cnc.dat")), "a running driver's folder is kept");
            assertTrue(Files.exists(young) && Files.exists(other), "young and foreign folders are kept");
        }
    }

    @Test
    void aMissingParentReclaimsNothing(@TempDir Path dir) {
        assertEquals(List.of(), AeronDirectory.reclaimStale(dir.resolve("absent/aeron-me"), Duration.ZERO));
    }

    private static MediaDriver launch(Path folder) {
        return MediaDriver.launch(new MediaDriver.Context()
                .aeronDirectoryName(folder.toString())
                .threadingMode(ThreadingMode.SHARED)
                .publicationTermBufferLength(64 * 1024)
                .ipcTermBufferLength(64 * 1024)
                .dirDeleteOnShutdown(false));
    }
}
