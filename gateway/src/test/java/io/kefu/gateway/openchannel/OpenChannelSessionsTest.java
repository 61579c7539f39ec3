package io.kefu.gateway.openchannel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.ServerFrame;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

class OpenChannelSessionsTest {

    private static OutboundMessage reply(String id) {
        return OutboundMessage.newBuilder().setId(id).setConversationId("open:demo:b1").setText("好的").build();
    }

    @Test
    void aReplyCommittedWhileTheBuyerConnectsReachesThatConnectionOnce() {
        OpenChannelSessions sessions = new OpenChannelSessions();
        EmbeddedChannel ch = new EmbeddedChannel();
        sessions.add("open:demo:b1", ch);
        sessions.deliver(reply("r1")); // live: the turn committed just after the connection registered
        assertFalse(OpenChannelSessions.write(ch, reply("r1")), "the resume of pending replies skips what went out live");
        assertTrue(OpenChannelSessions.write(ch, reply("r2")));
        assertEquals("r1", ((ServerFrame) ch.readOutbound()).getReply().getId());
        assertEquals("r2", ((ServerFrame) ch.readOutbound()).getReply().getId());
        assertNull(ch.readOutbound(), "nothing written twice");
    }

    @Test
    void aNewConnectionOfTheSameBuyerGetsTheReplyAgain() {
        OpenChannelSessions sessions = new OpenChannelSessions();
        EmbeddedChannel first = new EmbeddedChannel();
        sessions.add("open:demo:b1", first);
        sessions.deliver(reply("r1"));
        EmbeddedChannel second = new EmbeddedChannel(); // reconnected without acking: the reply is still owed
        sessions.add("open:demo:b1", second);
        assertTrue(OpenChannelSessions.write(second, reply("r1")));
        assertEquals("r1", ((ServerFrame) second.readOutbound()).getReply().getId());
    }
}
