package io.kefu.gateway.orderfeed.pinduoduo;

import io.kefu.gateway.connector.ConnectorMetrics;
import io.kefu.gateway.orderfeed.FeedConnection;
import io.kefu.gateway.orderfeed.FeedSocket;
import io.kefu.gateway.orderfeed.OrderSink;
import io.kefu.handlers.campaign.InvalidOrderEventException;
import io.kefu.proto.v1.OrderEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pinduoduo message push (PLATFORMS.md §6, "not officially documented"): JSON text frames on a
 * WebSocket whose URL carries the credentials ({@link PinduoduoSign}, signed afresh for every
 * connection so a reconnect never reuses a stale timestamp). There is no greeting frame, so the
 * platform accepting the upgrade is the sign of acceptance, and a 401/403 at the handshake is a
 * refusal of the credentials (no retrying). Choices where the page is silent:
 * <ul>
 *   <li>Delivery is treated as at-least-once: each {@code Common} event is persisted, then Acked
 *       on the socket it came on; one we could not persist is not Acked, so the platform sends it
 *       again, and the event id ({@code pdd-<id>}) dedups it in the engine.</li>
 *   <li>Poison events (unknown type, unreadable content, another mall's) are Acked too — we never
 *       send {@code Fail}, whose meaning the page does not give, and an unacknowledged poison
 *       event would come back forever. They are counted as drops.</li>
 *   <li>Our heartbeat is the JSON {@code HeartBeat} frame every {@code heartbeat_ms} (plus a
 *       WebSocket ping, so a silent link is noticed even if the platform does not answer
 *       heartbeats); inbound {@code HeartBeat}/{@code Ack} frames only prove the link alive,
 *       an inbound {@code Fail} is logged and counted.</li>
 * </ul>
 */
public final class PinduoduoPushConnector extends FeedConnection {
    private static final Logger log = LoggerFactory.getLogger(PinduoduoPushConnector.class);

    private final PinduoduoFeedSettings settings;
    private final Clock clock;

    public PinduoduoPushConnector(PinduoduoFeedSettings settings, OrderSink sink, ConnectorMetrics metrics, ScheduledExecutorService timer,
                                  Executor blocking, HttpClient http, Clock clock) {
        super("pinduoduo:" + settings.storeId() + ":" + settings.clientId(), sink, metrics, timer, blocking, http, settings.heartbeat());
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected URI url() {
        return PinduoduoSign.url(settings.url(), settings.clientId(), clock.millis(), settings.clientSecret());
    }

    @Override
    protected void opened(FeedSocket s) {
        connected(s);
        s.sendText(PushFrameCodec.heartbeat(clock.millis()));
    }

    @Override
    protected void tick(FeedSocket s) {
        s.sendText(PushFrameCodec.heartbeat(clock.millis()));
    }

    @Override
    protected String handshakeRefusal(Throwable connectError) {
        Throwable t = connectError instanceof CompletionException && connectError.getCause() != null ? connectError.getCause() : connectError;
        if (t instanceof WebSocketHandshakeException h && h.getResponse() != null) {
            int status = h.getResponse().statusCode();
            if (status == 401 || status == 403) {
                return "HTTP " + status + " at the WebSocket handshake: the platform rejected client_id/sign"
                        + " (check campaigns.pinduoduo client_id and client_secret, and the clock)";
            }
        }
        return null;
    }

    @Override
    public void text(FeedSocket s, String text) {
        PushFrame f;
        try {
            f = PushFrameCodec.decode(text);
        } catch (PushFrameCodec.MalformedFrameException e) {
            log.warn("order feed {}: malformed frame dropped: {}", name, e.getMessage());
            metrics.dropped(name, "malformed");
            return;
        }
        switch (f.commandType()) {
            case PushFrame.COMMON -> event(s, f);
            case PushFrame.HEARTBEAT, PushFrame.ACK -> { } // proof of life only; the socket noted it
            case PushFrame.FAIL -> {
                log.warn("order feed {}: the platform reported a failure: {}", name, text.length() > 300 ? text.substring(0, 300) : text);
                metrics.dropped(name, "platform_fail");
            }
            default -> metrics.dropped(name, "unexpected_frame");
        }
    }

    private void event(FeedSocket s, PushFrame f) {
        if (!settings.mallId().isEmpty() && !settings.mallId().equals(f.mallIdText())) {
            log.warn("order feed {}: message {} is for mall {}, not {}; acknowledged and ignored", name, f.idText(), f.mallIdText(),
                    settings.mallId());
            metrics.dropped(name, "other_mall");
            ack(s, f);
            return;
        }
        OrderEvent event;
        try {
            event = PinduoduoTypes.toEvent(settings.storeId(), f, clock.millis());
        } catch (InvalidOrderEventException e) {
            log.warn("order feed {}: {}", name, e.getMessage());
            metrics.dropped(name, "poison");
            ack(s, f);
            return;
        }
        persist(event, (outcome, why) -> {
            switch (outcome) {
                case STORED, POISON -> ack(s, f);
                case RETRY -> { } // not acknowledged: the platform redelivers it
            }
        });
    }

    private void ack(FeedSocket s, PushFrame f) {
        s.sendText(PushFrameCodec.ack(f, clock.millis()));
        metrics.acked(name);
    }
}
