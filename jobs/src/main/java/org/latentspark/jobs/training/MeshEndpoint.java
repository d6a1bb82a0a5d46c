package org.latentspark.jobs.training;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.nd4j.parameterserver.distributed.v2.ModelParameterServer;
import org.nd4j.parameterserver.distributed.v2.transport.Transport;
import org.nd4j.parameterserver.distributed.v2.transport.impl.AeronUdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a JVM's gradient-sharing endpoint, threads included. DL4J 1.0.0-M2's {@code AeronUdpTransport.shutdown}
 * closes the Aeron subscription but leaves the thread that polls it looping forever ({@code while (true)}: poll,
 * sleep 1 µs), a tenth of a core per closed endpoint for the rest of the JVM's life. A driver that runs several
 * trainings (a notebook, a test suite) piled them up until training slowed to a crawl. The loop reads the
 * subscription from the transport's field on every turn, so clearing that field ends it (a NullPointerException,
 * kept from the thread's handler here: on an executor, Spark's handler would exit the JVM).
 */
final class MeshEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(MeshEndpoint.class);
    /** DL4J's subscription poller, the Runnable whose loop never ends. */
    private static final String POLLER = AeronUdpTransport.class.getName() + "$2";

    private MeshEndpoint() {
    }

    /** Shuts {@code mesh} down if it is up, and ends its transport's threads. */
    static void close(ModelParameterServer mesh) {
        if (!mesh.isInitialized()) {
            return;
        }
        Transport transport = mesh.getTransport();
        mesh.shutdown();
        if (transport instanceof AeronUdpTransport aeron) {
            endThreads(aeron);
        }
    }

    /** The threads of this JVM that run DL4J's poller loop, whichever transport they poll for. */
    static List<Thread> pollers() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> POLLER.equals(f.getClassName())))
                .map(java.util.Map.Entry::getKey)
                .toList();
    }

    /** Ends the threads of a transport that is shut down. */
    static void endThreads(AeronUdpTransport aeron) {
        pollers().forEach(MeshEndpoint::quietOnPollerEnd);
        try {
            Field subscription = AeronUdpTransport.class.getDeclaredField("ownSubscription");
            subscription.setAccessible(true);
            subscription.set(aeron, null);
            Field executor = AeronUdpTransport.class.getDeclaredField("messagesExecutorService");
            executor.setAccessible(true);
            ExecutorService threads = (ExecutorService) executor.get(aeron);
            threads.shutdownNow();
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the closed gradient-sharing endpoint's threads did not end within 5 s");
            }
        } catch (ReflectiveOperationException e) {
            LOG.warn("cannot end the closed gradient-sharing endpoint's threads (written for "
                    + "nd4j-parameter-server-node 1.0.0-M2): {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The poller's end, by the cleared field, is no error; anything else goes to the handler it had. */
    private static void quietOnPollerEnd(Thread poller) {
        Thread.UncaughtExceptionHandler previous = poller.getUncaughtExceptionHandler();
        if (previous != null && !(previous instanceof QuietPollerEnd)) {
            poller.setUncaughtExceptionHandler(new QuietPollerEnd(previous));
        }
    }

    private record QuietPollerEnd(Thread.UncaughtExceptionHandler previous) implements Thread.UncaughtExceptionHandler {
        @Override
        public void uncaughtException(Thread thread, Throwable error) {
            boolean ended = error instanceof NullPointerException && error.getStackTrace().length > 0
                    && POLLER.equals(error.getStackTrace()[0].getClassName());
            if (!ended) {
                previous.uncaughtException(thread, error);
            }
        }
    }
}
