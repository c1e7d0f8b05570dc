package io.courier.registry.zookeeper.internal;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML and JSON text into plain values only: maps, lists, strings, integers, decimals,
 * booleans and nulls. It is the one parser of the registry, for rule 6 of the design (configuration
 * is data parsed by a safe parser):
 *
 * <ul>
 *   <li>{@link SafeConstructor}, and SnakeYAML's default tag inspector, which refuses every global
 *       tag: {@code !!javax.script.ScriptEngineManager [...]} fails before any class is named;
 *   <li>a core-schema resolver: only {@code true/false}, decimal numbers and {@code null} are typed
 *       implicitly, so {@code 10.0.0.1:20880}, {@code 1:20}, {@code yes} or {@code 2024-01-01} stay
 *       strings instead of YAML 1.1's sexagesimal numbers, booleans and dates; no merge keys;
 *   <li>limits: duplicate keys refused, at most 20 aliases, nesting depth 20, a caller-given size.
 * </ul>
 *
 * Thread-safe: every call builds its own SnakeYAML instance (SnakeYAML's are not thread-safe).
 */
public final class SafeYaml {

    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    private static final Pattern FLOAT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
    private static final Pattern EMPTY = Pattern.compile("^$");

    private SafeYaml() {}

    /**
     * The value of the single document in {@code text}.
     *
     * @param maxCodePoints the most characters accepted
     * @throws DocumentException if the text is not well-formed, uses a forbidden construct or is too big
     */
    public static Object load(String text, int maxCodePoints) throws DocumentException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(maxCodePoints);
        options.setMergeOnCompose(false);
        DumperOptions dumperOptions = new DumperOptions();
        Yaml yaml = new Yaml(
                new SafeConstructor(options),
                new Representer(dumperOptions),
                dumperOptions,
                options,
                new CoreSchemaResolver());
        try {
            return yaml.load(text);
        } catch (YAMLException | IllegalArgumentException e) {
            // messages carry the line and column; they never echo more than a short snippet
            throw new DocumentException(oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new DocumentException("document nests too deeply");
        }
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    /** The YAML 1.2 core schema, without YAML 1.1's surprises. */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tTfF", 10);
            addImplicitResolver(Tag.INT, INT, "-+0123456789", 40);
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789", 40);
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
        }
    }
}
