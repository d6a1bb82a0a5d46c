package org.latentspark.common.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.latentspark.common.DaemonThreads;
import org.latentspark.common.EnvironmentException;

/**
 * A lock held by one process while it works on something, as a file created atomically: on a local or NFS path by a
 * hard link (fails where the name exists), elsewhere by Hadoop's create without overwrite (atomic on HDFS; object
 * stores without conditional writes cannot promise it). The holder touches the file every {@link #HEARTBEAT}, so a
 * lock whose holder died (SIGKILL, a lost node) is recognised and taken over: at once on the holder's own host, where
 * its process can be looked up, and after {@link #LEASE} without a touch elsewhere.
 */
public final class LockFile implements AutoCloseable {
    public static final Duration HEARTBEAT = Duration.ofSeconds(10);
    public static final Duration LEASE = Duration.ofSeconds(90);

    private final FileSystem fs;
    private final Path path;
    private final String token;
    private final ScheduledExecutorService heartbeat;

    private LockFile(FileSystem fs, Path path, String token) {
        this.fs = fs;
        this.path = path;
        this.token = token;
        this.heartbeat = DaemonThreads.scheduler("latentspark-lock-heartbeat");
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock at {@code lockPath} for {@code what} (named in the refusal), or fails with an
     * EnvironmentException naming the live holder: a retry once it has finished will succeed.
     */
    public static LockFile acquire(HadoopFiles files, String lockPath, String what) {
        FileSystem fs = files.fs(lockPath);
        Path path = new Path(lockPath);
        String token = UUID.randomUUID().toString();
        try {
            fs.mkdirs(path.getParent());
            for (int attempt = 0; attempt < 5; attempt++) {
                if (create(fs, path, Holder.current(token).serialize())) {
                    return new LockFile(fs, path, token);
                }
                Optional<Holder> holder = Holder.read(fs, path);
                if (holder.isEmpty()) {
                    continue; // released between our create and our read
                }
                if (holder.get().alive()) {
                    throw new EnvironmentException(what + " is in use by " + holder.get().describe() + " (lock file "
                            + lockPath + "); wait for that process to end, or end it");
                }
                breakDeadLock(fs, path, holder.get(), token);
            }
            throw new EnvironmentException("could not take the lock " + lockPath + " for " + what
                    + ": other processes keep taking it");
        } catch (IOException e) {
            throw new EnvironmentException("cannot take the lock " + lockPath + " for " + what + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Deletes the lock of a dead holder, but only while it is still that holder's: contenders first take a breaker
     * file, so that one of them cannot delete the fresh lock another has just created in the dead one's place.
     */
    private static void breakDeadLock(FileSystem fs, Path path, Holder dead, String token) throws IOException {
        Path breaker = new Path(path.getParent(), path.getName() + ".break");
        if (!create(fs, breaker, token.getBytes(StandardCharsets.UTF_8))) {
            try {
                long age = System.currentTimeMillis() - fs.getFileStatus(breaker).getModificationTime();
                if (age > LEASE.toMillis()) {
                    fs.delete(breaker, false); // its taker died while breaking
                }
            } catch (java.io.FileNotFoundException done) {
                // the other contender has finished breaking
            }
            pause();
            return;
        }
        try {
            Optional<Holder> still = Holder.read(fs, path);
            if (still.isPresent() && still.get().token().equals(dead.token())
                    && still.get().touched().equals(dead.touched())) {
                fs.delete(path, false);
            }
        } finally {
            fs.delete(breaker, false);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("interrupted while taking a lock", e);
        }
    }

    /** Releases the lock, unless another process has taken it over meanwhile (then it is theirs). */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            Optional<Holder> holder = Holder.read(fs, path);
            if (holder.isPresent() && token.equals(holder.get().token())) {
                fs.delete(path, false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + path, e);
        }
    }

    private void touch() {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            // A missed touch only brings a takeover by another host closer; the next touch may succeed.
        }
    }

    private static boolean create(FileSystem fs, Path path, byte[] content) throws IOException {
        FileSystem raw = fs instanceof LocalFileSystem local ? local.getRaw() : fs;
        if (raw instanceof RawLocalFileSystem local) {
            // Written whole under a unique name, then linked: the lock never exists half-written.
            java.nio.file.Path target = local.pathToFile(path).toPath();
            java.nio.file.Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID());
            Files.write(temp, content);
            try {
                Files.createLink(target, temp);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } finally {
                Files.delete(temp);
            }
        }
        try (OutputStream out = fs.create(path, false)) {
            out.write(content);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Who holds a lock, as its file records them, and when the file was last touched. */
    record Holder(String host, long pid, long processStart, String token, Instant acquired, Instant touched) {
        static Holder current(String token) {
            ProcessHandle self = ProcessHandle.current();
            long start = self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            return new Holder(hostName(), self.pid(), start, token, Instant.now(), Instant.now());
        }

        byte[] serialize() {
            return ("host=" + host + "\npid=" + pid + "\nprocess_start=" + processStart + "\ntoken=" + token
                    + "\nacquired=" + acquired + "\n").getBytes(StandardCharsets.UTF_8);
        }

        /** The holder of the lock file, or empty when there is none. An unreadable file counts as fresh. */
        static Optional<Holder> read(FileSystem fs, Path path) throws IOException {
            try {
                long touched = fs.getFileStatus(path).getModificationTime();
                Properties p = new Properties();
                try (var in = fs.open(path)) {
                    p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                }
                return Optional.of(new Holder(p.getProperty("host", "?"),
                        Long.parseLong(p.getProperty("pid", "-1")), Long.parseLong(p.getProperty("process_start", "0")),
                        p.getProperty("token", ""), Instant.parse(p.getProperty("acquired", Instant.EPOCH.toString())),
                        Instant.ofEpochMilli(touched)));
            } catch (java.io.FileNotFoundException e) {
                return Optional.empty();
            } catch (RuntimeException e) {
                // Being written by a store without atomic creation, or damaged: judged by its age alone.
                long touched = fs.getFileStatus(path).getModificationTime();
                return Optional.of(new Holder("?", -1, 0, "", Instant.EPOCH, Instant.ofEpochMilli(touched)));
            }
        }

        /** On this host, whether the process lives; elsewhere, whether the lock was touched within the lease. */
        boolean alive() {
            if (host.equals(hostName()) && pid > 0) {
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> processStart == 0
                        || p.info().startInstant().map(s -> Math.abs(s.toEpochMilli() - processStart) < 1000)
                                .orElse(true))
                        .orElse(false);
            }
            return Duration.between(touched, Instant.now()).compareTo(LEASE) < 0;
        }

        String describe() {
            if (pid < 0) {
                return "a process whose lock file cannot be read yet";
            }
            long seconds = Math.max(0, Duration.between(touched, Instant.now()).toSeconds());
            return "process " + pid + " on host " + host + " since " + acquired + ", alive " + seconds + " s ago";
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}
