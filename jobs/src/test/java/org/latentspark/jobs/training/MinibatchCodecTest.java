package org.latentspark.jobs.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MinibatchCodecTest {
    @Test
    void everyArrayComesBackWithItsTypeShapeAndValues() throws IOException {
        INDArray wide = Nd4j.rand(DataType.FLOAT, 5, 7);
        // A view in Fortran order and one over a larger buffer: written as their own elements, in C order.
        INDArray fortran = Nd4j.rand(DataType.DOUBLE, 'f', 5, 3);
        INDArray columns = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(2, 5));
        INDArray mask = Nd4j.createFromArray(new int[] {1, 1, 0, 1, 0}).reshape(5, 1);
        INDArray sequence = Nd4j.rand(DataType.FLOAT, 5, 2, 4);
        MultiDataSet original = new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {wide, fortran, sequence},
                new INDArray[] {columns}, new INDArray[] {null, mask, null}, null);

        MultiDataSet read = roundTrip(original);
        for (int i = 0; i < 3; i++) {
            assertEquals(original.getFeatures(i), read.getFeatures(i), "features " + i);
            assertEquals(original.getFeatures(i).dataType(), read.getFeatures(i).dataType());
        }
        assertEquals(columns, read.getLabels(0));
        assertNull(read.getFeaturesMaskArray(0));
        assertEquals(mask, read.getFeaturesMaskArray(1));
        assertEquals(DataType.INT, read.getFeaturesMaskArray(1).dataType());
        assertNull(read.getLabelsMaskArrays());
    }

    @Test
    void aFileOfAnotherFormatIsRefusedByName() {
        IOException e = assertThrows(IOException.class, () -> MinibatchCodec.read(new ByteArrayInputStream(
                new byte[] {0, 1, 2, 3, 4, 5, 6, 7}), "/scratch/epoch-0/part-00000-00001.bin"));
        assertTrue(e.getMessage().startsWith("/scratch/epoch-0/part-00000-00001.bin is not a minibatch file"),
                e.getMessage());
    }

    @Test
    void aLargeMinibatchTakesOneBlockPerArray() throws IOException {
        INDArray labels = Nd4j.rand(DataType.FLOAT, 200, 2001);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MinibatchCodec.write(new org.nd4j.linalg.dataset.MultiDataSet(labels, labels), bytes);
        // Two arrays of 4 bytes an element, and headers of a few dozen bytes.
        assertTrue(bytes.size() < 2 * 4 * 200 * 2001 + 200, "size " + bytes.size());
        assertArrayEquals(labels.data().asFloat(), MinibatchCodec.read(new ByteArrayInputStream(bytes.toByteArray()),
                "m").getLabels(0).data().asFloat());
    }

    private static MultiDataSet roundTrip(MultiDataSet minibatch) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MinibatchCodec.write(minibatch, bytes);
        return MinibatchCodec.read(new ByteArrayInputStream(bytes.toByteArray()), "test");
    }
}
