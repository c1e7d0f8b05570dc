package io.courier.spring.boot.autoconfigure.greeting;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/** Wraps the {@link GreetingProvider} bean in a class-based AOP proxy, as {@code @Transactional} would. */
public class ClassProxies implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof GreetingProvider)) {
            return bean;
        }
        ProxyFactory factory = new ProxyFactory(bean);
        factory.setProxyTargetClass(true);
        return factory.getProxy();
    }
}
