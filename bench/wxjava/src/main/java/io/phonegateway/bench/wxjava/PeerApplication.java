package io.phonegateway.bench.wxjava;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

import cn.binarywang.wx.miniapp.api.WxMaService;
import cn.binarywang.wx.miniapp.api.impl.WxMaServiceImpl;
import cn.binarywang.wx.miniapp.config.impl.WxMaRedisBetterConfigImpl;
import me.chanjar.weixin.common.redis.RedisTemplateWxRedisOps;

/**
 * WxJava's miniapp service as its README sets it up, with the access token kept in Redis (shared by every replica)
 * and the stable-token API, as phone-gateway's default token mode uses. {@code wx.api-host} points it at the
 * simulator instead of api.weixin.qq.com.
 */
@SpringBootApplication
public class PeerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PeerApplication.class, args);
    }

    @Bean
    WxMaService wxMaService(StringRedisTemplate redis, @Value("${wx.appid}") String appid,
            @Value("${wx.secret}") String secret, @Value("${wx.api-host}") String apiHost) {
        WxMaRedisBetterConfigImpl config = new WxMaRedisBetterConfigImpl(new RedisTemplateWxRedisOps(redis), "wx");
        config.setAppid(appid);
        config.setSecret(secret);
        config.setApiHostUrl(apiHost);
        config.useStableAccessToken(true);
        WxMaService service = new WxMaServiceImpl();
        service.setWxMaConfig(config);
        return service;
    }
}
