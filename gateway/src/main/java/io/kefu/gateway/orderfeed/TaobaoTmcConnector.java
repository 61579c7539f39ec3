package io.kefu.gateway.orderfeed;

import io.kefu.gateway.connector.ConnectorMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Taobao TMC (PLATFORMS.md §5): top-link v2 frames over WebSocket. CONNECT with the TOP-signed
 * {@code app_key, group_name, timestamp, sign, sdk}; CONNECTACK gives the token every later SEND
 * carries. A PullRequest goes out on connect and every pull interval; each Data message is
 * persisted, then Confirmed — or reported Failed when it can never be processed (poison), so
 * the platform stops redelivering it. A message we could not persist is not confirmed: TMC
 * redelivers it (there is no offset; redelivery is the recovery) and the event id dedups.
 */
public final class TaobaoTmcConnector extends FeedConnection {
    private static final Logger log = LoggerFactory.getLogger(TaobaoTmcConnector.class);
    static final String SDK = "kefu-tmc/1.0";

    private final TaobaoFeedSettings settings;
    private final Clock clock;
    private final Duration pullInterval;
    private volatile String token;
    private long lastPullNanos;

    public TaobaoTmcConnector(TaobaoFeedSettings settings, OrderSink sink, ConnectorMetrics metrics, ScheduledExecutorService timer,
                       Executor blocking, HttpClient http, Clock clock) {
        super("taobao:" + settings.storeId() + ":" + settings.group(), sink, metrics, timer, blocking, http, settings.heartbeat());
        this.settings = settings;
        this.clock = clock;
        this.pullInterval = settings.pullInterval();
    }

    @Override
    protected URI url() {
        return settings.url();
    }

    /** The CONNECT frame's signed headers. */
    static Map<String, Object> connectHeaders(TaobaoFeedSettings s, long timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_key", s.appKey());
        params.put("group_name", s.group());
        params.put("timestamp", Long.toString(timestamp));
        params.put("sdk", SDK);
        Map<String, Object> h = new LinkedHashMap<>(params);
        h.put("sign", TopSign.sign(s.appSecret(), params));
        return h;
    }

    @Override
    protected void opened(FeedSocket s) {
        token = null;
        s.sendBinary(TopFrameCodec.encode(TopFrame.of(TopFrame.CONNECT, null, connectHeaders(settings, clock.millis()))));
    }

    @Override
    protected void tick(FeedSocket s) {
        if (token != null && System.nanoTime() - lastPullNanos >= pullInterval.toNanos()) {
            pull(s);
        }
    }

    private void pull(FeedSocket s) {
        lastPullNanos = System.nanoTime();
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("__kind", (short) TopFrame.KIND_PULL_REQUEST);
        s.sendBinary(TopFrameCodec.encode(TopFrame.of(TopFrame.SEND, token, h)));
    }

    @Override
    public void binary(FeedSocket s, byte[] data) {
        TopFrame f;
        try {
            f = TopFrameCodec.decode(ByteBuffer.wrap(data));
        } catch (TopFrameCodec.MalformedFrameException e) {
            log.warn("order feed {}: malformed frame dropped: {}", name, e.getMessage());
            metrics.dropped(name, "malformed");
            return;
        }
        switch (f.messageType()) {
            case TopFrame.CONNECTACK -> connectAck(s, f);
            case TopFrame.SEND -> send(s, f);
            case TopFrame.SENDACK -> { } // the platform's receipt of our Confirm/Pull: nothing to do
            default -> metrics.dropped(name, "unexpected_frame");
        }
    }

    private void connectAck(FeedSocket s, TopFrame f) {
        int status = f.statusCode() == null ? 0 : f.statusCode();
        if (status != 0 || f.token() == null || f.token().isEmpty()) {
            refused(s, "status " + status + (f.statusPhrase() == null ? "" : ": " + f.statusPhrase()));
            return;
        }
        token = f.token();
        connected(s);
        pull(s);
    }

    private void send(FeedSocket s, TopFrame f) {
        if (f.kind() != TopFrame.KIND_DATA) {
            metrics.dropped(name, "unexpected_kind");
            return;
        }
        Object rawId = f.custom().get("id");
        if (!(rawId instanceof Number)) {
            metrics.dropped(name, "malformed"); // without an id we cannot even report it failed
            return;
        }
        long id = ((Number) rawId).longValue();
        Object t = f.custom().get("time");
        long time = t instanceof Date d ? d.getTime() : t instanceof Number n ? n.longValue() : clock.millis();
        try {
            var event = TaobaoTopics.toEvent(settings.storeId(), id, f.text("topic"), f.text("content"), time);
            persist(event, (outcome, why) -> {
                switch (outcome) {
                    case STORED -> confirm(s, id);
                    case POISON -> failed(s, id, why);
                    case RETRY -> { }
                }
            });
        } catch (io.kefu.handlers.campaign.InvalidOrderEventException e) {
            metrics.dropped(name, "poison");
            failed(s, id, e.getMessage());
        }
    }

    private void confirm(FeedSocket s, long id) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("__kind", (short) TopFrame.KIND_CONFIRM);
        h.put("id", id);
        s.sendBinary(TopFrameCodec.encode(TopFrame.of(TopFrame.SEND, token, h)));
        metrics.acked(name);
    }

    private void failed(FeedSocket s, long id, String why) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("__kind", (short) TopFrame.KIND_FAILED);
        h.put("id", id);
        h.put("msg", why.length() > 200 ? why.substring(0, 200) : why);
        s.sendBinary(TopFrameCodec.encode(TopFrame.of(TopFrame.SEND, token, h)));
    }
}
