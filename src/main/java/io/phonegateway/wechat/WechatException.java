package io.phonegateway.wechat;

import java.util.Optional;

/**
 * WeChat answered with a non-zero errcode. The message holds the api and errcode only: WeChat's errmsg
 * can echo input, so it is kept out of messages; only the {@code rid} parsed from it is kept.
 */
public class WechatException extends RuntimeException {

    private final WechatApiName api;
    private final int errcode;
    private final String rid;

    public WechatException(WechatApiName api, int errcode, String rid) {
        super(api.label() + " answered errcode " + errcode, null, false, false);
        this.api = api;
        this.errcode = errcode;
        this.rid = rid;
    }

    public WechatApiName api() {
        return api;
    }

    public int errcode() {
        return errcode;
    }

    public ErrorKind kind() {
        return Errcodes.kindOf(api, errcode);
    }

    public Optional<String> rid() {
        return Optional.ofNullable(rid);
    }

    /** Whether {@code failure} is WeChat rejecting the access token (not the code): worth once more with a new one. */
    public static boolean isTokenRejected(Throwable failure) {
        return failure instanceof WechatException w && w.kind() == ErrorKind.TOKEN_REJECTED;
    }
}
