package org.latentspark.jobs.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The exported minibatch file: each of a MultiDataSet's arrays (features, labels and their masks) as a header and
 * its elements in one block. ND4J's own MultiDataSet.save and load move one element per stream call (ND4J's
 * data buffers are read and written element by element through a DataInput), and on ProdLDA's dense label rows
 * (V + 1 floats a document) that was a third of the Java time of a training epoch on SpamAssassin.
 */
final class MinibatchCodec {
    private static final int MAGIC = 0x4c534d42; // "LSMB"
    private static final int VERSION = 1;
    private static final int BUFFER = 1 << 20;

    private MinibatchCodec() {
    }

    static void write(MultiDataSet minibatch, OutputStream stream) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, BUFFER));
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        writeAll(out, minibatch.getFeatures());
        writeAll(out, minibatch.getLabels());
        writeAll(out, minibatch.getFeaturesMaskArrays());
        writeAll(out, minibatch.getLabelsMaskArrays());
        out.flush();
    }

    /** @param name what the stream holds, for errors */
    static MultiDataSet read(InputStream stream, String name) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream, BUFFER));
        if (in.readInt() != MAGIC || in.readInt() != VERSION) {
            throw new IOException(name + " is not a minibatch file of this latentspark version");
        }
        INDArray[] features = readAll(in);
        INDArray[] labels = readAll(in);
        INDArray[] featureMasks = readAll(in);
        INDArray[] labelMasks = readAll(in);
        return new org.nd4j.linalg.dataset.MultiDataSet(features, labels, featureMasks, labelMasks);
    }

    private static void writeAll(DataOutputStream out, INDArray[] arrays) throws IOException {
        out.writeInt(arrays == null ? -1 : arrays.length);
        if (arrays != null) {
            for (INDArray array : arrays) {
                writeArray(out, array);
            }
        }
    }

    private static INDArray[] readAll(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        INDArray[] arrays = new INDArray[n];
        for (int i = 0; i < n; i++) {
            arrays[i] = readArray(in);
        }
        return arrays;
    }

    /** A null array; else its type, shape and elements in C order. */
    private static void writeArray(DataOutputStream out, INDArray array) throws IOException {
        out.writeBoolean(array != null);
        if (array == null) {
            return;
        }
        DataType type = array.dataType();
        out.writeUTF(type.name());
        long[] shape = array.shape();
        out.writeInt(shape.length);
        for (long d : shape) {
            out.writeLong(d);
        }
        INDArray c = array.isView() || array.ordering() != 'c' || array.data().length() != array.length()
                ? array.dup('c') : array;
        ByteBuffer bytes = ByteBuffer.allocate(Math.toIntExact(c.length() * type.width()))
                .order(ByteOrder.LITTLE_ENDIAN);
        copy(type, memory(c), bytes);
        out.write(bytes.array());
    }

    private static INDArray readArray(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        DataType type = DataType.valueOf(in.readUTF());
        long[] shape = new long[in.readInt()];
        long length = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = in.readLong();
            length *= shape[i];
        }
        byte[] raw = new byte[Math.toIntExact(length * type.width())];
        in.readFully(raw);
        INDArray array = Nd4j.createUninitialized(type, shape, 'c');
        copy(type, ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN), memory(array));
        return array;
    }

    /** The elements of a whole c-order array, in its own (native) memory. */
    private static ByteBuffer memory(INDArray array) {
        ByteBuffer bytes = array.data().asNio().duplicate().order(ByteOrder.nativeOrder());
        bytes.limit(bytes.position() + Math.toIntExact(array.length() * array.dataType().width()));
        return bytes;
    }

    /** Copies the elements of {@code from} into {@code to} in bulk, converting their byte order where it differs. */
    private static void copy(DataType type, ByteBuffer from, ByteBuffer to) throws IOException {
        switch (type) {
            case FLOAT -> to.asFloatBuffer().put(from.asFloatBuffer());
            case DOUBLE -> to.asDoubleBuffer().put(from.asDoubleBuffer());
            case INT -> to.asIntBuffer().put(from.asIntBuffer());
            case LONG -> to.asLongBuffer().put(from.asLongBuffer());
            default -> throw new IOException("minibatch arrays of type " + type + " are not supported");
        }
    }
}
