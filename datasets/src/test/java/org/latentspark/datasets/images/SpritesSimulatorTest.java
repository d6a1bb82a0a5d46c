package org.latentspark.datasets.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.latentspark.common.UserInputException;
import org.latentspark.common.schema.ImageSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedSpark.class)
class SpritesSimulatorTest {
    private static final int SIZE = 32;

    @Test
    void recordsHaveIdsFactorsAndLabels() {
        List<Row> rows = new SpritesSimulator(100, SIZE, 1).read(SharedSpark.spark())
                .orderBy(ImageSchema.ID).collectAsList();

        assertEquals(100, rows.size());
        Row row = rows.get(42);
        assertEquals("sprite-0000042", row.getString(0));
        assertEquals(SIZE, row.getInt(1));
        assertEquals(SIZE, row.getInt(2));
        assertEquals(1, row.getInt(3));
        assertEquals(SIZE * SIZE, ((byte[]) row.get(4)).length);
        for (Row r : rows) {
            List<Float> f = r.getList(6);
            assertEquals(5, f.size());
            assertEquals(r.getInt(5), f.get(0).intValue(), "label is the shape");
            assertTrue(f.get(0) == 0 || f.get(0) == 1 || f.get(0) == 2);
            assertTrue(f.get(1) >= SpritesSimulator.MIN_SCALE && f.get(1) <= SpritesSimulator.MAX_SCALE);
            assertTrue(f.get(2) >= 0 && f.get(2) <= 2 * Math.PI);
            assertTrue(f.get(3) >= 0 && f.get(3) <= 1 && f.get(4) >= 0 && f.get(4) <= 1);
        }
    }

    @Test
    void schemaIsTheRecordSchema() {
        assertEquals(ImageSchema.RECORD, new SpritesSimulator(1, SIZE, 1).read(SharedSpark.spark()).schema());
    }

    @Test
    void sameSeedGivesSamePixelsWhateverThePartitioning() {
        List<Row> distributed = new SpritesSimulator(200, SIZE, 7).read(SharedSpark.spark())
                .orderBy(ImageSchema.ID).collectAsList();

        for (int i = 0; i < distributed.size(); i++) {
            Row local = SpritesSimulator.sprite(i, SIZE, 7);
            assertArrayEquals((byte[]) local.get(4), (byte[]) distributed.get(i).get(4), "sprite " + i);
        }
    }

    @Test
    void differentSeedsGiveDifferentSprites() {
        int differing = 0;
        for (int i = 0; i < 100; i++) {
            byte[] a = (byte[]) SpritesSimulator.sprite(i, SIZE, 1).get(4);
            byte[] b = (byte[]) SpritesSimulator.sprite(i, SIZE, 2).get(4);
            if (!Arrays.equals(a, b)) {
                differing++;
            }
        }
        assertTrue(differing >= 99, differing + " of 100 differ");
    }

    @Test
    void positionFactorsMoveTheCentreOfMass() {
        int n = 400;
        double[] x = new double[n];
        double[] y = new double[n];
        double[] cx = new double[n];
        double[] cy = new double[n];
        for (int i = 0; i < n; i++) {
            float[] f = SpritesSimulator.factors(i, 3);
            byte[] pixels = SpritesSimulator.render(f, SIZE);
            double mass = 0;
            for (int p = 0; p < pixels.length; p++) {
                int v = pixels[p] & 0xff;
                mass += v;
                cx[i] += v * (p % SIZE);
                cy[i] += v * (p / SIZE);
            }
            cx[i] /= mass;
            cy[i] /= mass;
            x[i] = f[3];
            y[i] = f[4];
        }
        assertTrue(correlation(x, cx) > 0.95, "x: " + correlation(x, cx));
        assertTrue(correlation(y, cy) > 0.95, "y: " + correlation(y, cy));
    }

    @Test
    void everySpriteIsNonEmptyAndInsideTheFrame() {
        for (int size : new int[] {8, 16, 32, 64}) {
            for (int i = 0; i < 500; i++) {
                assertInside(SpritesSimulator.render(SpritesSimulator.factors(i, 11), size), size, "sprite " + i);
            }
            // The extremes: largest scale, every corner, many rotations, every shape.
            for (int shape = 0; shape < 3; shape++) {
                for (float corner = 0; corner < 4; corner++) {
                    for (int r = 0; r < 32; r++) {
                        float[] f = {shape, SpritesSimulator.MAX_SCALE, (float) (r * Math.PI / 16),
                            corner % 2, (float) Math.floor(corner / 2)};
                        assertInside(SpritesSimulator.render(f, size), size, Arrays.toString(f));
                    }
                }
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(UserInputException.class, () -> new SpritesSimulator(-1, SIZE, 0));
        UserInputException e = assertThrows(UserInputException.class, () -> new SpritesSimulator(10, 4, 0));
        assertTrue(e.getMessage().contains("at least 8"), e.getMessage());
    }

    private static void assertInside(byte[] pixels, int size, String what) {
        int sum = 0;
        for (int p = 0; p < pixels.length; p++) {
            int v = pixels[p] & 0xff;
            sum += v;
            boolean border = p / size == 0 || p / size == size - 1 || p % size == 0 || p % size == size - 1;
            assertTrue(!border || v == 0, what + " touches the border at size " + size);
        }
        assertTrue(sum > 0, what + " is empty at size " + size);
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
