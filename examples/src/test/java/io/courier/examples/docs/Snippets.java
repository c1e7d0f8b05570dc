package io.courier.examples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fenced code blocks of a Markdown page, and the regions of source files they must equal.
 *
 * <p>A region is the text between {@code // region <name>} and {@code // endregion} in a Java file
 * (regions may nest; the markers themselves are left out), or a whole file. A file a page shows whole
 * carries no markers (a user copies it as it is), so any run of its whole lines is a region too. Text is compared
 * normalised: trailing spaces and blank lines at either end dropped, the common indentation
 * removed, so that a region inside a method may be shown at the margin.
 */
final class Snippets {

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern REGION = Pattern.compile("^\\s*// region (\\S+)\\s*$");
    private static final Pattern END_REGION = Pattern.compile("^\\s*// endregion\\s*$");

    private Snippets() {}

    /** One fenced block: its language, the line of its opening fence (1-based) and its text. */
    record Block(String language, int line, String text) {}

    /** Every fenced block of {@code markdown} written in {@code language}. */
    static List<Block> blocks(String markdown, String language) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.length && !FENCE.matcher(lines[i]).matches(); i++) {
                text.append(lines[i]).append('\n');
            }
            if (open.group(2).equals(language)) {
                blocks.add(new Block(language, start + 1, normalise(text.toString())));
            }
        }
        return blocks;
    }

    /** Every region (and every whole file) of the Java files under {@code roots}, normalised, by name. */
    static Map<String, String> regions(List<Path> roots) {
        Map<String, String> regions = new HashMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    read(file, root, regions);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return regions;
    }

    private static void read(Path file, Path root, Map<String, String> regions) throws IOException {
        String name = root.relativize(file).toString();
        List<String> lines = Files.readAllLines(file);
        List<String> open = new ArrayList<>();
        List<StringBuilder> texts = new ArrayList<>();
        StringBuilder whole = new StringBuilder();
        for (String line : lines) {
            Matcher region = REGION.matcher(line);
            if (region.matches()) {
                open.add(region.group(1));
                texts.add(new StringBuilder());
            } else if (END_REGION.matcher(line).matches()) {
                if (open.isEmpty()) {
                    throw new IllegalStateException(file + ": '// endregion' without a region");
                }
                int last = open.size() - 1;
                regions.put(
                        name + "#" + open.remove(last),
                        normalise(texts.remove(last).toString()));
            } else {
                whole.append(line).append('\n');
                texts.forEach(text -> text.append(line).append('\n'));
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException(file + ": region " + open + " is not closed");
        }
        regions.put(name, normalise(whole.toString()));
    }

    /** Trailing spaces and surrounding blank lines dropped, common indentation removed. */
    static String normalise(String text) {
        List<String> lines =
                new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream()
                .filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return String.join(
                "\n",
                lines.stream()
                        .map(line -> line.isEmpty() ? line : line.substring(indent))
                        .toList());
    }

    /**
     * The blocks of {@code markdown} that equal no region and are no run of lines of a file of {@code shownWhole}:
     * each with the nearest region's name.
     */
    static List<String> unmatched(
            String page, String markdown, Map<String, String> regions, Map<String, String> shownWhole) {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks(markdown, "java")) {
            if (!regions.containsValue(block.text())
                    && runOf(block.text(), shownWhole).isEmpty()) {
                problems.add(page + ":" + block.line() + ": this java block is no region of the examples (nearest: "
                        + nearest(block.text(), regions) + "); copy the region, or put the code in examples"
                        + " between // region <name> and // endregion\n" + block.text());
            }
        }
        return problems;
    }

    /** The name of the file of {@code files} (whole files, by name) of which {@code text} is a run of whole lines. */
    static Optional<String> runOf(String text, Map<String, String> files) {
        int length = (int) text.lines().count();
        for (Map.Entry<String, String> file : files.entrySet()) {
            List<String> lines = file.getValue().lines().toList();
            for (int start = 0; start + length <= lines.size(); start++) {
                if (normalise(String.join("\n", lines.subList(start, start + length)))
                        .equals(text)) {
                    return Optional.of(file.getKey());
                }
            }
        }
        return Optional.empty();
    }

    /** The region most like {@code text}: the most distinct non-trivial lines in common, relative to both sizes. */
    private static String nearest(String text, Map<String, String> regions) {
        Set<String> lines = meaningful(text);
        String best = "none";
        double bestScore = 0;
        for (Map.Entry<String, String> region : regions.entrySet()) {
            Set<String> other = meaningful(region.getValue());
            long shared = other.stream().filter(lines::contains).count();
            double score = (double) shared / (lines.size() + other.size() - shared);
            if (score > bestScore) {
                best = region.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private static Set<String> meaningful(String text) {
        return text.lines().map(String::strip).filter(line -> line.length() > 3).collect(Collectors.toSet());
    }
}
