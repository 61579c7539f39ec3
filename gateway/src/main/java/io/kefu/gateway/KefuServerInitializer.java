package io.kefu.gateway;

import io.kefu.gateway.http.DemoPages;
import io.kefu.gateway.http.HttpRouterHandler;
import io.kefu.gateway.admin.AdminApi;
import io.kefu.gateway.extension.HttpEndpoint;
import io.kefu.gateway.http.BodyLimitSelector;
import io.kefu.gateway.openchannel.OpenChannelUpgrade;
import java.util.List;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** HTTP codec → aggregator (64 KiB bodies) → router; the router swaps in the WebSocket pipeline on upgrade. */
public final class KefuServerInitializer extends ChannelInitializer<SocketChannel> {
    static final int MAX_HTTP_BODY = 64 * 1024;

    private final ReadinessProbe readiness;
    private final GatewayMetrics metrics;
    private final OpenChannelUpgrade openChannel;
    private final DemoPages demo;
    private final List<HttpEndpoint> endpoints;

    public KefuServerInitializer(ReadinessProbe readiness, GatewayMetrics metrics, OpenChannelUpgrade openChannel, DemoPages demo,
                                 List<HttpEndpoint> endpoints) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.openChannel = openChannel;
        this.demo = demo;
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 16 * 1024, 16 * 1024))
                .addLast("body-limit", new BodyLimitSelector("http-aggregate", MAX_HTTP_BODY,
                        uri -> uri.startsWith(AdminApi.UPLOAD_PATH) ? AdminApi.MAX_UPLOAD_BYTES : MAX_HTTP_BODY))
                .addLast("http-aggregate", new HttpObjectAggregator(MAX_HTTP_BODY))
                .addLast("router", new HttpRouterHandler(readiness, metrics, openChannel, demo, endpoints));
    }
}
