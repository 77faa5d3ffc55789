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
 * One phone lookup, start to end: token, WeChat call, one retry with a new token if WeChat rejects the
 * token, watermark check, normalization. Every failure leaves as a {@link GatewayException}.
 */
@ApplicationScoped
public class PhoneLookupService {

    private final AccessTokenProvider tokens;
    private final WechatClient wechat;
    private final PhoneNormalizer normalizer;
    private final Duration deadline;
    private final GatewayMetrics metrics;

    PhoneLookupService(AccessTokenProvider tokens, WechatClient wechat, PhoneNormalizer normalizer, GatewayConfig config,
            GatewayMetrics metrics) {
        this.metrics = metrics;
        this.tokens = tokens;
        this.wechat = wechat;
        this.normalizer = normalizer;
        this.deadline = config.lookup().deadline();
    }

    /**
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, used in token mode cloudbase
     * @param trace                filled with what happened on the way (retries, result cache)
     */
    public Uni<PhoneResult> lookup(WechatApp app, String code, String openid, Optional<String> callerCloudbaseToken,
            LookupTrace trace) {
        return tokens.credentialFor(app, callerCloudbaseToken)
                .chain(credential -> wechat.getUserPhoneNumber(credential, code, openid)
                        .onFailure(PhoneLookupService::isTokenRejected)
                        .recoverWithUni(rejected -> {
                            trace.retried();
                            metrics.retried(WechatApiName.GET_USER_PHONE_NUMBER.label(), GatewayMetrics.RETRY_TOKEN_REJECTED);
                            return retryWithNewToken(app, credential, code, openid, callerCloudbaseToken);
                        }))
                .map(info -> toResult(app, info))
                .ifNoItem().after(deadline).failWith(() -> new GatewayException(ProblemCode.UPSTREAM_TIMEOUT,
                        "The lookup's deadline of " + deadline.toMillis() + " ms passed"))
                .onFailure().transform(WechatFailures::toProblem);
    }

    /** The token was rejected before WeChat looked at the code, so the code is still good: once more, never a loop. */
    private Uni<PhoneInfo> retryWithNewToken(WechatApp app, Credential rejected, String code, String openid,
            Optional<String> callerCloudbaseToken) {
        return tokens.replacementFor(app, rejected, callerCloudbaseToken)
                .chain(credential -> wechat.getUserPhoneNumber(credential, code, openid));
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
