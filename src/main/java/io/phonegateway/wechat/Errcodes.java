package io.phonegateway.wechat;

import static io.phonegateway.wechat.ErrorKind.AUTH_FAILED;
import static io.phonegateway.wechat.ErrorKind.BUSY;
import static io.phonegateway.wechat.ErrorKind.INVALID_CODE;
import static io.phonegateway.wechat.ErrorKind.RATE_LIMITED;
import static io.phonegateway.wechat.ErrorKind.TOKEN_REJECTED;
import static io.phonegateway.wechat.ErrorKind.UNAVAILABLE;
import static io.phonegateway.wechat.ErrorKind.UPSTREAM_ERROR;
import static io.phonegateway.wechat.ErrorKind.USER_BLOCKED;
import static io.phonegateway.wechat.ErrorKind.USER_RATE_LIMITED;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errcode catalogue: what each WeChat errcode means for the gateway. Sources: the phone API's and
 * stable_token's error tables, the common error table, and Cloud Hosting's FAQ
 * (README "Errors"), and code2Session's error table (docs/wechat.md). Codes not listed are {@link ErrorKind#UPSTREAM_ERROR}.
 */
public final class Errcodes {

    private static final Map<Integer, ErrorKind> KINDS = Map.ofEntries(
            Map.entry(-1, BUSY), // system busy, try later
            Map.entry(40029, INVALID_CODE), // code does not exist, expired or used
            Map.entry(40001, TOKEN_REJECTED), // invalid credential / token not latest
            Map.entry(40014, TOKEN_REJECTED), // invalid access_token
            Map.entry(42001, TOKEN_REJECTED), // access_token expired
            Map.entry(41001, TOKEN_REJECTED), // access_token missing
            Map.entry(40013, AUTH_FAILED), // invalid appid
            Map.entry(40125, AUTH_FAILED), // invalid appsecret
            Map.entry(40164, AUTH_FAILED), // caller IP not in whitelist
            Map.entry(41002, AUTH_FAILED), // appid missing
            Map.entry(41004, AUTH_FAILED), // appsecret missing
            Map.entry(40243, AUTH_FAILED), // AppSecret frozen
            Map.entry(48001, AUTH_FAILED), // api unauthorized for this app
            Map.entry(89503, AUTH_FAILED), // IP needs the admin's confirmation
            Map.entry(89506, AUTH_FAILED), // IP refused by the admin (risk)
            Map.entry(89507, AUTH_FAILED), // IP refused by the admin (risk), retry later
            Map.entry(85107, AUTH_FAILED), // Cloud Hosting: API path not in the token whitelist
            Map.entry(45009, RATE_LIMITED), // daily quota reached
            Map.entry(45011, RATE_LIMITED), // minute quota reached
            Map.entry(85113, UNAVAILABLE), // Cloud Hosting: cloudbase token not ready yet
            Map.entry(47001, UPSTREAM_ERROR), // data format error: our request was malformed
            Map.entry(40002, UPSTREAM_ERROR), // invalid grant_type
            Map.entry(43002, UPSTREAM_ERROR)); // require POST

    /**
     * Where jscode2session's errcodes mean something else (docs/wechat.md "code2Session"): 40029 and 40163 are
     * the login code (invalid or expired, already used), 45011 is the per-user limit (100 a minute), 40226 a
     * user WeChat blocks as high-risk.
     */
    private static final Map<Integer, ErrorKind> LOGIN_KINDS = Map.of(
            40029, INVALID_CODE, // js_code invalid or expired
            40163, INVALID_CODE, // code been used
            45011, USER_RATE_LIMITED, // over 100 calls a minute for this user
            40226, USER_BLOCKED); // high-risk user, login blocked

    // "invalid code hint: [xyz] rid: 6405d3a1-1b2c3d4e-5f6a7b8c"
    private static final Pattern RID = Pattern.compile("rid:\\s*([0-9A-Za-z-]{1,64})");

    private Errcodes() {
    }

    public static ErrorKind kindOf(int errcode) {
        return KINDS.getOrDefault(errcode, UPSTREAM_ERROR);
    }

    /** What {@code errcode} means when {@code api} answered it. */
    public static ErrorKind kindOf(WechatApiName api, int errcode) {
        if (api == WechatApiName.JSCODE2SESSION && LOGIN_KINDS.containsKey(errcode)) {
            return LOGIN_KINDS.get(errcode);
        }
        return kindOf(errcode);
    }

    /** The errcodes above: docs/migration.md lists each with its problem (MigrationErrcodeTableTest). */
    public static Set<Integer> known() {
        return KINDS.keySet();
    }

    /** True for the errcodes above: only these become metric label values, anything else is {@code other}. */
    public static boolean isCatalogued(int errcode) {
        return errcode == 0 || KINDS.containsKey(errcode) || LOGIN_KINDS.containsKey(errcode);
    }

    /** WeChat's request id from an errmsg such as {@code "invalid code rid: 6405d3a1-..."}. */
    public static Optional<String> ridOf(String errmsg) {
        if (errmsg == null) {
            return Optional.empty();
        }
        Matcher m = RID.matcher(errmsg);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
