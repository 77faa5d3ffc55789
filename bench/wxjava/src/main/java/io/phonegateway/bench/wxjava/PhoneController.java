package io.phonegateway.bench.wxjava;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.bean.WxMaPhoneNumberInfo;
import me.chanjar.weixin.common.error.WxErrorException;

/** POST /phone {"code": "..."}: the phone number WeChat gives for the code, as a service would expose it. */
@RestController
class PhoneController {

    private final WxMaService wx;

    PhoneController(WxMaService wx) {
        this.wx = wx;
    }

    record PhoneRequest(String code) {
    }

    @PostMapping(path = "/phone", consumes = "application/json", produces = "application/json")
    ResponseEntity<?> phone(@RequestBody PhoneRequest request) {
        if (request == null || request.code() == null || request.code().isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("error", "code is required"));
        }
        try {
            WxMaPhoneNumberInfo info = wx.getUserService().getPhoneNumber(request.code());
            if (info == null) {
                return ResponseEntity.status(502).body(Map.of("error", "no phone_info"));
            }
            return ResponseEntity.ok(Map.of("phoneNumber", info.getPhoneNumber(), "purePhoneNumber",
                    info.getPurePhoneNumber(), "countryCode", info.getCountryCode()));
        } catch (WxErrorException e) {
            return ResponseEntity.status(502).body(Map.of("errcode", e.getError().getErrorCode()));
        }
    }
}
