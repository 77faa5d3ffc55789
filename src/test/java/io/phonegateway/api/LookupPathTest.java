package io.phonegateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical form of a normalized path, with and without the no-copy shortcut for paths already in it. */
class LookupPathTest {

    @ParameterizedTest
    @CsvSource({ "/phone,/phone", "/,/", "'',/", "phone,/phone", "/phone/,/phone", "/phone;x=1,/phone", "//phone,/phone",
            "/a//b,/a/b", "/phone;a;b=c//,/phone", "/login/,/login", "/usage,/usage", "/q/health/ready,/q/health/ready",
            "/phone/;a/,/phone", ";x/phone,/phone" })
    void canonicalDropsMatrixParametersAndEmptySegments(String normalized, String canonical) {
        assertThat(LookupPath.canonical(normalized)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({ "/phone", "/login", "/usage", "/" })
    void aPathAlreadyCanonicalIsReturnedAsIs(String path) {
        assertThat(LookupPath.canonical(path)).isSameAs(path);
    }
}
