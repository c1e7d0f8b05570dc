package io.courier.spring.boot.autoconfigure.events;

import java.util.concurrent.atomic.AtomicInteger;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot application with a publishing service and a subscribing bean; the subscriber is
 * wrapped in a class-based proxy with advice, as {@code @Transactional} would wrap it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({Checkout.class, Inventory.class})
public class EventsApplication {

    public static final String TOPIC = "spring-orders";
    public static final String GROUP = "spring-inventory";

    /** How many calls went through the subscriber's proxy. */
    public static final AtomicInteger ADVISED = new AtomicInteger();

    @Bean
    static BeanPostProcessor adviceAroundInventory() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof Inventory)) {
                    return bean;
                }
                ProxyFactory proxies = new ProxyFactory(bean);
                proxies.setProxyTargetClass(true);
                proxies.addAdvice((MethodInterceptor) invocation -> {
                    if (invocation.getMethod().getName().equals("on")) {
                        ADVISED.incrementAndGet();
                    }
                    return invocation.proceed();
                });
                return proxies.getProxy();
            }
        };
    }
}
