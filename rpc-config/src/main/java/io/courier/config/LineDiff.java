package io.courier.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff by longest common subsequence: documents are small (at most 256 KiB, usually a few
 * dozen lines), and past {@link #MAX_CELLS} the diff falls back to "all removed, all added".
 */
final class LineDiff {

    static final long MAX_CELLS = 4_000_000;

    private LineDiff() {}

    static List<String> lines(String before, String after) {
        List<String> a = split(before);
        List<String> b = split(after);
        List<String> result = new ArrayList<>(a.size() + b.size());
        if ((long) a.size() * b.size() > MAX_CELLS) {
            a.forEach(line -> result.add("-" + line));
            b.forEach(line -> result.add("+" + line));
            return result;
        }
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
                result.add(" " + a.get(i++));
                j++;
            } else if (common[i + 1][j] >= common[i][j + 1]) {
                result.add("-" + a.get(i++));
            } else {
                result.add("+" + b.get(j++));
            }
        }
        while (i < a.size()) {
            result.add("-" + a.get(i++));
        }
        while (j < b.size()) {
            result.add("+" + b.get(j++));
        }
        return result;
    }

    private static List<String> split(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\r?\n", -1);
        // a final newline ends the last line; it does not start an empty one
        int count = text.endsWith("\n") ? parts.length - 1 : parts.length;
        return Arrays.asList(parts).subList(0, count);
    }
}
