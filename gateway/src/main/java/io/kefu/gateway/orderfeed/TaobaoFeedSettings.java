package io.kefu.gateway.orderfeed;

import java.net.URI;
import java.time.Duration;

/** One TMC connection ({@code campaigns.taobao[i]}): which store its events belong to, and the app's credentials. */
public record TaobaoFeedSettings(String storeId, URI url, String appKey, String appSecret, String group, Duration pullInterval,
                          Duration heartbeat) {
    static final URI DEFAULT_URL = URI.create("wss://mc.api.taobao.com/");
}
