package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.WechatApp;
import io.phonegateway.observability.GatewayMetrics;
import io.phonegateway.phone.PhoneNormalizer;
import io.phonegateway.token.AccessTokenProvider;
import io.phonegateway.wechat.Credential;
import io.phonegateway.wechat.ErrorKind;
import io.phonegateway.wechat.PhoneInfo;
import io.phonegateway.wechat.WechatApiName;
import io.phonegateway.wechat.WechatClient;
import io.phonegateway.wechat.WechatException;
import io.smallrye.mutiny.Uni;

/**
 * One phone lookup, start to end: stored result of the code ({@link ResultCache}), else token, WeChat call with
 * its retries ({@link PhoneCallRetries}), one more round with a new token if WeChat rejects the token,
 * watermark check, normalization; all within {@code lookup.deadline}. Every failure leaves as a
 * {@link GatewayException}.
 */
@ApplicationScoped
public class PhoneLookupService {

    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final PhoneCallRetries retries;
    private final ResultCache results;
    private final PhoneNormalizer normalizer;
    private final Duration deadline;
    private final GatewayMetrics metrics;

    PhoneLookupService(AccessTokenProvider tokens, WechatClient wechat, PhoneCallRetries retries, ResultCache results,
            PhoneNormalizer normalizer, GatewayConfig config, GatewayMetrics metrics) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.wechat = wechat;
        this.retries = retries;
        this.results = results;
        this.normalizer = normalizer;
        this.deadline = config.lookup().deadline();
    }

    /**
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, used in token mode cloudbase
     * @param trace                filled with what happened on the way (retries, result cache)
     */
    public Uni<PhoneResult> lookup(WechatApp app, String code, String openid, Optional<String> callerCloudbaseToken,
            LookupTrace trace) {
        return results.getOrLookup(app, code, openid, trace, () -> exchange(app, code, openid, callerCloudbaseToken, trace))
                .ifNoItem().after(deadline).failWith(() -> new GatewayException(ProblemCode.UPSTREAM_TIMEOUT,
                        "The lookup's deadline of " + deadline.toMillis() + " ms passed"))
                .onFailure().transform(WechatFailures::toProblem);
    }

    /** Token, WeChat call with its retries, one more round with a new token if WeChat rejects the token. */
    private Uni<PhoneResult> exchange(WechatApp app, String code, String openid, Optional<String> callerCloudbaseToken,
            LookupTrace trace) {
        return tokens.credentialFor(app, callerCloudbaseToken)
                .chain(credential -> call(credential, code, openid, trace)
                        .onFailure(PhoneLookupService::isTokenRejected).recoverWithUni(rejected -> {
                            // rejected before WeChat looked at the code, so the code is still good: once more, never a loop
                            trace.retried();
                            metrics.retried(WechatApiName.GET_USER_PHONE_NUMBER.label(), GatewayMetrics.RETRY_TOKEN_REJECTED);
                            return tokens.replacementFor(app, credential, callerCloudbaseToken)
                                    .chain(replacement -> call(replacement, code, openid, trace));
                        }))
                .map(info -> toResult(app, info));
    }

    private Uni<PhoneInfo> call(Credential credential, String code, String openid, LookupTrace trace) {
        return retries.run(() -> wechat.getUserPhoneNumber(credential, code, openid), trace);
    }

    private PhoneResult toResult(WechatApp app, PhoneInfo info) {
        if (info.watermark() == null || !app.appId().equals(info.watermark().appId())) {
            throw new GatewayException(ProblemCode.UPSTREAM_ERROR,
                    "WeChat's answer carries no watermark or the watermark of another app");
        }
        return new PhoneResult(normalizer.normalize(info), info.watermark());
    }

    private static boolean isTokenRejected(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.TOKEN_REJECTED;
    }
}
