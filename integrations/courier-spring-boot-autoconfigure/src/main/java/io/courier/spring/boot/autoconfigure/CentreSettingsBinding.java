package io.courier.spring.boot.autoconfigure;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * Puts the configuration centre's application settings in Spring's {@code Environment}, above every
 * other source (as Courier's own order and Spring Cloud Config do), and rebinds the JavaBean
 * {@code @ConfigurationProperties} beans when they change, in place of Spring Cloud's
 * {@code ConfigurationPropertiesRebinder}. Each bean is bound into a fresh instance first and copied
 * onto the live one only when that succeeds: a document that fails a bean's binding leaves the bean as
 * it was (one WARN). Constructor-bound beans (records, immutable classes) keep their start-up values.
 */
final class CentreSettingsBinding implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CentreSettingsBinding.class);

    private final ConfigurableEnvironment environment;
    private final ApplicationContext context;
    private final CentreSettingsSource source = new CentreSettingsSource();
    private boolean ready; // guarded by this

    CentreSettingsBinding(ConfigurableEnvironment environment, ApplicationContext context) {
        this.environment = environment;
        this.context = context;
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(SpringConfigSource.ATTACHED)) {
            sources.addAfter(SpringConfigSource.ATTACHED, source); // Boot's relaxed-name view stays first
        } else {
            sources.addFirst(source);
        }
    }

    /** Takes a document's settings section (Courier's settings host): first during start, then on each change. */
    synchronized void accept(Map<String, String> settings) {
        Set<String> changed = new HashSet<>(settings.keySet());
        changed.addAll(source.names());
        changed.removeIf(name -> Objects.equals(settings.get(name), source.getProperty(name)));
        source.replace(settings);
        if (ready) {
            rebind(changed);
        }
    }

    /** Beans bound before Courier started did not see the centre: bind them again now, once. */
    @Override
    public synchronized void afterSingletonsInstantiated() {
        ready = true;
        rebind(source.names());
    }

    /** Rebinds the beans under any of the {@code changed} names, and no other: Spring's own beans stay as bound. */
    private void rebind(Set<String> changed) {
        if (changed.isEmpty()) {
            return;
        }
        List<ConfigurationPropertyName> names = changed.stream()
                .map(name -> ConfigurationPropertyName.adapt(name, '.'))
                .toList();
        Binder binder = Binder.get(environment);
        for (ConfigurationPropertiesBean bean :
                ConfigurationPropertiesBean.getAll(context).values()) {
            ConfigurationPropertyName prefix =
                    ConfigurationPropertyName.of(bean.getAnnotation().prefix());
            if (bean.asBindTarget().getBindMethod() == BindMethod.JAVA_BEAN
                    && names.stream().anyMatch(name -> prefix.equals(name) || prefix.isAncestorOf(name))) {
                rebind(binder, bean);
            }
        }
    }

    private static void rebind(Binder binder, ConfigurationPropertiesBean bean) {
        Object live = bean.getInstance();
        String prefix = bean.getAnnotation().prefix();
        try {
            Object fresh = BeanUtils.instantiateClass(ClassUtils.getUserClass(live));
            binder.bind(prefix, Bindable.ofInstance(fresh));
            BeanUtils.copyProperties(fresh, live);
        } catch (RuntimeException e) {
            log.warn(
                    "Kept the @ConfigurationProperties bean '{}' ({}) as it was: the configuration centre's settings"
                            + " do not bind to it: {}",
                    bean.getName(),
                    prefix,
                    e.getMessage());
        }
    }
}
