package io.phonegateway.api;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.ClientOptionsBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.transport.Transport;

/**
 * Vert.x' own transport, except that every connection a server accepts gets a {@link HeaderReadTimeout} first
 * in its pipeline. Vert.x 4.5 and Quarkus offer no hook into a server connection's pipeline before its first request
 * (HttpServerOptionsCustomizer sets options only); the transport's {@code configure} of a server bootstrap is the one
 * public place that sees every server, and a handler on the listening channel sees each accepted connection before
 * Vert.x sets it up.
 */
final class HeaderTimeoutTransport implements Transport {

    private final Transport vertx;
    private final ChannelHandler acceptedConnections;

    HeaderTimeoutTransport(Transport vertx, Duration timeout) {
        this.vertx = vertx;
        this.acceptedConnections = new AcceptedConnections(timeout);
    }

    @Override
    public void configure(NetServerOptions options, boolean domainSocket, ServerBootstrap bootstrap) {
        vertx.configure(options, domainSocket, bootstrap);
        bootstrap.handler(acceptedConnections); // the application's Vert.x serves HTTP only (no event bus, no TCP)
    }

    /** On a listening channel: each accepted connection, before Vert.x' initializer, gets its header clock. */
    @ChannelHandler.Sharable
    private static final class AcceptedConnections extends ChannelInboundHandlerAdapter {
        private final Duration timeout;

        AcceptedConnections(Duration timeout) {
            this.timeout = timeout;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Channel accepted) {
                accepted.pipeline().addLast(HeaderReadTimeout.NAME, new HeaderReadTimeout(timeout));
            }
            ctx.fireChannelRead(msg);
        }
    }

    // everything else is Vert.x' transport as it is

    @Override
    public boolean supportsDomainSockets() {
        return vertx.supportsDomainSockets();
    }

    @Override
    public boolean supportFileRegion() {
        return vertx.supportFileRegion();
    }

    @Override
    public boolean isAvailable() {
        return vertx.isAvailable();
    }

    @Override
    public Throwable unavailabilityCause() {
        return vertx.unavailabilityCause();
    }

    @Override
    public java.net.SocketAddress convert(SocketAddress address) {
        return vertx.convert(address);
    }

    @Override
    public SocketAddress convert(java.net.SocketAddress address) {
        return vertx.convert(address);
    }

    @Override
    public EventLoopGroup eventLoopGroup(int type, int threads, ThreadFactory threadFactory, int ioRatio) {
        return vertx.eventLoopGroup(type, threads, threadFactory, ioRatio);
    }

    @Override
    public DatagramChannel datagramChannel() {
        return vertx.datagramChannel();
    }

    @Override
    public DatagramChannel datagramChannel(InternetProtocolFamily family) {
        return vertx.datagramChannel(family);
    }

    @Override
    public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
        return vertx.channelFactory(domainSocket);
    }

    @Override
    public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
        return vertx.serverChannelFactory(domainSocket);
    }

    @Override
    public void configure(DatagramChannel channel, DatagramSocketOptions options) {
        vertx.configure(channel, options);
    }

    @Override
    public void configure(ClientOptionsBase options, boolean domainSocket, Bootstrap bootstrap) {
        vertx.configure(options, domainSocket, bootstrap);
    }
}
