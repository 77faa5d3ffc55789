package io.phonegateway.wechat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** WeChat answers recorded under {@code src/test/resources/wechat/}. */
final class Fixtures {

    private Fixtures() {
    }

    static String wechat(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/wechat/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
