package io.phonegateway.api;

import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.handlers.ClassRoutingHandler;
import org.jboss.resteasy.reactive.server.handlers.RestInitialHandler;
import org.jboss.resteasy.reactive.server.mapping.RequestMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRestHandler;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * The methods a path answers (RFC 9110 {@code Allow}), read from Quarkus REST's own routing table so that it cannot
 * drift from the resources: {@code HEAD} only where {@code GET} is (Quarkus REST answers HEAD with GET's method), and
 * {@code OPTIONS} everywhere. {@link ProblemMapper} puts it on every 405 (Quarkus REST sends none); Quarkus REST's own
 * answer to {@code OPTIONS}, which lists {@code HEAD} everywhere and every method of the resource class whatever the
 * path, is replaced by it here.
 */
@ApplicationScoped
class AllowedMethods {

    private static final int PRIORITY = 9_500;

    /** Built once, on the first 405: the class-level routing table Quarkus REST matches every request with. */
    private static volatile RequestMapper<RestInitialHandler.InitialMatch> classes;

    /** The {@code Allow} value for the path of the current Quarkus REST request. */
    static String ofCurrentRequest() {
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        Set<String> methods = new TreeSet<>();
        RequestMapper.RequestMatch<RestInitialHandler.InitialMatch> match = classes(request)
                .map(request.getPathWithoutPrefix());
        if (match != null) {
            String remaining = match.remaining.isEmpty() ? "/" : match.remaining;
            for (ServerRestHandler handler : match.value.handlers) {
                if (handler instanceof ClassRoutingHandler routing) {
                    routing.getMappers().forEach((method, mapper) -> {
                        if (method != null && mapper.map(remaining) != null) {
                            methods.add(method);
                        }
                    });
                }
            }
        }
        return header(methods);
    }

    /** {@code methods} with HEAD only where GET is, and OPTIONS, as one header value. */
    static String header(Set<String> methods) {
        Set<String> allowed = new TreeSet<>(methods);
        allowed.remove(HttpMethod.HEAD);
        if (allowed.contains(HttpMethod.GET)) {
            allowed.add(HttpMethod.HEAD);
        }
        allowed.add(HttpMethod.OPTIONS);
        return String.join(", ", allowed);
    }

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            if (rc.request().method() == io.vertx.core.http.HttpMethod.OPTIONS) {
                rc.addHeadersEndHandler(answering -> {
                    var headers = rc.response().headers();
                    if (headers.contains(HttpHeaders.ALLOW) && CurrentRequestManager.get() != null) {
                        headers.set(HttpHeaders.ALLOW, ofCurrentRequest());
                    } else if (headers.contains(HttpHeaders.ALLOW)) {
                        Set<String> listed = new TreeSet<>();
                        for (String value : headers.getAll(HttpHeaders.ALLOW)) {
                            for (String method : value.split(",")) {
                                listed.add(method.trim());
                            }
                        }
                        headers.set(HttpHeaders.ALLOW, header(listed));
                    }
                });
            }
            rc.next();
        }, PRIORITY);
    }

    private static RequestMapper<RestInitialHandler.InitialMatch> classes(ResteasyReactiveRequestContext request) {
        RequestMapper<RestInitialHandler.InitialMatch> mapper = classes;
        if (mapper == null) {
            mapper = new RequestMapper<>(new ArrayList<>(request.getDeployment().getClassMappers()));
            classes = mapper;
        }
        return mapper;
    }
}
