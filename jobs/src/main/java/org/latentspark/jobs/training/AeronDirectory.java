package org.latentspark.jobs.training;

import io.aeron.CncFileDescriptor;
import io.aeron.CommonContext;
import java.io.File;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.latentspark.common.EnvironmentException;

/**
 * The shared-memory folder (on Linux /dev/shm) where DL4J's gradient-sharing transport maps Aeron's buffers: each
 * JVM's embedded media driver makes its own {@code <aeron.dir>-<uuid>} folder there, about 100 MiB per peer
 * connection each way. A JVM that dies without closing its driver (SIGKILL, a lost container) leaves its folder
 * behind, and tmpfs holds it in memory until the host reboots; when the folder fills, Aeron's next log buffer fails
 * deep inside a training task or a mapped page faults the JVM. So each JVM, before joining a mesh, reclaims the
 * folders of drivers that stopped beating, then checks there is room for its own.
 */
final class AeronDirectory {
    /** DL4J's term buffer when {@code aeron.term.buffer.length} is not set (AeronUdpTransport). */
    static final long DL4J_TERM_BYTES = 32L << 20;
    /** DL4J's mesh: one upstream and at most eight downstream connections per node (MeshOrganizer). */
    static final int MAX_DOWNSTREAMS = 8;
    /** The driver's command-and-control file (8 MiB) and loss report (1 MiB). */
    static final long CONTROL_FILES_BYTES = 9L << 20;
    /** A driver whose heartbeat is older than this is dead: far beyond Aeron's own 10 s driver timeout. */
    static final Duration DEAD_AFTER = Duration.ofSeconds(60);

    private AeronDirectory() {
    }

    /** Where this JVM's driver will make its folder: the parent of {@code aeron.dir} (default /dev/shm/aeron-user). */
    static Path base() {
        return Path.of(CommonContext.getAeronDirectoryName());
    }

    /**
     * Deletes the folders {@code <base>-*} of media drivers whose heartbeat is older than {@code deadAfter} and whose
     * folder is at least that old (so a driver still starting is never touched). Folders of live drivers, of other
     * users and of anything else are left alone. Returns the folders deleted.
     */
    static List<Path> reclaimStale(Path base, Duration deadAfter) {
        Path parent = base.toAbsolutePath().getParent();
        String prefix = base.getFileName() + "-";
        List<Path> reclaimed = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return reclaimed;
        }
        long oldest = System.currentTimeMillis() - deadAfter.toMillis();
        try (Stream<Path> folders = Files.list(parent)) {
            for (Path folder : folders.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                File dir = folder.toFile();
                if (dir.isDirectory() && dir.lastModified() < oldest && dir.canWrite()
                        && isDead(dir, deadAfter.toMillis())) {
                    deleteTree(folder);
                    reclaimed.add(folder);
                }
            }
        } catch (IOException e) {
            // Reclaiming is a courtesy; the room check below says what matters if it failed.
        }
        return reclaimed;
    }

    /**
     * Whether the driver of {@code dir} is dead: no command-and-control file, one never initialised (a driver killed
     * while starting; Aeron's own check would wait for it), or a heartbeat older than {@code deadAfterMs}. A file
     * Aeron cannot read (another version's) counts as alive: not ours to judge.
     */
    static boolean isDead(File dir, long deadAfterMs) {
        File cnc = new File(dir, CncFileDescriptor.CNC_FILE);
        if (!cnc.isFile() || cnc.length() == 0) {
            return true;
        }
        MappedByteBuffer buffer = null;
        try {
            buffer = IoUtil.mapExistingFile(cnc, "CnC file");
            UnsafeBuffer meta = CncFileDescriptor.createMetaDataBuffer(buffer);
            if (meta.getIntVolatile(CncFileDescriptor.cncVersionOffset(0)) == 0) {
                return true;
            }
            return !CommonContext.isDriverActive(deadAfterMs, message -> { }, buffer);
        } catch (RuntimeException e) {
            return false;
        } finally {
            if (buffer != null) {
                IoUtil.unmap(buffer);
            }
        }
    }

    /** The bytes one JVM's driver maps in a mesh of {@code executors} executor JVMs (see {@link #requireRoom}). */
    static long bytesNeeded(int executors, long termBytes) {
        long logBytes = 3 * termBytes + 4096;
        int connections = Math.min(Math.max(executors, 1), MAX_DOWNSTREAMS) + 1;
        // A blank log template, then one log to publish and one image to receive per connection.
        return (1 + 2L * connections) * logBytes + CONTROL_FILES_BYTES;
    }

    /** The term buffer length DL4J will give Aeron in this JVM. */
    static long termBytes() {
        return Long.getLong("aeron.term.buffer.length", DL4J_TERM_BYTES);
    }

    /**
     * Fails, naming {@code who}, the folder and the bytes, when the file system under {@code base} has less usable
     * space than {@link #bytesNeeded}.
     */
    static void requireRoom(Path base, int executors, String who) {
        Path parent = base.toAbsolutePath().getParent();
        long needed = bytesNeeded(executors, termBytes());
        long usable;
        try {
            usable = Files.getFileStore(parent).getUsableSpace();
        } catch (IOException e) {
            throw new EnvironmentException("gradient sharing: Aeron's folder " + parent + " of " + who
                    + " cannot be used (" + e.getMessage() + "); " + remedy());
        }
        requireRoom(usable, needed, parent, who);
    }

    static void requireRoom(long usable, long needed, Path parent, String who) {
        if (usable < needed) {
            throw new EnvironmentException(String.format("gradient sharing: %s has %,d MiB free in %s, where Aeron "
                    + "maps its buffers, and needs about %,d MiB; %s", who, usable >> 20, parent, needed >> 20,
                    remedy()));
        }
    }

    private static String remedy() {
        return "free space there, or move Aeron's folder to a larger one with -Daeron.dir=<folder>/aeron in "
                + "spark.driver.extraJavaOptions and spark.executor.extraJavaOptions";
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
