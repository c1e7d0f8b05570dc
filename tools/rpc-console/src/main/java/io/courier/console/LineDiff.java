package io.courier.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two configuration texts (longest common subsequence): each line of the result
 * starts with {@code "  "} (in both), {@code "- "} (only in the old text) or {@code "+ "} (only in
 * the new one). Texts longer than {@link #MAX_LINES} lines are shown as all removed, then all added,
 * to bound the work.
 */
final class LineDiff {

    static final int MAX_LINES = 2_000;

    private LineDiff() {}

    static List<String> diff(String before, String after) {
        List<String> a = ConfigDocument.lines(stripFinalNewline(before));
        List<String> b = ConfigDocument.lines(stripFinalNewline(after));
        List<String> result = new ArrayList<>(a.size() + b.size());
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            a.forEach(line -> result.add("- " + line));
            b.forEach(line -> result.add("+ " + line));
            return result;
        }
        // common[i][j]: length of the longest common subsequence of a[i..] and b[j..]
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j))
                        ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.get(i).equals(b.get(j))) {
                result.add("  " + a.get(i++));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                result.add("- " + a.get(i++));
            } else {
                result.add("+ " + b.get(j++));
            }
        }
        while (i < a.size()) {
            result.add("- " + a.get(i++));
        }
        while (j < b.size()) {
            result.add("+ " + b.get(j++));
        }
        return result;
    }

    private static String stripFinalNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
