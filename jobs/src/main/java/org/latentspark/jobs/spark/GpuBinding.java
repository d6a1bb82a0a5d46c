package org.latentspark.jobs.spark;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.resource.ResourceInformation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Binds a Spark task's thread to the GPU Spark assigned the task (spark.task.resource.gpu.amount), before ND4J
 * allocates anything in that thread: ND4J otherwise puts every thread's arrays on device 0, and on a node whose
 * executors share its GPUs (standalone mode does not isolate them) every executor would train on the first one.
 * Without an assigned GPU, or on the CPU backend (no devices), it does nothing.
 */
public final class GpuBinding {
    private GpuBinding() {
    }

    /** A partition function that binds the task's thread and passes its input through, to put in front of DL4J's. */
    public static <T> FlatMapFunction<Iterator<T>, T> beforeTask() {
        return rows -> {
            bindCurrentTask();
            return rows;
        };
    }

    /** Binds the current task's thread; call first in every partition function that computes with ND4J. */
    public static void bindCurrentTask() {
        TaskContext task = TaskContext.get();
        if (task == null) {
            return;
        }
        ResourceInformation gpus = task.resources().get("gpu").getOrElse(() -> null);
        if (gpus == null) {
            return;
        }
        int visible = Nd4j.getAffinityManager().getNumberOfDevices();
        int device = deviceFor(Arrays.asList(gpus.addresses()), visible, System.getenv("CUDA_VISIBLE_DEVICES"));
        if (device >= 0) {
            Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
    }

    /**
     * The ND4J device index of the first GPU Spark assigned, or -1 for none. Spark's addresses are the
     * discovery script's, usually physical indices; where CUDA_VISIBLE_DEVICES limits this process to some GPUs
     * (YARN and Kubernetes isolate them so), ND4J numbers those from 0 in that order.
     *
     * @param visibleDevices the devices ND4J sees (0 on the CPU backend)
     */
    static int deviceFor(List<String> assigned, int visibleDevices, String cudaVisibleDevices) {
        if (assigned.isEmpty() || visibleDevices <= 0) {
            return -1;
        }
        String address = assigned.get(0).trim();
        if (cudaVisibleDevices != null && !cudaVisibleDevices.isBlank()) {
            List<String> visible = Arrays.stream(cudaVisibleDevices.split(",")).map(String::trim).toList();
            int position = visible.indexOf(address);
            if (position >= 0) {
                return position < visibleDevices ? position : -1;
            }
            if (visible.size() == 1) {
                return 0;
            }
        }
        int index;
        try {
            index = Integer.parseInt(address);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GPU address '" + address + "' from Spark's resource discovery is not "
                    + "a device index; ND4J binds devices by index", e);
        }
        if (index >= visibleDevices) {
            throw new IllegalArgumentException("Spark assigned GPU " + index + " but ND4J sees " + visibleDevices
                    + " device(s); check spark.executor.resource.gpu.discoveryScript and CUDA_VISIBLE_DEVICES");
        }
        return index;
    }
}
