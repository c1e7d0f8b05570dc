package io.courier.registry.kubernetes.internal;

import io.courier.api.store.DocumentKey;
import io.courier.core.store.StoreDocuments;
import io.courier.core.store.VersionRecords;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the configuration centre's documents live in one namespace: one ConfigMap per document,
 * holding the text in force and its kept version records together, so that one write (conditional on
 * the resourceVersion read) changes both.
 *
 * <pre>
 * ConfigMap courier-config-&lt;32 hex of SHA-256(root, environment, kind, name)&gt;
 *   labels:      courier.io/root=&lt;root&gt;  courier.io/kind=config
 *                courier.io/environment=&lt;environment as a label value&gt;
 *   annotations: courier.io/environment=&lt;environment&gt;  courier.io/document-kind=APPLICATION | SERVICE
 *                courier.io/document=&lt;application name or service key&gt;
 *   data:        document=&lt;the text in force&gt;
 *                version-0000000007=&lt;version 7's record, VersionRecords' JSON format 1&gt;  (the last N)
 * </pre>
 *
 * A ConfigMap holds at most 1 MiB: the API server refuses a write whose history would not fit.
 */
public final class DocumentLayout {

    public static final String KIND_LABEL = "courier.io/kind";
    public static final String CONFIG = "config";
    public static final String ENVIRONMENT_LABEL = "courier.io/environment";
    static final String ENVIRONMENT_ANNOTATION = "courier.io/environment";
    static final String DOCUMENT_KIND_ANNOTATION = "courier.io/document-kind";
    static final String DOCUMENT_ANNOTATION = "courier.io/document";
    /** The data key of the text in force. */
    public static final String TEXT = "document";

    private static final String VERSION_PREFIX = "version-";

    private final String root;

    public DocumentLayout(SliceLayout layout) {
        this.root = layout.root();
    }

    public String name(DocumentKey key) {
        return "courier-config-"
                + SliceLayout.sha256(root + " " + key.environment() + " " + key.kind() + " " + key.name())
                        .substring(0, 32);
    }

    /** The labels of every document. */
    public Map<String, String> documents() {
        return Map.of(SliceLayout.ROOT_LABEL, root, KIND_LABEL, CONFIG);
    }

    /** The labels of the documents of {@code environment}. */
    public Map<String, String> documents(String environment) {
        return Map.of(
                SliceLayout.ROOT_LABEL, root, KIND_LABEL, CONFIG, ENVIRONMENT_LABEL, SliceLayout.labelOf(environment));
    }

    /** A new ConfigMap of {@code key} holding {@code data}. */
    public ConfigMap configMap(DocumentKey key, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(key))
                .addToLabels(documents(key.environment()))
                .addToAnnotations(ENVIRONMENT_ANNOTATION, key.environment())
                .addToAnnotations(DOCUMENT_KIND_ANNOTATION, key.kind().name())
                .addToAnnotations(DOCUMENT_ANNOTATION, key.name())
                .endMetadata()
                .withData(data)
                .build();
    }

    /** The data key of version {@code number}'s record. */
    public static String versionKey(long number) {
        return VERSION_PREFIX + VersionRecords.name(number);
    }

    /** The version numbers a ConfigMap's data holds records of, ascending. */
    public static List<Long> versions(ConfigMap map) {
        List<String> names = new ArrayList<>();
        if (map != null && map.getData() != null) {
            for (String dataKey : map.getData().keySet()) {
                if (dataKey.startsWith(VERSION_PREFIX)) {
                    names.add(dataKey.substring(VERSION_PREFIX.length()));
                }
            }
        }
        return StoreDocuments.versionNumbers(names);
    }

    /** The text in force a ConfigMap holds; empty for none. */
    public static String text(ConfigMap map) {
        if (map == null || map.getData() == null) {
            return "";
        }
        String text = map.getData().get(TEXT);
        return text == null ? "" : text;
    }

    /** The document a ConfigMap of this layout holds, added to {@code keys} if its annotations name one. */
    static void addKey(List<DocumentKey> keys, ConfigMap map) {
        Map<String, String> annotations = map.getMetadata().getAnnotations();
        if (annotations == null) {
            return;
        }
        String environment = annotations.get(ENVIRONMENT_ANNOTATION);
        String kind = annotations.get(DOCUMENT_KIND_ANNOTATION);
        String name = annotations.get(DOCUMENT_ANNOTATION);
        if (environment == null || name == null || !("APPLICATION".equals(kind) || "SERVICE".equals(kind))) {
            return;
        }
        StoreDocuments.addDocument(keys, environment, DocumentKey.Kind.valueOf(kind), name);
    }

    static String environment(ConfigMap map) {
        Map<String, String> annotations = map.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ENVIRONMENT_ANNOTATION);
    }
}
