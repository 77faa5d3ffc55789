package io.phonegateway.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The one configuration tree of phone-gateway ({@code phone-gateway.*}). Every key can be set by an
 * environment variable ({@code PHONE_GATEWAY_...}); see README "Configuration". Startup checks that need
 * more than a type (an app without a secret, an unknown default app) live in {@link ConfigValidator}.
 */
@ConfigMapping(prefix = "phone-gateway")
public interface GatewayConfig {

    /** The mini-programs this gateway serves, by a name of your choice: {@code phone-gateway.apps.<name>.*}. */
    Map<String, App> apps();

    /** The app name used when a request carries no {@code appId}; defaults to the only app when there is one. */
    Optional<String> defaultApp();

    Token token();

    Auth auth();

    Simulator simulator();

    Lookup lookup();

    ResultCache resultCache();

    PaidQuota paidQuota();

    RateLimit rateLimit();

    Request request();

    Login login();

    Ledger ledger();

    interface App {
        /**
         * The mini-program's appid, e.g. {@code wx4f4bc4dec97d474b}: {@code wx} and 16 hex digits (checked by
         * {@link ConfigValidator}: a constraint annotation here would make Quarkus build a bean validator for the
         * configuration at every start, 0.3 s of CPU).
         */
        String appId();

        /** Its AppSecret; needed by the {@code stable} and {@code classic} token modes. Never logged. */
        Optional<String> appSecret();

        /**
         * The component ({@code quick} or {@code realtime}) the app's phone codes come from when a request does not say:
         * it sets the price the ledger counts them at.
         */
        @WithDefault("quick")
        PhoneComponent defaultComponent();
    }

    interface Token {
        /** Where access tokens come from: {@code stable}, {@code classic}, {@code cloud} or {@code cloudbase}. */
        @WithDefault("stable")
        TokenMode mode();

        /** Where tokens are kept: {@code redis} (shared by all replicas) or {@code local} (this process only). */
        @WithDefault("redis")
        StoreKind store();

        /** A token is refreshed this long before WeChat's expiry, so no lookup ever uses a dying token. */
        @WithDefault("300s")
        Duration expiryMargin();

        /** How long a lookup may wait for a token fetch (its own or another replica's) before giving up with 503. */
        @WithDefault("5s")
        Duration fetchTimeout();

        /** After WeChat refuses a token fetch (credentials, IP, quota), no new fetch for this app before this long. */
        @WithDefault("30s")
        Duration fetchCooldown();

        /** Lease of the fleet-wide refresh lock in Redis: longer than any fetch can take. */
        @WithDefault("10s")
        Duration lockLease();

        /** How often a replica that lost the refresh race looks for the winner's token. */
        @WithDefault("50ms")
        Duration pollInterval();

        /** How long a replica uses the token it read from Redis before it reads again. */
        @WithDefault("10s")
        Duration nearCacheTtl();

        /**
         * Every {@code near-cache-ttl}, bring the token of each app this replica has served up to date as a lookup
         * would (refreshing ahead when due), so an idle replica's token gauges and readiness describe a live token.
         */
        @WithDefault("true")
        boolean keepHeldFresh();

        /** Longest wait for one Redis command; past it Redis counts as down for this lookup. */
        @WithDefault("500ms")
        Duration redisTimeout();

        /** With Redis down (stable mode), fetches of one replica are at least this far apart. */
        @WithDefault("5s")
        Duration directFetchInterval();

        /** Forced stable-token refreshes per app and day, fleet-wide (WeChat allows 20). */
        @WithDefault("20")
        int forceRefreshDailyLimit();

        /** Least time between two forced refreshes of one app (WeChat ignores them closer than 30 s). */
        @WithDefault("30s")
        Duration forceRefreshSpacing();

        /** Token mode {@code cloudbase}: the file WeChat Cloud Hosting keeps the cloudbase_access_token in. */
        @WithDefault("/.tencentcloudbase/wx/cloudbase_access_token")
        Path cloudbaseTokenFile();
    }

    interface Auth {
        /** Require {@code Authorization: Bearer <key>} on {@code POST /phone}. */
        @WithDefault("true")
        boolean enabled();

        /**
         * API keys by calling service: {@code phone-gateway.auth.api-keys.<client>=<key>[,<key>...]}. Several keys per
         * client allow rotation: add the new key, move the client over, remove the old key. Never logged.
         */
        Map<String, List<String>> apiKeys();

        /**
         * Failed authentications (a missing or wrong key) each client address may make, shared by every replica like
         * the caller limits ({@code phone-gateway.rate-limit.store}); past them the address gets 429 with
         * {@code Retry-After} instead of 401. A request with a right key is never held to it.
         */
        FailureLimit failureLimit();

        /**
         * What each client may do, by the client name of {@code api-keys.<client>} ({@code anonymous} while
         * authentication is off): the apps it may use, whether it may read {@code GET /usage}, and how much of a phone
         * number it sees. A client without an entry may use every app, sees full numbers and is no admin.
         */
        Map<String, Scope> scopes();

        /**
         * The secret pepper of {@code phone-output=hashed}: {@code phoneHash} is HMAC-SHA256 under it over the E.164
         * number, the same for every app. Required once a client is hashed; never logged. Changing it changes every hash.
         */
        Optional<String> phoneHashPepper();
    }

    /** One client's scope ({@code phone-gateway.auth.scopes.<client>.*}). */
    interface Scope {
        /** The app names ({@code phone-gateway.apps.<name>}) the client may use; all apps when not set. */
        Optional<Set<String>> apps();

        /** May read {@code GET /usage} (every app's ledger it may use). */
        @WithDefault("false")
        boolean admin();

        /** {@code full}, {@code masked} or {@code hashed} (see {@link PhoneOutput}). */
        @WithDefault("full")
        PhoneOutput phoneOutput();
    }

    interface FailureLimit {
        @WithDefault("true")
        boolean enabled();

        /** Failed authentications per {@code period} and address, on average. */
        @WithDefault("20")
        int requests();

        @WithDefault("1m")
        Duration period();

        /** Failed authentications an address may make at once after a quiet time. */
        @WithDefault("20")
        int burst();
    }

    interface Simulator {
        /** Serve the built-in WeChat simulator under {@code /simulator} (dev, tests, demos; never in production). */
        @WithDefault("false")
        boolean enabled();

        /** How long a simulated phone code stays valid (WeChat: 5 minutes). */
        @WithDefault("5m")
        Duration codeLifetime();

        /** {@code expires_in} of simulated access tokens (WeChat: 7200 s). */
        @WithDefault("7200s")
        Duration tokenLifetime();

        /** How long a replaced classic token keeps working (WeChat: 5 minutes). */
        @WithDefault("5m")
        Duration tokenOverlap();
    }

    interface Lookup {
        /** Overall deadline of one lookup, token, retries and WeChat calls included (then 504 UPSTREAM_TIMEOUT). */
        @WithDefault("5s")
        Duration deadline();

        /**
         * Calls to WeChat this replica keeps open at once; also the REST client's connection pool size. Enough for
         * the replica's rate times WeChat's slowest usual answer (200/s x 1 s).
         */
        @WithDefault("200")
        int wechatConnections();

        /**
         * Longest a WeChat call waits for a free connection when all are busy; then it fails unsent (safe to retry,
         * the code is not spent) instead of spending the lookup's deadline in a queue.
         */
        @WithDefault("1s")
        Duration connectionWait();

        /** Retries of WeChat's "busy" (-1) and of calls that never reached WeChat. */
        Retry retry();

        /** The circuit breakers on the phone call and on the token endpoints. */
        Breaker breaker();
    }

    interface Retry {
        /** Retries after the first attempt; each waits longer (exponential backoff with jitter). */
        @WithDefault("3")
        int maxRetries();

        /** Wait before the first retry; doubled for each next one. */
        @WithDefault("100ms")
        Duration initialBackoff();

        /** Longest wait between two attempts. */
        @WithDefault("1s")
        Duration maxBackoff();

        /**
         * Every wait moves by a random amount of up to plus or minus {@code initial-backoff} times this (0 to 1), so
         * replicas do not retry in lockstep; the same spread on every wait, as SmallRye Fault Tolerance applies it.
         */
        @WithDefault("0.5")
        double jitter();
    }

    interface Breaker {
        /** Calls in the rolling window the failure ratio is measured on. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of upstream failures in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker answers 503 at once before letting trial calls through. */
        @WithDefault("10s")
        Duration delay();

        /** Successful trial calls that close a half-open breaker. */
        @WithDefault("2")
        int successThreshold();
    }

    /** The optional poller of WeChat's paid quota for the phone-number component (README "Observability"). */
    interface PaidQuota {
        /** Poll {@code /wxa/charge/usage/get} for every app and expose total, used and remaining as gauges. */
        @WithDefault("false")
        boolean enabled();

        /** Time between two polls; the first comes one minute after start (startup itself never calls WeChat). */
        @WithDefault("10m")
        Duration interval();

        /**
         * The spuId of the quick phone-number component's resource packs (reported as 10000077 by the community, not
         * by WeChat's documentation; see your WeChat console).
         */
        @WithDefault("10000077")
        String spuId();

        /**
         * The spuId of the real-time phone-number component's resource packs. WeChat publishes none and we found no
         * report we could trust, so it is polled only once set (read yours in the WeChat console).
         */
        Optional<String> realtimeSpuId();
    }

    /** The paid-lookup ledger (README "Cost and privacy"). */
    interface Ledger {
        /** Days a China day's counts are kept in Redis. */
        @WithDefault("400")
        int retentionDays();

        /** Estimated price in CNY of one number from the quick component. */
        @WithDefault("0.03")
        BigDecimal quickPrice();

        /** Estimated price in CNY of one number from the real-time component. */
        @WithDefault("0.04")
        BigDecimal realtimePrice();

        /** Counts that could not be written (Redis down) are tried again this often; nothing is lost meanwhile. */
        @WithDefault("5s")
        Duration retryInterval();

        /** Longest wait for one Redis command of the ledger. */
        @WithDefault("1s")
        Duration redisTimeout();

        /**
         * How long a count waits for others to share its Redis write: at any rate at most one write per app and day
         * per interval (about 10 a second at 100 ms, instead of up to one per lookup). Another replica's
         * {@code /usage} sees a count up to this late; the replica that counted it writes it before it reads.
         */
        @WithDefault("100ms")
        Duration flushInterval();
    }

    interface ResultCache {
        /**
         * Base64 of a 32-byte AES key that encrypts stored results (AES-256-GCM; {@code openssl rand -base64 32}).
         * Required outside dev/test; every replica must have the same key. Never logged.
         */
        Optional<String> key();

        /** How long a successful result is kept for its code (a code lives 5 minutes). */
        @WithDefault("5m")
        Duration ttl();

        /** Longest wait for an identical request in flight elsewhere to store its result. */
        @WithDefault("3s")
        Duration lockLease();
    }

    /**
     * Per-caller limits on {@code POST /phone}, counted after authentication and before any WeChat call. A caller
     * gets {@code requests} per {@code period} on average, and up to {@code burst} at once after a quiet time.
     * Callers without an entry under {@code callers.<client>} get these defaults; an entry may set any of the three.
     */
    interface RateLimit {
        /** Apply the limits (answering 429 RATE_LIMITED with {@code Retry-After}). */
        @WithDefault("true")
        boolean enabled();

        /**
         * {@code redis}: one count per caller shared by every replica; {@code local}: each replica counts alone.
         * With Redis down or slow, each replica counts alone until Redis answers again.
         */
        @WithDefault("redis")
        StoreKind store();

        /** Requests a caller may make per {@code period}, on average. */
        @WithDefault("600")
        int requests();

        @WithDefault("1m")
        Duration period();

        /** Requests a caller may make at once after a quiet time. */
        @WithDefault("60")
        int burst();

        /** Limits of single callers, by the client name of {@code phone-gateway.auth.api-keys.<client>}. */
        Map<String, CallerLimit> callers();

        /** Longest wait for Redis on one request; past it this replica counts alone. */
        @WithDefault("500ms")
        Duration redisTimeout();

        /** After Redis failed, how long this replica counts alone before it asks Redis again. */
        @WithDefault("5s")
        Duration redisRetryInterval();

        /**
         * Most permits this replica takes from a caller's fleet-wide count in one Redis round trip, to serve the caller's
         * next requests without one; sized by the caller's rate here, and never more than an eighth of what the caller's
         * bucket holds. 1: one round trip per request. The fleet may admit up to {@code replicas x lease} requests of a
         * caller beyond its limit (permits taken earlier, spent later); none once the caller is near its limit.
         */
        @WithDefault("50")
        int lease();

        /** Permits of a lease not spent within this time are dropped (and were counted). */
        @WithDefault("1s")
        Duration leaseLifetime();
    }

    /** One caller's limit; what it leaves out comes from {@code phone-gateway.rate-limit.*}. */
    interface CallerLimit {
        OptionalInt requests();

        Optional<Duration> period();

        OptionalInt burst();
    }

    interface Request {
        /**
         * A {@code POST /phone} whose body has not fully arrived this long after its headers is answered 408 and its
         * connection closed: a client that sends half a body and stalls holds nothing for long.
         */
        @WithDefault("10s")
        Duration bodyTimeout();

        /**
         * A request head (request line and headers) not complete this long after its first byte, or after its
         * connection opened, is answered 408 and its connection closed; on HTTP/2 a header block (HEADERS and its
         * CONTINUATIONs) not complete this long after its first byte closes the connection. A client that trickles
         * its headers a byte at a time holds a connection for this long, not for the idle timeout.
         */
        @WithDefault("10s")
        Duration headerTimeout();
    }

    interface Login {
        /**
         * Errcodes of getuserphonenumber that, on the phone part of a {@code POST /login}, mean "this phone code is not
         * the logged-in user's" (422 PHONE_CODE_NOT_OF_USER). WeChat does not document its answer; 40003 ("invalid
         * openid") is an inference (docs/wechat.md). Set it to what WeChat is seen to answer; other errcodes stay 502.
         */
        @WithDefault("40003")
        Set<Integer> foreignPhoneCodeErrcodes();
    }
}
