package io.fupan.core.tenancy;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method in a JTA transaction, joining the caller's if there is one (like
 * {@code @Transactional(REQUIRED)}), and rolls back on any exception. Used instead of
 * {@code jakarta.transaction.Transactional}, whose Liberty implementation writes a diagnostic
 * incident file (FFDC) for every exception that crosses it: a refused request would cost a
 * file on disk, and a flood of bad requests could fill the disk.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InTransaction {}
