package io.courier.console;

import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import io.courier.config.ConfigCentre;
import io.courier.config.ConfigScope;
import io.courier.config.ConfigVersion;
import io.courier.config.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application's document as the console shows it: the text in force (secret values hidden), and
 * the keys the application declares, each with its type, range, default, meaning and value in force
 * (hidden when secret). Edits go through the centre's write, which checks them against the same
 * declarations.
 */
final class SettingsView {

    private SettingsView() {}

    static Map<String, Object> of(ConfigCentre centre, ConfigScope scope, String environment) {
        Optional<ConfigVersion> current = centre.current(scope);
        String text = current.map(ConfigVersion::text).orElse("");
        Map<String, String> values = Map.of();
        String defect = null;
        try {
            values = centre.settings(scope, text);
        } catch (InvalidConfigException e) {
            defect = e.problem(); // the applications keep their last good document; the page shows why
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        Optional<KeyDeclarations> declared = centre.declarations(scope);
        for (KeyDeclaration key : declared.map(KeyDeclarations::declarations).orElse(List.of())) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", key.name());
            row.put("type", key.type());
            row.put("expectation", key.expectation());
            row.put("default", key.defaultText());
            row.put("meaning", key.meaning());
            row.put("secret", key.secret());
            row.put("value", values.get(key.name()));
            keys.add(row);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", scope.toString());
        view.put("document", centre.masked(scope, text));
        view.put("version", current.map(ConfigVersion::number).orElse(0L));
        view.put("defect", defect);
        view.put("environment", environment);
        view.put("declared", declared.isPresent());
        view.put("keys", keys);
        return view;
    }
}
