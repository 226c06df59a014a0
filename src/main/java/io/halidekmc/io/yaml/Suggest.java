package io.halidekmc.io.yaml;

import java.util.Collection;

/**
 * The nearest allowed key to a misspelt one, so that a message can say "did you mean
 * `temperature`?" instead of leaving the user to compare the two by eye.
 */
public final class Suggest {
    /** Further than this, a guess is more likely to mislead than to help. */
    static final int MAX_DISTANCE = 2;

    private Suggest() {}

    /** The closest candidate (edit distance ≤ 2, or one a prefix of the other), or null when none is close. */
    public static String nearest(String key, Collection<String> candidates) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String c : candidates) {
            if (c.equals(key)) continue;
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            // a cut-short key (`temp`, `vacancy`) is as clear a slip as a swapped letter; three letters is the least that says anything
            boolean prefix = Math.min(key.length(), c.length()) >= 3 && (c.startsWith(key) || key.startsWith(c));
            if (d > MAX_DISTANCE && !prefix) continue;
            int rank = d <= MAX_DISTANCE ? d : MAX_DISTANCE + 1;
            if (rank < bestD) {
                bestD = rank;
                best = c;
            }
        }
        return best;
    }

    /** " did you mean `x`?" or "" (the leading space lets callers append it as is). */
    public static String hint(String key, Collection<String> candidates) {
        String n = nearest(key, candidates);
        return n == null ? "" : " did you mean `" + n + "`?";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
