package org.latentspark.common.model;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What our GRU layers' runtime layers share: each pass runs outside DL4J's workspaces, since what the forward pass
 * keeps lives until the backward pass, and only its result is copied into DL4J's workspace.
 *
 * <p>A pass's temporaries (marked with {@link #temporary}) are freed as soon as its result has been copied. ND4J
 * frees an array made outside a workspace only once the garbage collector has found it, and the collector, which
 * sees a few bytes of heap per array, does not hurry for the megabytes off the heap behind it: an LFADS minibatch of
 * 120 steps left about 15 MB of them, and an executor's resident memory grew by a gigabyte a minute.
 */
abstract class GruRuntime<T extends GruLayer> extends NativeLayer<T> {
    private final List<INDArray> temporaries = new ArrayList<>();

    GruRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The output for {@code input}, keeping what {@link #backward} needs. */
    abstract INDArray forward(INDArray input);

    /** Fills {@code gradientViews} from the last forward pass and returns the error passed below (null: none). */
    abstract INDArray backward(INDArray epsilon);

    /** Frees an array this layer made and no longer needs now, rather than when the garbage collector finds it. */
    static void release(INDArray own) {
        if (own != null && own.closeable()) {
            own.close();
        }
    }

    /** {@code own}, an array this pass made, to be freed once the pass's result has been copied. */
    INDArray temporary(INDArray own) {
        temporaries.add(own);
        return own;
    }

    private void releaseTemporaries() {
        temporaries.forEach(GruRuntime::release);
        temporaries.clear();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            out = forward(input);
        }
        INDArray copied = workspaceMgr.dup(ArrayType.ACTIVATIONS, out, 'c');
        releaseTemporaries();
        return copied;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray below;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            below = backward(epsilon);
        }
        Gradient gradient = viewGradient();
        INDArray copied = below == null ? null : workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, below, 'c');
        releaseTemporaries();
        return new Pair<>(gradient, copied);
    }
}
