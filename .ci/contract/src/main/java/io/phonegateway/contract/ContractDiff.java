package io.phonegateway.contract;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.compare.OpenApiDiffOptions;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.model.ChangedOperation;
import org.openapitools.openapidiff.core.model.Endpoint;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/** What changed from one OpenAPI document to the next, as openapi-diff judges it for the callers of the old one. */
public final class ContractDiff {

    /**
     * openapi-diff's rules, with one exception: a new value of a response enum is not a break. The enum that grows is
     * the problem {@code code}, and callers must take an unknown code as its status says (the Java client raises
     * {@code UnknownProblemException}), so a new problem, e.g. one of a new operation, is an addition.
     */
    private static final OpenApiDiffOptions RULES = OpenApiDiffOptions.builder()
            .configProperty("incompatible.response.enum.increased", "false")
            .build();

    private final ChangedOpenApi diff;

    private ContractDiff(ChangedOpenApi diff) {
        this.diff = diff;
    }

    public static ContractDiff between(String oldDocument, String newDocument) {
        return new ContractDiff(OpenApiCompare.fromContents(OpenApi30View.of(oldDocument), OpenApi30View.of(newDocument),
                null, RULES));
    }

    /** True when a caller written against the old document may fail against the new one. */
    public boolean breaking() {
        return diff.isIncompatible();
    }

    public boolean different() {
        return diff.isDifferent();
    }

    /** The operations a caller of the old document loses or must change for, as {@code "POST /phone"}. */
    public List<String> brokenOperations() {
        List<String> broken = new ArrayList<>();
        for (Endpoint missing : diff.getMissingEndpoints()) {
            broken.add(missing.getMethod() + " " + missing.getPathUrl());
        }
        for (ChangedOperation changed : diff.getChangedOperations()) {
            if (changed.isIncompatible()) {
                broken.add(changed.getHttpMethod() + " " + changed.getPathUrl());
            }
        }
        return broken;
    }

    /** openapi-diff's own Markdown report: every new, missing and changed operation, field by field. */
    public String report() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputStreamWriter writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        new MarkdownRender().render(diff, writer);
        return out.toString(StandardCharsets.UTF_8);
    }
}
