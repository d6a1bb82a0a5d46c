package org.latentspark.common.model;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link WordBagLayer}'s computation: for each document, b plus its words' rows of W times their weights. */
final class WordBag extends NativeLayer<WordBagLayer> {
    /** What backpropagation needs from the last training pass: the documents and the pre-activations. */
    private double[][] documents;
    private double[][] preActivations;
    /** W and its gradient as rows, kept from step to step: V·H doubles each, new memory would cost page faults. */
    private double[][] weightRows;
    private double[][] weightGradientRows;

    WordBag(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        double[][] docs = RowArrays.read(input);
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (weightRows == null) {
            weightRows = new double[(int) w.size(0)][(int) w.size(1)];
        }
        double[][] weights = RowArrays.readInto(w, weightRows);
        double[] bias = RowArrays.read(getParam(DefaultParamInitializer.BIAS_KEY))[0];
        double[][] pre = new double[docs.length][];
        for (int i = 0; i < docs.length; i++) {
            pre[i] = bias.clone();
            int words = docs[i].length / 2;
            for (int l = 0; l < words; l++) {
                double weight = docs[i][words + l];
                if (weight != 0) {
                    Rows.axpy(weight, weights[word(docs[i][l], i, weights.length)], pre[i]);
                }
            }
        }
        documents = training ? docs : null;
        preActivations = training ? pre : null;
        INDArray out = RowArrays.write(pre, workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {pre.length, bias.length}, 'c'));
        return layerConf().getActivationFn().getActivation(out, training);
    }

    private static int word(double index, int document, int vocabulary) {
        int w = (int) index;
        if (w != index || w < 0 || w >= vocabulary) {
            throw new IllegalArgumentException("document " + document + " of the minibatch has word index " + index
                    + ", outside the vocabulary of " + vocabulary + " words");
        }
        return w;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (documents == null) {
            throw new IllegalStateException("backpropagation through the word-bag layer needs a training pass first");
        }
        INDArray pre = RowArrays.write(preActivations, workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM,
                dataType, new long[] {preActivations.length, preActivations[0].length}, 'c'));
        double[][] delta = RowArrays.read(layerConf().getActivationFn().backprop(pre, epsilon).getFirst());
        int vocabulary = (int) layerConf().getNIn();
        if (weightGradientRows == null) {
            weightGradientRows = new double[vocabulary][delta[0].length];
        }
        double[][] weightGradient = weightGradientRows;
        for (double[] row : weightGradient) {
            Arrays.fill(row, 0);
        }
        for (int i = 0; i < documents.length; i++) {
            int words = documents[i].length / 2;
            for (int l = 0; l < words; l++) {
                double weight = documents[i][words + l];
                if (weight != 0) {
                    Rows.axpy(weight, delta[i], weightGradient[(int) documents[i][l]]);
                }
            }
        }
        RowArrays.write(weightGradient, gradientViews.get(DefaultParamInitializer.WEIGHT_KEY));
        double[] biasGradient = Rows.columnSums(delta);
        INDArray biasView = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        biasView.assign(Nd4j.create(biasGradient, biasView.shape()));
        Gradient gradient = viewGradient();
        // The input is data: it gets no gradient.
        return new Pair<>(gradient, workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, input.shape(), 'c'));
    }

    @Override
    public void clear() {
        super.clear();
        documents = null;
        preActivations = null;
    }
}
