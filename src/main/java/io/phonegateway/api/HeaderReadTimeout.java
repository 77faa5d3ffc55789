package io.phonegateway.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import io.phonegateway.problem.ProblemCode;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;

/**
 * The header-read timeout Vert.x lacks (slowloris): one per connection, first in its pipeline (after TLS), so it
 * sees the bytes as they arrive.
 * <ul>
 * <li>HTTP/1.x: a request head must be complete {@code phone-gateway.request.header-timeout} after its first byte
 * (the first request's: after the connection opened). The clock stops when the routed request reaches the
 * {@link FrameworkRefusals} filter ({@link #requestArrived}) and starts again with the first byte after its response
 * ended. A head that stalls is answered a 408 problem and the connection closed; a connection that never sent a byte
 * is closed without an answer, as a browser's unused preconnect expects.</li>
 * <li>HTTP/2 (h2c by prior knowledge, h2 over TLS): each header block (HEADERS and its CONTINUATIONs) must be complete
 * that long after its first byte, read from the frames' own lengths; a stalled one closes the connection, as HTTP/2
 * cannot answer a stream whose headers never arrived. An idle HTTP/2 connection is the idle timeout's business.</li>
 * </ul>
 * Installed on every HTTP server connection by {@link HeaderTimeoutTransport}; timeouts counted in
 * {@code phone_gateway_http_refusals_total{reason="header_timeout"}}, never logged.
 */
final class HeaderReadTimeout extends ChannelDuplexHandler {

    static final String NAME = "phone-gateway-header-timeout";
    static final LongAdder TIMEOUTS = new LongAdder();
    /** This connection's clock, for {@link #requestArrived}: an attribute read, not a walk of the pipeline per request. */
    private static final AttributeKey<HeaderReadTimeout> CLOCK = AttributeKey.valueOf(NAME);

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int FRAME_HEADER = 9;
    private static final int HEADERS = 0x1;
    private static final int CONTINUATION = 0x9;
    private static final int END_HEADERS = 0x4;

    private enum State {
        /** Between requests: the next byte starts a head. */
        IDLE,
        /** A head is arriving (or, on a fresh connection, is awaited): the clock runs. */
        HEAD,
        /** The head arrived; until its response ends, bytes are its body (or pipelined requests). */
        REQUEST,
        /** HTTP/2 by prior knowledge or TLS: the clock runs per header block, read from the frames. */
        FRAMES,
        /**
         * Not followed any more: HTTP/2 after an {@code Upgrade: h2c} request (the frames' alignment is not known
         * here), or a response written to a request no filter saw.
         */
        UNTIMED
    }

    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private State state = State.HEAD;
    private boolean headBytes;
    private int prefaceMatched; // bytes of the HTTP/2 preface the connection began with; -1: it did not
    private ScheduledFuture<?> clock;

    // HTTP/2 frames: the 9-byte header of the frame being read, then how much of its payload is left
    private final byte[] frameHeader = new byte[FRAME_HEADER];
    private int frameHeaderRead;
    private int payloadLeft;
    private boolean inHeaderBlock;
    private boolean blockEndsWithPayload;

    HeaderReadTimeout(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    /** Called for every routed request, on its connection's event loop: its head has fully arrived. */
    static void requestArrived(RoutingContext rc) {
        HeaderReadTimeout timeout = rc.request().connection() instanceof ConnectionBase connection
                ? connection.channel().attr(CLOCK).get()
                : null;
        if (timeout == null) {
            return;
        }
        if (rc.request().version() == HttpVersion.HTTP_2) {
            timeout.http2Request();
        } else {
            timeout.headArrived();
            rc.addEndHandler(ended -> timeout.responseEnded());
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().attr(CLOCK).set(this);
        if (ctx.channel().isActive()) {
            startClock();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (clock == null && state == State.HEAD) {
            startClock();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        ctx.fireChannelRegistered();
        ChannelPipeline pipeline = ctx.pipeline();
        // Vert.x adds TLS behind this handler when it sets the connection up: read what TLS decrypted, not records
        List<String> names = pipeline.names();
        if (names.contains("ssl") && names.indexOf("ssl") > names.indexOf(NAME)) {
            pipeline.remove(this);
            pipeline.addAfter("ssl", NAME, new HeaderReadTimeout(Duration.ofNanos(timeoutNanos)));
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable()) {
            read(bytes);
        }
        ctx.fireChannelRead(msg);
    }

    /**
     * A response written while a head is awaited: the request reached no {@link #requestArrived} (a server without our
     * filters, or an answer Vert.x gives itself): it did arrive, and where its response ends is not known here.
     */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (state == State.HEAD && headBytes) {
            stopClock();
            state = State.UNTIMED;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stopClock();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopClock();
    }

    private void read(ByteBuf bytes) {
        switch (state) {
            case IDLE -> {
                state = State.HEAD;
                headBytes = true;
                startClock();
            }
            case HEAD -> {
                headBytes = true;
                int afterPreface = prefaceEnd(bytes);
                if (afterPreface >= 0) {
                    state = State.FRAMES; // an HTTP/2 connection that sends nothing more is merely idle
                    stopClock();
                    readFrames(bytes, afterPreface);
                }
            }
            case FRAMES -> readFrames(bytes, bytes.readerIndex());
            case REQUEST, UNTIMED -> {
                // a body, pipelined requests Vert.x holds until this response ends, or frames not followed
            }
        }
    }

    /** Where the HTTP/2 preface ends in these bytes, once the connection's first bytes are the whole preface; else -1. */
    private int prefaceEnd(ByteBuf bytes) {
        int index = bytes.readerIndex();
        while (prefaceMatched >= 0 && prefaceMatched < PREFACE.length && index < bytes.writerIndex()) {
            prefaceMatched = bytes.getByte(index++) == PREFACE[prefaceMatched] ? prefaceMatched + 1 : -1;
        }
        return prefaceMatched == PREFACE.length ? index : -1;
    }

    private void readFrames(ByteBuf bytes, int from) {
        int index = from;
        int end = bytes.writerIndex();
        while (index < end) {
            if (payloadLeft > 0) {
                int taken = Math.min(payloadLeft, end - index);
                payloadLeft -= taken;
                index += taken;
            } else {
                frameHeader[frameHeaderRead++] = bytes.getByte(index++);
                if (frameHeaderRead == FRAME_HEADER) {
                    frameHeaderRead = 0;
                    frameStarts();
                }
            }
            if (payloadLeft == 0 && frameHeaderRead == 0 && blockEndsWithPayload) {
                blockEndsWithPayload = false;
                inHeaderBlock = false;
                stopClock();
            }
        }
    }

    private void frameStarts() {
        payloadLeft = (frameHeader[0] & 0xff) << 16 | (frameHeader[1] & 0xff) << 8 | frameHeader[2] & 0xff;
        int type = frameHeader[3] & 0xff;
        if (type == HEADERS || type == CONTINUATION) {
            if (!inHeaderBlock) {
                inHeaderBlock = true;
                startClock();
            }
            blockEndsWithPayload = (frameHeader[4] & END_HEADERS) != 0;
        }
    }

    private void headArrived() {
        stopClock();
        state = State.REQUEST;
        headBytes = false;
    }

    private void responseEnded() {
        if (state == State.REQUEST) {
            state = State.IDLE;
        }
    }

    private void http2Request() {
        if (state != State.FRAMES) {
            stopClock();
            state = State.UNTIMED;
        }
    }

    private void startClock() {
        stopClock();
        clock = ctx.executor().schedule(this::expired, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void stopClock() {
        if (clock != null) {
            clock.cancel(false);
            clock = null;
        }
    }

    private void expired() {
        clock = null;
        boolean stalledHead = state == State.HEAD;
        if (!(stalledHead || state == State.FRAMES && inHeaderBlock) || !ctx.channel().isActive()) {
            return;
        }
        TIMEOUTS.increment();
        if (stalledHead && headBytes && prefaceMatched < 0) {
            ctx.writeAndFlush(answer()).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close(); // nothing sent yet, or HTTP/2: no request to answer
        }
    }

    /** The 408 problem, written as bytes: no request exists yet for Vert.x to answer. */
    private ByteBuf answer() {
        String requestId = RequestIdFilter.fresh();
        byte[] body = Json.encode(Problem.of(ProblemCode.REQUEST_TIMEOUT,
                "The request headers did not arrive within " + Duration.ofNanos(timeoutNanos).toSeconds() + " s",
                requestId)).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 408 Request Timeout\r\n"
                + "Content-Type: " + Problem.MEDIA_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + RequestIdFilter.HEADER + ": " + requestId + "\r\n"
                + "Connection: close\r\n\r\n";
        return Unpooled.wrappedBuffer(head.getBytes(StandardCharsets.US_ASCII), body);
    }
}
