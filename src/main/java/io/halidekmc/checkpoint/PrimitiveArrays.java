package io.halidekmc.checkpoint;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Bulk encoding of primitive arrays (the lattice's bytes, the rate arrays): through a scratch
 * buffer, not one stream call per element, since a 64³ box holds ≈ 10⁶ sites. Doubles travel as
 * their raw bits, so a restored rate is the same double, NaN payloads included.
 */
final class PrimitiveArrays {
    private static final int SCRATCH = 1 << 16;

    private PrimitiveArrays() {}

    static char code(Class<?> component) {
        if (component == byte.class) return 'B';
        if (component == boolean.class) return 'Z';
        if (component == char.class) return 'C';
        if (component == short.class) return 'S';
        if (component == int.class) return 'I';
        if (component == long.class) return 'J';
        if (component == float.class) return 'F';
        if (component == double.class) return 'D';
        throw new IllegalArgumentException(component.getName());
    }

    static Object allocate(char code, int n) {
        return switch (code) {
            case 'B' -> new byte[n];
            case 'Z' -> new boolean[n];
            case 'C' -> new char[n];
            case 'S' -> new short[n];
            case 'I' -> new int[n];
            case 'J' -> new long[n];
            case 'F' -> new float[n];
            case 'D' -> new double[n];
            default -> throw new CheckpointException("checkpoint holds an unknown array type '" + code + "'");
        };
    }

    static void write(DataOutput out, Object a) throws IOException {
        switch (a) {
            case byte[] b -> out.write(b);
            case boolean[] z -> { for (boolean v : z) out.writeBoolean(v); }
            case char[] c -> { for (char v : c) out.writeChar(v); }
            case short[] s -> { for (short v : s) out.writeShort(v); }
            case int[] v -> {
                ByteBuffer buf = ByteBuffer.allocate(SCRATCH);
                for (int i = 0; i < v.length; ) {
                    int n = Math.min(SCRATCH / 4, v.length - i);
                    buf.clear();
                    buf.asIntBuffer().put(v, i, n);
                    out.write(buf.array(), 0, n * 4);
                    i += n;
                }
            }
            case long[] v -> {
                ByteBuffer buf = ByteBuffer.allocate(SCRATCH);
                for (int i = 0; i < v.length; ) {
                    int n = Math.min(SCRATCH / 8, v.length - i);
                    buf.clear();
                    buf.asLongBuffer().put(v, i, n);
                    out.write(buf.array(), 0, n * 8);
                    i += n;
                }
            }
            case float[] f -> { for (float v : f) out.writeInt(Float.floatToRawIntBits(v)); }
            case double[] d -> {
                ByteBuffer buf = ByteBuffer.allocate(SCRATCH);
                for (int i = 0; i < d.length; ) {
                    int n = Math.min(SCRATCH / 8, d.length - i);
                    buf.clear();
                    for (int k = 0; k < n; k++) buf.putLong(k * 8, Double.doubleToRawLongBits(d[i + k]));
                    out.write(buf.array(), 0, n * 8);
                    i += n;
                }
            }
            default -> throw new IllegalArgumentException(a.getClass().getName());
        }
    }

    static void read(DataInput in, Object a) throws IOException {
        switch (a) {
            case byte[] b -> in.readFully(b);
            case boolean[] z -> { for (int i = 0; i < z.length; i++) z[i] = in.readBoolean(); }
            case char[] c -> { for (int i = 0; i < c.length; i++) c[i] = in.readChar(); }
            case short[] s -> { for (int i = 0; i < s.length; i++) s[i] = in.readShort(); }
            case int[] v -> {
                byte[] raw = new byte[SCRATCH];
                for (int i = 0; i < v.length; ) {
                    int n = Math.min(SCRATCH / 4, v.length - i);
                    in.readFully(raw, 0, n * 4);
                    ByteBuffer.wrap(raw, 0, n * 4).asIntBuffer().get(v, i, n);
                    i += n;
                }
            }
            case long[] v -> {
                byte[] raw = new byte[SCRATCH];
                for (int i = 0; i < v.length; ) {
                    int n = Math.min(SCRATCH / 8, v.length - i);
                    in.readFully(raw, 0, n * 8);
                    ByteBuffer.wrap(raw, 0, n * 8).asLongBuffer().get(v, i, n);
                    i += n;
                }
            }
            case float[] f -> { for (int i = 0; i < f.length; i++) f[i] = Float.intBitsToFloat(in.readInt()); }
            case double[] d -> {
                byte[] raw = new byte[SCRATCH];
                for (int i = 0; i < d.length; ) {
                    int n = Math.min(SCRATCH / 8, d.length - i);
                    in.readFully(raw, 0, n * 8);
                    ByteBuffer bb = ByteBuffer.wrap(raw, 0, n * 8);
                    for (int k = 0; k < n; k++) d[i + k] = Double.longBitsToDouble(bb.getLong(k * 8));
                    i += n;
                }
            }
            default -> throw new IllegalArgumentException(a.getClass().getName());
        }
    }
}
