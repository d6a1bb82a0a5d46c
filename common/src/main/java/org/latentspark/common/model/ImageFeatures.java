package org.latentspark.common.model;

/** Turns a shard's pixels (unsigned bytes, H×W×C) into model features: floats in [0, 1], channel-major (C×H×W). */
public final class ImageFeatures {
    private ImageFeatures() {
    }

    public static void fill(byte[] pixels, int height, int width, int channels, float[] out, int offset) {
        int plane = height * width;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < channels; c++) {
                out[offset + c * plane + p] = (pixels[p * channels + c] & 0xFF) / 255f;
            }
        }
    }
}
