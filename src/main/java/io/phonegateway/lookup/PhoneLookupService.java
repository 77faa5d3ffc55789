package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.phone.PhoneNormalizer;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.token.AccessTokenProvider;
import io.phonegateway.wechat.Credential;
import io.phonegateway.wechat.PhoneInfo;
import io.phonegateway.wechat.WechatClient;
import io.smallrye.mutiny.Uni;

/**
 * One phone lookup, start to end: stored result of the code ({@link ResultCache}), else token, WeChat call with
 * its retries ({@link PhoneCallRetries}), one more round with a new token if WeChat rejects the token,
 * watermark check, normalization; all within {@code lookup.deadline}. Every failure leaves as a
 * {@link GatewayException}.
 */
@Singleton
public class PhoneLookupService {

    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final PhoneCallRetries retries;
    private final ResultCache results;
    private final PhoneNormalizer normalizer;
    private final Duration deadline;
    private final boolean severalApps;

    PhoneLookupService(AccessTokenProvider tokens, WechatClient wechat, PhoneCallRetries retries, ResultCache results,
            PhoneNormalizer normalizer, GatewayConfig config) {
        this.tokens = tokens;
        this.wechat = wechat;
        this.retries = retries;
        this.results = results;
        this.normalizer = normalizer;
        this.deadline = config.lookup().deadline();
        this.severalApps = config.apps().size() > 1;
    }

    /**
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, used in token mode cloudbase
     * @param trace filled with what happened on the way (retries, result cache)
     */
    public Uni<PhoneResult> lookup(WechatApp app, String code, String openid, Optional<String> callerCloudbaseToken,
            LookupTrace trace) {
        return results.getOrLookup(app, code, openid, trace, () -> exchange(app, code, openid, callerCloudbaseToken, trace))
                .ifNoItem().after(deadline).failWith(() -> WechatFailures.deadlinePassed("lookup", deadline))
                .onFailure().transform(failure -> WechatFailures.toProblem(failure, new WechatFailures.CodeBinding(
                        app.name(), app.appId(), openid != null && !openid.isBlank(), severalApps)));
    }

    /** Token, WeChat call with its retries, one more round with a new token if WeChat rejects the token. */
    private Uni<PhoneResult> exchange(WechatApp app, String code, String openid, Optional<String> callerCloudbaseToken,
            LookupTrace trace) {
        // a rejected token is rejected before WeChat looks at the code, so the code is still good for the second run
        return tokens.withCredential(app, callerCloudbaseToken, credential -> call(app, credential, code, openid, trace),
                () -> trace.retried(LookupTrace.PHONE_API, RetryReason.TOKEN_REJECTED))
                .map(info -> toResult(app, info));
    }

    private Uni<PhoneInfo> call(WechatApp app, Credential credential, String code, String openid, LookupTrace trace) {
        return retries.run(() -> wechat.getUserPhoneNumber(app, credential, code, openid), trace);
    }

    private PhoneResult toResult(WechatApp app, PhoneInfo info) {
        if (info.watermark() == null || !app.appId().equals(info.watermark().appId())) {
            throw GatewayException.of(ProblemCode.UPSTREAM_ERROR,
                    "WeChat's answer carries no watermark or the watermark of another app");
        }
        return new PhoneResult(normalizer.normalize(info.phoneNumber(), info.purePhoneNumber(), info.countryCode()),
                info.watermark().appId(), info.watermark().timestamp());
    }
}
