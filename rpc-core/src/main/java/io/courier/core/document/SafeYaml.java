package io.courier.core.document;

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
 * The registry's own documents (strict JSON in printable ASCII) take a fast path, {@link
 * JsonReader}, that gives the same values in a fraction of the time; anything else goes to SnakeYAML.
 *
 * Thread-safe: each thread parses with its own SnakeYAML instance (SnakeYAML's are not thread-safe,
 * but may be reused for one document after another).
 */
public final class SafeYaml {

    private static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern CORE_INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    private static final Pattern CORE_FLOAT =
            Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$");
    private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
    private static final Pattern CORE_EMPTY = Pattern.compile("^$");

    /** The hard ceiling; each caller passes its own, smaller limit to {@link #load}. */
    private static final int MAX_CODE_POINTS = 64 * 1024 * 1024;

    // building a SnakeYAML instance costs far more than a small parse; one per thread, reused in turn
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(SafeYaml::newYaml);

    private SafeYaml() {}

    /**
     * The value of the single document in {@code text}.
     *
     * @param maxCodePoints the most characters accepted
     * @throws DocumentException if the text is not well-formed, uses a forbidden construct or is too big
     */
    public static Object load(String text, int maxCodePoints) throws DocumentException {
        if (text.length() > maxCodePoints) {
            throw new DocumentException(text.length() + " characters (expected: at most " + maxCodePoints + ")");
        }
        Object json = JsonReader.read(text);
        return json != null ? json : yaml(text);
    }

    /** {@code text} parsed by SnakeYAML alone (what {@link JsonReader}'s answers must equal). */
    static Object yaml(String text) throws DocumentException {
        try {
            return YAML.get().load(text);
        } catch (YAMLException | IllegalArgumentException e) {
            // messages carry the line and column; they never echo more than a short snippet
            throw new DocumentException(oneLine(e.getMessage()), e);
        } catch (StackOverflowError e) {
            throw new DocumentException("document nests too deeply");
        }
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMergeOnCompose(false);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(
                new SafeConstructor(options),
                new Representer(dumperOptions),
                dumperOptions,
                options,
                new CoreSchemaResolver());
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "malformed document";
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    /**
     * The YAML 1.2 core schema, without YAML 1.1's surprises. (The patterns are named CORE_* because
     * Resolver's own BOOL, INT, ... would shadow same-named fields of the enclosing class here.)
     */
    private static final class CoreSchemaResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, CORE_BOOL, "tTfF", 10);
            addImplicitResolver(Tag.INT, CORE_INT, "-+0123456789", 40);
            addImplicitResolver(Tag.FLOAT, CORE_FLOAT, "-+0123456789", 40);
            addImplicitResolver(Tag.NULL, CORE_NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, CORE_EMPTY, null, 10);
        }
    }
}
