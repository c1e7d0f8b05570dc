package io.courier.bootstrap.internal.export;

import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.refer.ReferenceFields;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/** What start-up will export, worked out and checked before anything is opened. */
public final class ExportPlan {

    private ExportPlan() {}

    /**
     * Every service to export, resolved and validated before anything starts: scanned classes are
     * instantiated, interfaces determined, keys checked for duplicates and {@code @Reference} fields
     * checked. {@code added} are the implementations given to the builder, in order.
     */
    public static List<ExportDefinition> resolve(
            List<PendingExport> added, Settings settings, CourierOptions options, ClassLoader classLoader) {
        List<ExportDefinition> definitions = new ArrayList<>();
        for (Class<?> type : ExportScanner.scan(options.scanPackages(), classLoader)) {
            definitions.add(ExportDefinition.of(instantiate(type), null, settings));
        }
        for (PendingExport pending : added) {
            definitions.add(ExportDefinition.of(pending.implementation(), pending.options(), settings));
        }
        ExportDefinition.checkUnique(definitions);
        for (ExportDefinition definition : definitions) {
            ReferenceFields.of(definition.implementation().getClass());
        }
        return definitions;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ConfigurationException(
                    "@Export on " + type.getName() + ": no constructor without arguments (expected: one, so that"
                            + " scanning can create the service; or export an instance with export(object))");
        } catch (InvocationTargetException e) {
            throw new ConfigurationException("@Export on " + type.getName() + ": its constructor threw " + e.getCause()
                    + " (expected: a constructor that succeeds)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigurationException("@Export on " + type.getName() + ": cannot be created: " + e
                    + " (expected: an accessible class with a constructor without arguments)");
        }
    }
}
