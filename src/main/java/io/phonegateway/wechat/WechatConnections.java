package io.phonegateway.wechat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.phonegateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * The WeChat calls this replica has open at once, at most {@code lookup.wechat-connections} (the REST client's pool
 * is as large, so the pool itself never queues). A call beyond that waits for a free connection for at most
 * {@code lookup.connection-wait}, then fails unsent with {@link ConnectionsBusyException}, which is safe to retry:
 * a lookup never spends its whole deadline queued, and a queued code is never spent. Its meters:
 * {@code phone_gateway_wechat_connections_in_use} and {@code phone_gateway_wechat_connection_waits_total{outcome}}
 * ({@code got} a connection after waiting, or {@code gave_up}); the connections are shared by all apps, so neither
 * meter has an {@code app} label.
 */
@Singleton
public class WechatConnections {

    static final String IN_USE = "phone_gateway.wechat.connections.in.use";
    static final String WAITS = "phone_gateway.wechat.connection.waits";

    /**
     * One call waiting for a connection: granted then delivered, or given up, exactly once. A caller that goes away
     * between grant and delivery hands the connection on.
     */
    private static final class Waiter {
        private static final int WAITING = 0;
        private static final int GRANTED = 1;
        private static final int GAVE_UP = 2;
        /** Handed over; from here the call's own termination frees the connection. */
        private static final int DELIVERED = 3;

        final UniEmitter<? super Void> emitter;
        final AtomicInteger state = new AtomicInteger(WAITING);
        volatile ScheduledFuture<?> timer;

        Waiter(UniEmitter<? super Void> emitter) {
            this.emitter = emitter;
        }
    }

    private final int size;
    private final Duration maxWait;
    private final Deque<Waiter> waiting = new ArrayDeque<>();
    private int inUse;
    private final Counter waitedAndGot;
    private final Counter gaveUp;

    @Inject
    WechatConnections(GatewayConfig config, MeterRegistry registry) {
        this(config.lookup().wechatConnections(), config.lookup().connectionWait(), registry);
    }

    WechatConnections(int size, Duration maxWait, MeterRegistry registry) {
        this.size = size;
        this.maxWait = maxWait;
        Gauge.builder(IN_USE, this, WechatConnections::inUse)
                .description("Calls to WeChat this replica has open, at most phone-gateway.lookup.wechat-connections")
                .register(registry);
        this.waitedAndGot = waits(registry, "got");
        this.gaveUp = waits(registry, "gave_up");
    }

    private static Counter waits(MeterRegistry registry, String outcome) {
        return Counter.builder(WAITS).tag("outcome", outcome)
                .description("Calls to WeChat that found every connection busy: got one after waiting, or gave up"
                        + " unsent after phone-gateway.lookup.connection-wait")
                .register(registry);
    }

    /** Runs {@code call} on a free connection, waiting for one within {@code connection-wait}. */
    <T> Uni<T> run(WechatApiName api, Supplier<Uni<T>> call) {
        return acquire(api).chain(() -> Uni.createFrom().<T> deferred(call::get).onTermination().invoke(this::release));
    }

    synchronized int inUse() {
        return inUse;
    }

    private Uni<Void> acquire(WechatApiName api) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter;
            synchronized (this) {
                if (inUse < size) {
                    inUse++;
                    waiter = null;
                } else {
                    waiter = new Waiter(emitter);
                    waiting.addLast(waiter);
                }
            }
            if (waiter == null) {
                emitter.complete(null);
                return;
            }
            waiter.timer = Infrastructure.getDefaultWorkerPool().schedule(() -> {
                if (giveUp(waiter)) {
                    gaveUp.increment();
                    emitter.fail(new ConnectionsBusyException(api, size, maxWait));
                }
            }, maxWait.toMillis(), TimeUnit.MILLISECONDS);
            emitter.onTermination(() -> {
                // the caller went away while waiting, or right after it was granted a connection it will not use
                if (!giveUp(waiter) && waiter.state.compareAndSet(Waiter.GRANTED, Waiter.GAVE_UP)) {
                    release();
                }
            });
        });
    }

    /** True when the waiter was still waiting and now has given up; it no longer holds a place in the queue. */
    private boolean giveUp(Waiter waiter) {
        if (!waiter.state.compareAndSet(Waiter.WAITING, Waiter.GAVE_UP)) {
            return false;
        }
        synchronized (this) {
            waiting.remove(waiter);
        }
        return true;
    }

    /** Hands the connection to the first caller still waiting, else frees it. */
    private void release() {
        while (true) {
            Waiter next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    inUse--;
                    return;
                }
            }
            if (next.state.compareAndSet(Waiter.WAITING, Waiter.GRANTED)) {
                ScheduledFuture<?> timer = next.timer;
                if (timer != null) {
                    timer.cancel(false);
                }
                waitedAndGot.increment();
                if (next.state.compareAndSet(Waiter.GRANTED, Waiter.DELIVERED)) {
                    next.emitter.complete(null);
                }
                return;
            }
        }
    }
}
