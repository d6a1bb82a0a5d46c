package org.latentspark.common.model;

/** One GRU step written out in plain loops, the reference the GRU layers' tests hold ND4J's arithmetic to. */
final class GruByHand {
    private GruByHand() {
    }

    /**
     * @param h   the state before the step, [u]
     * @param pre the step's input and bias terms [x_u + b_u, x_r + b_r, x_c + b_c], [3u]
     * @param wh  the gates' recurrent weights [W_u, W_r], [u][2u]
     * @param wc  the candidate's recurrent weights, [u][u]
     * @return u ⊙ h + (1 − u) ⊙ c, with u = σ(h·W_u + ·), r = σ(h·W_r + ·), c = tanh((r ⊙ h)·W_c + ·)
     */
    static double[] step(double[] h, double[] pre, double[][] wh, double[][] wc) {
        int units = h.length;
        double[] u = new double[units];
        double[] r = new double[units];
        for (int j = 0; j < units; j++) {
            double a = pre[j];
            double b = pre[units + j];
            for (int m = 0; m < units; m++) {
                a += h[m] * wh[m][j];
                b += h[m] * wh[m][units + j];
            }
            u[j] = 1 / (1 + Math.exp(-a));
            r[j] = 1 / (1 + Math.exp(-b));
        }
        double[] next = new double[units];
        for (int j = 0; j < units; j++) {
            double c = pre[2 * units + j];
            for (int m = 0; m < units; m++) {
                c += r[m] * h[m] * wc[m][j];
            }
            next[j] = u[j] * h[j] + (1 - u[j]) * Math.tanh(c);
        }
        return next;
    }
}
