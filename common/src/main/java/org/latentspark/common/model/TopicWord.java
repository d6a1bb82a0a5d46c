package org.latentspark.common.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.latentspark.common.model.arrays.DirectGemm;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link TopicWordLayer}'s computation, in loops over rows: y = γ ⊙ x̂ + β, with x̂ the logits θ·B standardized per
 * word over the minibatch (training) or by the running statistics (inference). Training updates those as DL4J's
 * batch norm does: running ← d·running + (1 − d)·batch, with the biased batch variance. An annealed batch norm
 * gives y = w·γ ⊙ x̂ + (1 − w)·θ·B + β, with w its weight.
 */
final class TopicWord extends NativeLayer<TopicWordLayer> {
    /** What backpropagation needs from the last training pass. */
    private INDArray theta;
    private double[][] standardized;
    private double[] inverseStd;

    TopicWord(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private double[] param(String key) {
        return RowArrays.read(getParam(key))[0];
    }

    /** The batch norm's share of the logits, w: 1 unless annealed. */
    private double batchNormWeight() {
        return layerConf().isAnnealed() ? getParam(TopicWordParams.BATCH_NORM_WEIGHT).getDouble(0) : 1;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray th = input.castTo(dataType);
        double[][] y = RowArrays.read(logits(th, workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, dataType,
                new long[] {th.size(0), layerConf().getNOut()}, 'c')));
        int v = (int) layerConf().getNOut();
        double[] shift = param(TopicWordParams.SHIFT);
        if (!layerConf().isBatchNorm()) {
            for (double[] row : y) {
                Rows.axpy(1, shift, row);
            }
        } else {
            double[] mean;
            double[] variance;
            if (training) {
                mean = Rows.columnMeans(y);
                variance = Rows.columnVariances(y, mean);
                updateRunning(TopicWordParams.RUNNING_MEAN, mean);
                updateRunning(TopicWordParams.RUNNING_VARIANCE, variance);
            } else {
                mean = param(TopicWordParams.RUNNING_MEAN);
                variance = param(TopicWordParams.RUNNING_VARIANCE);
            }
            double[] inverse = new double[v];
            for (int j = 0; j < v; j++) {
                inverse[j] = 1 / Math.sqrt(variance[j] + layerConf().getEps());
            }
            // Annealed: (w·γ) ⊙ x̂ + β + (1 − w)·θ·B.
            double w = batchNormWeight();
            double[] scale = param(TopicWordParams.SCALE);
            for (int j = 0; j < scale.length; j++) {
                scale[j] *= w;
            }
            double[][] normalized = training ? new double[y.length][v] : null;
            double[] unkept = training ? null : new double[v];
            for (int i = 0; i < y.length; i++) {
                double[] raw = w < 1 ? y[i].clone() : null;
                // One pass where three (standardize, keep x̂, scale and shift) each streamed the whole minibatch.
                Rows.normalize(y[i], mean, inverse, scale, shift, training ? normalized[i] : unkept);
                if (raw != null) {
                    Rows.axpy(1 - w, raw, y[i]);
                }
            }
            standardized = normalized;
            inverseStd = training ? inverse : null;
        }
        theta = training ? th : null;
        return RowArrays.write(y, workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {y.length, v}, 'c'));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (theta == null) {
            throw new IllegalStateException("backpropagation through the topic-word layer needs a training pass first");
        }
        int n = (int) theta.size(0);
        int k = (int) layerConf().getNIn();
        double[][] dLogits = RowArrays.read(epsilon);
        double[] shiftGradient;
        if (layerConf().isBatchNorm()) {
            shiftGradient = new double[dLogits[0].length];
            double[] scaleGradient = new double[shiftGradient.length];
            for (int i = 0; i < n; i++) {
                Rows.addSumAndProduct(dLogits[i], standardized[i], shiftGradient, scaleGradient);
            }
            // ∂L/∂logits = w·γ/σ · (dy − mean(dy) − x̂ · mean(dy · x̂)) + (1 − w)·dy, the means over the minibatch.
            double w = batchNormWeight();
            double[] gamma = param(TopicWordParams.SCALE);
            double[] factor = new double[gamma.length];
            for (int j = 0; j < factor.length; j++) {
                factor[j] = w * gamma[j] * inverseStd[j];
                shiftGradient[j] /= n;
                scaleGradient[j] /= n;
            }
            for (int i = 0; i < n; i++) {
                double[] dy = w < 1 ? dLogits[i].clone() : null;
                Rows.batchNormBackward(dLogits[i], standardized[i], factor, shiftGradient, scaleGradient);
                if (dy != null) {
                    Rows.axpy(1 - w, dy, dLogits[i]);
                }
            }
            for (int j = 0; j < factor.length; j++) {
                shiftGradient[j] *= n;
                scaleGradient[j] *= n * w;
            }
            if (layerConf().isAnnealed()) {
                gradientViews.get(TopicWordParams.BATCH_NORM_WEIGHT).assign(0);
            }
            gradientViews.get(TopicWordParams.SCALE).assign(Nd4j.create(scaleGradient, new long[] {1, factor.length}));
            gradientViews.get(TopicWordParams.RUNNING_MEAN).assign(0);
            gradientViews.get(TopicWordParams.RUNNING_VARIANCE).assign(0);
        } else {
            shiftGradient = Rows.columnSums(dLogits);
        }
        gradientViews.get(TopicWordParams.SHIFT).assign(Nd4j.create(shiftGradient, new long[] {1,
                shiftGradient.length}));
        // The products go through sgemm: one op thread ran [200, 20] · [20, 2,000] in 0.3 ms there, against 1.2 ms
        // in a Java loop over rows.
        int v = dLogits[0].length;
        INDArray dLogitsArray = RowArrays.write(dLogits, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM,
                dataType, new long[] {n, v}, 'c'));
        DirectGemm.gemm(theta, dLogitsArray, gradientViews.get(TopicWordParams.WEIGHTS), true, false, 1.0, 0.0);
        INDArray below = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {n, k},
                'c');
        DirectGemm.gemm(dLogitsArray, getParam(TopicWordParams.WEIGHTS), below, false, true, 1.0, 0.0);
        Gradient gradient = viewGradient();
        return new Pair<>(gradient, below);
    }

    /** θ·B into {@code into} [n, V]. */
    private INDArray logits(INDArray topics, INDArray into) {
        return DirectGemm.gemm(topics, getParam(TopicWordParams.WEIGHTS), into, false, false, 1.0, 0.0);
    }

    /**
     * Re-estimates the running statistics as the population statistics of the logits of {@code thetaSample}
     * [n, K] (see {@link BatchNormRecalibration}). Returns false, changing nothing, without batch norm.
     */
    boolean recalibrate(INDArray thetaSample) {
        if (!layerConf().isBatchNorm()) {
            return false;
        }
        INDArray th = thetaSample.castTo(dataType);
        double[][] y = RowArrays.read(logits(th, Nd4j.createUninitialized(dataType, th.size(0),
                layerConf().getNOut())));
        double[] mean = Rows.columnMeans(y);
        getParam(TopicWordParams.RUNNING_MEAN).assign(Nd4j.create(mean, new long[] {1, mean.length}));
        getParam(TopicWordParams.RUNNING_VARIANCE).assign(Nd4j.create(Rows.columnVariances(y, mean),
                new long[] {1, mean.length}));
        return true;
    }

    private void updateRunning(String key, double[] batch) {
        INDArray running = getParam(key);
        double decay = layerConf().getDecay();
        running.muli(decay).addi(Nd4j.create(batch, new long[] {1, batch.length}).muli(1 - decay)
                .castTo(running.dataType()));
    }

    @Override
    public void clear() {
        super.clear();
        theta = null;
        standardized = null;
        inverseStd = null;
    }
}
