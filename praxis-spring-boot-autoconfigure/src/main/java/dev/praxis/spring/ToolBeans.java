package dev.praxis.spring;

import dev.praxis.tool.Tool;
import dev.praxis.tool.Tools;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds the application's tools among its beans: beans that are a Praxis {@link Tool}, and
 * beans whose class declares methods annotated with LangChain4j's {@code @Tool} (their
 * {@code @SideEffects} give each tool its side-effect class). Bean types are read without
 * creating beans; only tool beans are created.
 */
final class ToolBeans {

    private final ConfigurableListableBeanFactory beans;

    ToolBeans(ConfigurableListableBeanFactory beans) {
        this.beans = Objects.requireNonNull(beans, "beans");
    }

    /** The tools of every tool bean, in bean registration order. */
    List<Tool> tools() {
        List<Tool> tools = new ArrayList<>();
        for (String name : beans.getBeanDefinitionNames()) {
            if (isToolBean(name)) {
                tools.addAll(from(name, beans.getBean(name)));
            }
        }
        return List.copyOf(tools);
    }

    private boolean isToolBean(String name) {
        BeanDefinition definition = beans.getBeanDefinition(name);
        if (definition.isAbstract() || definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
            return false;
        }
        Class<?> type = beans.getType(name, false);
        if (type == null) {
            return false;
        }
        return Tool.class.isAssignableFrom(type) || hasToolMethods(ClassUtils.getUserClass(type));
    }

    static boolean hasToolMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).anyMatch(ToolBeans::isToolMethod);
    }

    private static boolean isToolMethod(Method method) {
        return method.isAnnotationPresent(dev.langchain4j.agent.tool.Tool.class);
    }

    private static List<Tool> from(String name, Object bean) {
        if (!(bean instanceof Tool) && AopUtils.isAopProxy(bean)) {
            throw new IllegalStateException("bean '" + name + "' has @Tool methods but is an AOP proxy ("
                    + bean.getClass().getName() + "); Praxis calls tool methods on the object itself:"
                    + " move the @Tool methods to a bean without advice (@Transactional, @Async, ...)");
        }
        return Tools.from(bean);
    }
}
