package io.phonegateway.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson serializes that Quarkus cannot find by itself for the native image: Quarkus REST registers the
 * declared return types of resource methods, not the entities of a {@code Response} built by an exception mapper
 * or a filter.
 */
@RegisterForReflection(targets = Problem.class)
final class NativeReflection {

    private NativeReflection() {
    }
}
