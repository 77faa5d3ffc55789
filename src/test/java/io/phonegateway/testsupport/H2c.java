package io.phonegateway.testsupport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;

/**
 * HTTP/2 over cleartext (h2c), as sidecars and HTTP/2 clients speak it: by prior knowledge or by {@code Upgrade: h2c}
 * from HTTP/1.1. One connection per instance, so that a test can show the connection still serves after a refusal.
 * A body is sent with a {@code Content-Length} or streamed without one, and may stop half way (no END_STREAM).
 */
public final class H2c implements AutoCloseable {

    public enum Mode {
        PRIOR_KNOWLEDGE,
        UPGRADE
    }

    /** One response, or {@code status} 0 and the RST_STREAM code when the server reset the stream instead. */
    public record Answer(int status, Map<String, String> headers, String body, long resetCode, HttpVersion version) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A request body: its chunks, whether a {@code Content-Length} announces {@code length}, whether it ends. */
    public record Body(List<byte[]> chunks, Long length, boolean ends) {
        public static Body none() {
            return new Body(List.of(), null, true);
        }

        public static Body withLength(byte[] body) {
            return new Body(List.of(body), (long) body.length, true);
        }

        public static Body streamed(byte[]... chunks) {
            return new Body(List.of(chunks), null, true);
        }
    }

    private static final Vertx VERTX = Vertx.vertx();

    private final HttpClient client;

    private H2c(HttpClient client) {
        this.client = client;
    }

    public static H2c connect(int port, Mode mode) {
        return new H2c(VERTX.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(mode == Mode.UPGRADE).setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setMaxPoolSize(1).setHttp2MaxPoolSize(1)));
    }

    public Answer exchange(String method, String path, Map<String, String> headers, Body body, Duration timeout)
            throws Exception {
        return exchange(method, path, MultiMap.caseInsensitiveMultiMap().addAll(headers), body, timeout);
    }

    /** With {@code headers} that may repeat a name. */
    public Answer exchange(String method, String path, MultiMap headers, Body body, Duration timeout) throws Exception {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        client.request(new RequestOptions().setMethod(HttpMethod.valueOf(method)).setURI(path)).onSuccess(request -> {
            request.headers().addAll(headers);
            request.exceptionHandler(failure -> failed(done, failure));
            request.response().onSuccess(response -> response.body()
                    .onSuccess(content -> {
                        Map<String, String> names = new HashMap<>();
                        response.headers().forEach(h -> names.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
                        done.complete(new Answer(response.statusCode(), names, content.toString(), -1, response.version()));
                    })
                    .onFailure(failure -> failed(done, failure)))
                    .onFailure(failure -> failed(done, failure));
            send(request, body);
        }).onFailure(done::completeExceptionally);
        return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void send(HttpClientRequest request, Body body) {
        if (body.length() != null) {
            request.putHeader("Content-Length", Long.toString(body.length()));
        } else if (!body.chunks().isEmpty() || !body.ends()) {
            request.setChunked(true);
        }
        for (byte[] chunk : body.chunks()) {
            request.write(Buffer.buffer(chunk));
        }
        if (body.ends()) {
            request.end();
        } else if (body.chunks().isEmpty()) {
            request.sendHead();
        }
    }

    private static void failed(CompletableFuture<Answer> done, Throwable failure) {
        if (failure instanceof StreamResetException reset) {
            done.complete(new Answer(0, Map.of(), "", reset.getCode(), HttpVersion.HTTP_2));
        } else {
            done.completeExceptionally(failure);
        }
    }

    @Override
    public void close() {
        client.close().toCompletionStage().toCompletableFuture().join();
    }
}
