package io.phonegateway.lookup;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.phonegateway.config.GatewayConfig;
import io.phonegateway.config.TokenMode;
import io.phonegateway.config.WechatApp;
import io.phonegateway.problem.GatewayException;
import io.phonegateway.problem.ProblemCode;
import io.phonegateway.wechat.LoginSession;
import io.phonegateway.wechat.WechatClient;
import io.smallrye.mutiny.Uni;

/**
 * One {@code POST /login}: the user behind a {@code wx.login} code, then, with a phone code, that user's number,
 * exchanged with the session's openid so WeChat checks the phone code is theirs. Each part is stored when it
 * succeeds ({@link ResultCache}), so a retry with the same codes spends neither again: when the phone part failed
 * in a retryable way, the retry reuses the stored session and repeats only the phone part.
 * <p>
 * Token modes {@code stable} and {@code classic} exchange the login code with the app's AppSecret. In
 * {@code cloud} and {@code cloudbase} the gateway may hold no AppSecret; Cloud Hosting names the calling user in
 * {@code X-WX-OPENID} / {@code X-WX-UNIONID}, and that identity stands in for the session.
 */
@ApplicationScoped
public class LoginService {

    /** The user Cloud Hosting named in a request's {@code X-WX-OPENID} / {@code X-WX-UNIONID} headers. */
    public record CloudIdentity(String openid, String unionid) {

        @Override
        public String toString() {
            return "CloudIdentity[]";
        }
    }

    private final WechatClient wechat;
    private final PhoneCallRetries retries;
    private final ResultCache results;
    private final PhoneLookupService phones;
    private final TokenMode mode;
    private final Duration deadline;
    private final Set<Integer> foreignPhoneCodeErrcodes;

    LoginService(WechatClient wechat, PhoneCallRetries retries, ResultCache results, PhoneLookupService phones,
            GatewayConfig config) {
        this.wechat = wechat;
        this.retries = retries;
        this.results = results;
        this.phones = phones;
        this.mode = config.token().mode();
        this.deadline = config.lookup().deadline();
        this.foreignPhoneCodeErrcodes = Set.copyOf(config.login().foreignPhoneCodeErrcodes());
    }

    /**
     * @param cloudIdentity Cloud Hosting's identity headers; used in token modes cloud and cloudbase only
     * @param callerCloudbaseToken the caller's {@code X-WX-CLOUDBASE-ACCESS-TOKEN}, for the phone part in cloudbase
     */
    public Uni<LoginResult> login(WechatApp app, String loginCode, Optional<String> phoneCode,
            Optional<CloudIdentity> cloudIdentity, Optional<String> callerCloudbaseToken, LookupTrace trace) {
        return session(app, loginCode, cloudIdentity, trace).chain(session -> phoneCode.isEmpty()
                ? Uni.createFrom().item(new LoginResult(session.openid(), session.unionid(), null))
                : phones.lookup(app, phoneCode.get(), session.openid(), callerCloudbaseToken, trace)
                        .map(phone -> new LoginResult(session.openid(), session.unionid(), phone))
                        .onFailure(GatewayException.class).transform(f -> ofThisUser((GatewayException) f)));
    }

    private Uni<LoginSession> session(WechatApp app, String loginCode, Optional<CloudIdentity> cloudIdentity,
            LookupTrace trace) {
        if (!mode.fetchesTokens()) {
            return cloudIdentity.map(id -> Uni.createFrom().item(new LoginSession(id.openid(), id.unionid())))
                    .orElseGet(() -> Uni.createFrom().failure(GatewayException.of(ProblemCode.INVALID_REQUEST,
                            "In token mode " + mode.name().toLowerCase(java.util.Locale.ROOT) + " POST /login takes the user"
                                    + " from Cloud Hosting's X-WX-OPENID header, and this request has none")));
        }
        String secret = app.secret().orElseThrow(() -> new IllegalStateException("token mode " + mode + " without AppSecret"));
        return results.getOrLogin(app, loginCode, trace,
                () -> retries.runLogin(() -> wechat.code2Session(app, secret, loginCode), trace))
                .ifNoItem().after(deadline).failWith(() -> WechatFailures.deadlinePassed("login", deadline))
                .onFailure().transform(WechatFailures::toProblem);
    }

    /** WeChat's (undocumented) answer for a phone code of another user, as far as it is known (docs/wechat.md). */
    private GatewayException ofThisUser(GatewayException failure) {
        if (failure.code() == ProblemCode.UPSTREAM_ERROR
                && failure.errcode().filter(foreignPhoneCodeErrcodes::contains).isPresent()) {
            return GatewayException.of(ProblemCode.PHONE_CODE_NOT_OF_USER,
                    "WeChat refused the phone code for the logged-in user: it belongs to someone else")
                    .wechatAnswer(failure.errcode().get(), failure.rid().orElse(null)).because(failure);
        }
        return failure;
    }
}
