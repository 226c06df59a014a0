package io.halidekmc.drive;

/**
 * A drive quantity (temperature, bias, ...) as a function of time, always piecewise constant:
 * KMC waiting times are memoryless, so holding rates constant on each piece and refreshing them
 * at its end is exact (DESIGN §4). Smooth inputs are cut into pieces fine enough by {@link Table}.
 */
public sealed interface Schedule permits Schedule.Constant, Schedule.Steps, Schedule.PulseTrain {

    /** Value on the piece that contains t. */
    double valueAt(double t);

    /** Start of the next piece after t, or +∞. */
    double nextChange(double t);

    record Constant(double value) implements Schedule {
        @Override
        public double valueAt(double t) {
            return value;
        }

        @Override
        public double nextChange(double t) {
            return Double.POSITIVE_INFINITY;
        }
    }

    /**
     * value0 before times[0], values[i] on [times[i], times[i+1]).
     */
    record Steps(double value0, double[] times, double[] values) implements Schedule {
        public Steps {
            if (times.length != values.length) throw new IllegalArgumentException("times and values differ in length");
            for (int i = 1; i < times.length; i++) {
                if (!(times[i] > times[i - 1])) throw new IllegalArgumentException("step times must increase");
            }
        }

        @Override
        public double valueAt(double t) {
            int i = lastAtOrBefore(t);
            return i < 0 ? value0 : values[i];
        }

        @Override
        public double nextChange(double t) {
            int i = lastAtOrBefore(t) + 1;
            return i < times.length ? times[i] : Double.POSITIVE_INFINITY;
        }

        private int lastAtOrBefore(double t) {
            int lo = 0, hi = times.length - 1, ans = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= t) {
                    ans = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return ans;
        }
    }

    /**
     * base, switching to peak for {@code width} at the start of every period from {@code start}
     * (a heater pulse train of width t and period T, TARGETS A7), for {@code count} pulses
     * (0: unlimited).
     */
    record PulseTrain(double base, double peak, double width, double period, double start, long count) implements Schedule {
        public PulseTrain {
            if (!(width > 0) || !(period > width)) throw new IllegalArgumentException("need 0 < width < period");
        }

        @Override
        public double valueAt(double t) {
            if (t < start) return base;
            long n = index(t);
            if (count > 0 && n >= count) return base;
            return t < start + n * period + width ? peak : base;
        }

        @Override
        public double nextChange(double t) {
            if (t < start) return start;
            long n = index(t);
            if (count > 0 && n >= count) return Double.POSITIVE_INFINITY;
            double pulseEnd = start + n * period + width;
            if (t < pulseEnd) return pulseEnd;
            if (count > 0 && n + 1 >= count) return Double.POSITIVE_INFINITY;
            return start + (n + 1) * period;
        }

        /**
         * Period index n with start + n·period ≤ t < start + (n+1)·period, the edges computed
         * by exactly the expressions valueAt and nextChange use: floor((t − start)/period)
         * alone can land one off at an edge through rounding, which made valueAt at a pulse's
         * end still return the peak (so the pulse lasted a whole period) and could make
         * nextChange(t) return t itself.
         */
        private long index(double t) {
            long n = (long) Math.floor((t - start) / period);
            if (start + (n + 1) * period <= t) n++;
            else if (start + n * period > t) n--;
            return n;
        }
    }
}
