package dev.praxis.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares what an {@code @Tool}-annotated method can change, for approval policies.
 * Without it, a method tool counts as {@link SideEffect#EXTERNAL}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SideEffects {

    /** The side-effect class of the tool. */
    SideEffect value();
}
