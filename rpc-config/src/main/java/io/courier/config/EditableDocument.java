package io.courier.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * A configuration document as a mapping to edit and write back, for {@link DisabledSwitch}. It is
 * loaded only after the registry store's parser accepted it, so it holds no tag, alias bomb or
 * oversized text; it is loaded with the YAML 1.2 core schema the registry reads documents with, so
 * a value such as {@code yes}, {@code 0777} or {@code 1:20} stays the text it was instead of
 * becoming YAML 1.1's boolean or number on the way through.
 */
final class EditableDocument {

    private static final Pattern CORE_BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");
    private static final Pattern CORE_INT = Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)$");
    private static final Pattern CORE_FLOAT =
            Pattern.compile("^[-+]?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$");
    private static final Pattern CORE_NULL = Pattern.compile("^(?:~|null|Null|NULL)$");
    private static final Pattern CORE_EMPTY = Pattern.compile("^$");

    private EditableDocument() {}

    /** The fields of {@code text}, in order; null if the document is not a mapping. */
    static Map<String, Object> load(String text) {
        Object value = yaml().load(text);
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, Object> document = new LinkedHashMap<>();
        map.forEach((key, field) -> document.put(String.valueOf(key), field));
        return document;
    }

    /** {@code document} as block-style YAML that {@link #load} (and the registry) read back as the same values. */
    static String dump(Map<String, Object> document) {
        return yaml().dump(document);
    }

    private static Yaml yaml() {
        LoaderOptions loading = new LoaderOptions();
        loading.setAllowDuplicateKeys(false);
        loading.setMergeOnCompose(false);
        DumperOptions dumping = new DumperOptions();
        dumping.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumping.setDefaultScalarStyle(DumperOptions.ScalarStyle.PLAIN);
        return new Yaml(new SafeConstructor(loading), new Representer(dumping), dumping, loading, new CoreSchema());
    }

    /**
     * The YAML 1.2 core schema: only true/false, decimal numbers and null are typed implicitly. (The
     * patterns are named CORE_* because Resolver's own BOOL, INT, ... would shadow them here.)
     */
    private static final class CoreSchema extends Resolver {
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
