package io.nestcheck.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project.
 *
 * <p>Generated {@code Immutable*} implementations are package-private: callers build values through the public
 * {@code builder()} and {@code of(..)} factories of each abstract value type and copy them with the {@code with*}
 * methods of its generated {@code With*} interface. Values are created without Guava, reject {@code null} and
 * are Jackson-serializable through their builder.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    overshadowImplementation = true,
    jdkOnly = true,
    typeWith = "With*",
    optionalAcceptNullable = false,
    allParameters = false,
    defaults = @Value.Immutable(copy = true))
public @interface NestcheckStyle {}
