package io.courier.api.config;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The keys an application declares, as it publishes them to the registry's store ({@link
 * io.courier.api.store.DocumentStore#publishDeclarations}) and as the configuration centre's writers
 * read them back: the one place that decides whether a value of the application's {@code settings}
 * section may be written. A name the application does not declare is refused with the nearest
 * declared one; a value that fails its key's check is refused with the key's own message; the
 * built-in {@code logging.level.*} keys are the application's to check. An application whose host
 * framework owns the names it does not declare (Spring's {@code Environment}) publishes its
 * declarations as {@link #open()}: undeclared names are then the host's, and only declared keys are
 * checked. Immutable, thread-safe.
 *
 * <p>The published text is a {@link Properties} text ({@code 0.name=shop.discount-percent},
 * {@code 0.check=int:0:100}, ..., {@code open=false}), read with Java's own parser and a size cap.
 */
public final class KeyDeclarations {

    /** The largest published text, in characters. */
    public static final int MAX_CHARS = 256 * 1024;
    /** The built-in keys every application accepts: {@code logging.level.<logger>}. */
    public static final String LOGGING_PREFIX = "logging.level.";

    private static final String[] FIELDS = {"name", "type", "expectation", "default", "meaning", "secret", "check"};

    private static final String OPEN = "open";

    private final Map<String, KeyDeclaration> byName;
    private final boolean open;

    private KeyDeclarations(Map<String, KeyDeclaration> byName, boolean open) {
        this.byName = byName;
        this.open = open;
    }

    /**
     * The declarations {@code declarations}, by name.
     *
     * @param open whether names not declared are accepted (a host framework owns them)
     */
    public static KeyDeclarations of(Collection<KeyDeclaration> declarations, boolean open) {
        Map<String, KeyDeclaration> byName = new TreeMap<>();
        declarations.forEach(declaration -> byName.put(declaration.name(), declaration));
        return new KeyDeclarations(byName, open);
    }

    /** Whether names the application does not declare are accepted, as its host framework's. */
    public boolean open() {
        return open;
    }

    /** Every declaration, sorted by name. */
    public List<KeyDeclaration> declarations() {
        return List.copyOf(byName.values());
    }

    /** The declaration of {@code name}. */
    public Optional<KeyDeclaration> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * Why {@code text} may not be written under {@code name} in the application's {@code settings},
     * or empty if it may: {@code shop.discount-percnt: not a key the application declares; did you
     * mean shop.discount-percent?}, or the key's message, e.g. {@code shop.discount-percent: '150'
     * (expected: an integer 0 to 100) [document field settings.shop.discount-percent]}. A secret's
     * value is never in the message, and a secret shown as {@link KeyDeclaration#HIDDEN} is refused
     * (an edited copy of a masked document would otherwise overwrite the secret with the mask).
     */
    public Optional<String> problem(String name, String text) {
        if (name.startsWith(LOGGING_PREFIX)) {
            return Optional.empty();
        }
        KeyDeclaration declaration = byName.get(name);
        if (declaration == null) {
            if (open) {
                return Optional.empty();
            }
            return Optional.of(name + ": not a key the application declares (expected: one of "
                    + String.join(", ", byName.keySet()) + ")"
                    + ConfigKeyRegistry.didYouMean(ConfigKeyRegistry.nearest(name, byName.keySet())));
        }
        if (declaration.secret() && text.equals(KeyDeclaration.HIDDEN)) {
            return Optional.of(name + ": '" + KeyDeclaration.HIDDEN + "' (expected: the secret itself; a value shown"
                    + " hidden cannot be written back)");
        }
        try {
            declaration.key().ifPresent(key -> key.parse(text, name, "document field settings." + name));
            return Optional.empty();
        } catch (ConfigValueException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code text} as operators may see it under {@code name}: {@link KeyDeclaration#HIDDEN} for a secret. */
    public String shown(String name, String text) {
        KeyDeclaration declaration = byName.get(name);
        return declaration != null && declaration.secret() ? KeyDeclaration.HIDDEN : text;
    }

    /** The published text: a {@link Properties} text, one group of fields per key. */
    public String encode() {
        Properties properties = new Properties();
        properties.setProperty(OPEN, String.valueOf(open));
        int index = 0;
        for (KeyDeclaration declaration : byName.values()) {
            String[] values = {
                declaration.name(),
                declaration.type(),
                declaration.expectation(),
                declaration.defaultText(),
                declaration.meaning(),
                String.valueOf(declaration.secret()),
                declaration.check()
            };
            for (int i = 0; i < FIELDS.length; i++) {
                properties.setProperty(index + "." + FIELDS[i], values[i]);
            }
            index++;
        }
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        // the date comment Properties writes would make every start publish a different text
        return text.toString()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /**
     * The declarations of a published text.
     *
     * @throws IllegalArgumentException naming the first defect: over {@link #MAX_CHARS}, a missing
     *     field, a malformed check
     */
    public static KeyDeclarations decode(String text) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException(
                    "key declarations: " + text.length() + " characters (expected: at most " + MAX_CHARS + ")");
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalArgumentException("key declarations: " + e.getMessage(), e);
        }
        Map<String, KeyDeclaration> byName = new TreeMap<>();
        for (int index = 0; properties.containsKey(index + ".name"); index++) {
            String[] values = new String[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                values[i] = properties.getProperty(index + "." + FIELDS[i]);
                if (values[i] == null) {
                    throw new IllegalArgumentException("key declarations: " + index + "." + FIELDS[i]
                            + " missing (expected: every field of a key)");
                }
            }
            KeyDeclaration declaration = new KeyDeclaration(
                    values[0], values[1], values[2], values[3], values[4], Boolean.parseBoolean(values[5]), values[6]);
            byName.put(declaration.name(), declaration);
        }
        return new KeyDeclarations(byName, Boolean.parseBoolean(properties.getProperty(OPEN)));
    }
}
