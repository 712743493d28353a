package dev.scriptexecuter.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an endpoint that returns a {@code Response} answers when it works, for
 * the OpenAPI document (the others say it with their return type).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Answers {

    /** The success statuses, the usual one first. */
    int[] value();

    /** The body's type; {@code Void} for none. */
    Class<?> body() default Void.class;
}
