package io.phonegateway.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Types Jackson serializes that Quarkus cannot find by itself for the native image: Quarkus REST registers the
 * declared return types of resource methods, not the entities of a {@code Response} built by an exception mapper
 * or a filter. And the Vert.x service provider the service loader instantiates (its {@code META-INF/services} file
 * is a native resource, see {@code quarkus.native.resources.includes}), as Quarkus does for an extension's.
 */
@RegisterForReflection(targets = { Problem.class, HeaderTimeoutInstaller.class })
final class NativeReflection {

    private NativeReflection() {
    }
}
