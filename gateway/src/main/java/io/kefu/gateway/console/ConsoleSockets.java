package io.kefu.gateway.console;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.kefu.proto.v1.AgentEvent;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The consoles connected to this node, by store, and the push of desk events to them. */
final class ConsoleSockets {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSockets.class);
    static final AttributeKey<ConsoleAccount> ACCOUNT = AttributeKey.valueOf("kefu.console.account");
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final Map<String, Set<Channel>> byStore = new ConcurrentHashMap<>();

    void add(ConsoleAccount a, Channel ch) {
        ch.attr(ACCOUNT).set(a);
        byStore.computeIfAbsent(a.storeId(), k -> ConcurrentHashMap.newKeySet()).add(ch);
        ch.closeFuture().addListener(f -> byStore.computeIfPresent(a.storeId(), (k, set) -> {
            set.remove(ch);
            return set.isEmpty() ? null : set;
        }));
    }

    /** Sends an event to every console of its store (and only of its store). */
    void push(AgentEvent e) {
        Set<Channel> channels = byStore.get(e.getStoreId());
        if (channels == null) {
            return;
        }
        String json;
        try {
            json = PRINTER.print(e);
        } catch (InvalidProtocolBufferException ex) {
            log.warn("unprintable console event: {}", ex.toString());
            return;
        }
        for (Channel ch : channels) {
            if (ch.isActive()) {
                ch.writeAndFlush(new TextWebSocketFrame(json));
            }
        }
    }

    int count() {
        return byStore.values().stream().mapToInt(Set::size).sum();
    }
}
