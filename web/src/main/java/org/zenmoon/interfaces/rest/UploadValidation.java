package org.zenmoon.interfaces.rest;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.lang.annotation.ElementType;
import java.util.Set;

/**
 * Bean Validation of an upload's body, by the annotations on {@link BatchUpload} like every request class, but
 * without asking JPA at each of a batch's some 20,000 properties whether it is loaded: the container's validator
 * does (the JPA traversable resolver, through EclipseLink), which was a sixth of an upload's CPU time
 * (docs/BENCHMARKS.md, "Ingestion throughput"). An upload is a plain object, never an entity, so everything in it is
 * reachable. Violations go to {@link ProblemMappers} as with {@code @Valid}: 400, every bad field named.
 */
@ApplicationScoped
public class UploadValidation {

    @Inject
    ValidatorFactory factory;

    private Validator validator;

    @PostConstruct
    void init() {
        validator = factory.usingContext().traversableResolver(new Reachable()).getValidator();
    }

    /** @throws ConstraintViolationException naming every bad field */
    public <T> T valid(T body) {
        Set<ConstraintViolation<T>> bad = validator.validate(body);
        if (!bad.isEmpty()) {
            throw new ConstraintViolationException(bad);
        }
        return body;
    }

    /** Every property of a request body is there to be checked. */
    static final class Reachable implements TraversableResolver {

        @Override
        public boolean isReachable(
                Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType type) {
            return true;
        }

        @Override
        public boolean isCascadable(
                Object bean, Path.Node property, Class<?> rootBeanType, Path pathToProperty, ElementType type) {
            return true;
        }
    }
}
