package io.phonegateway.token;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Token mode {@code cloudbase}: WeChat Cloud Hosting writes a {@code cloudbase_access_token} (valid 30 min) to a
 * file and re-pushes it every 10 min. The file is read again when its modification time changes (looked at
 * most every {@value #CHECK_SECONDS} s) and whenever WeChat rejects the token; reads run off the event loop.
 */
@ApplicationScoped
class CloudbaseTokenFile {

    static final long CHECK_SECONDS = 5;

    private record Read(String token, FileTime modified, Instant checkedAt) {
    }

    private final Path file;
    private final AtomicReference<Read> last = new AtomicReference<>();

    CloudbaseTokenFile(GatewayConfig config) {
        this.file = config.token().cloudbaseTokenFile();
    }

    /** The token in the file; {@code reread} after a rejection, to pick up a token pushed since. */
    Uni<String> current(boolean reread) {
        Read held = last.get();
        if (!reread && held != null && held.checkedAt().plusSeconds(CHECK_SECONDS).isAfter(Instant.now())) {
            return Uni.createFrom().item(held.token());
        }
        return Uni.createFrom().item(this::read).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private String read() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Read held = last.get();
            String token = held != null && held.modified().equals(modified) ? held.token()
                    : Files.readString(file, StandardCharsets.UTF_8).trim();
            if (token.isEmpty()) {
                throw unavailable("is empty");
            }
            last.set(new Read(token, modified, Instant.now()));
            return token;
        } catch (IOException e) {
            throw unavailable("cannot be read");
        }
    }

    private GatewayException unavailable(String why) {
        return GatewayException.of(ProblemCode.UPSTREAM_UNAVAILABLE,
                "The cloudbase access token file " + why + "; is this running in WeChat Cloud Hosting?")
                .retryAfter(Duration.ofSeconds(30));
    }
}
