package io.kefu.gateway.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefu.handlers.handoff.AgentRoster;
import io.kefu.handlers.handoff.HandoffClocks;
import io.kefu.handlers.handoff.HandoffDesk;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.IntentScore;
import io.kefu.proto.v1.OutboundMessage;
import io.kefu.proto.v1.TurnRecord;
import java.util.List;
import java.util.Locale;

/**
 * What the console page reads, as JSON: tickets, one conversation with everything the bot knew
 * (transcript with intents and confidences, flow, slots), and the supervisor's overview. Buyer
 * text is data here; the page renders it with textContent.
 */
final class ConsoleViews {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HandoffDesk desk;
    private final HandoffClocks clocks;

    ConsoleViews(HandoffDesk desk, HandoffClocks clocks) {
        this.desk = desk;
        this.clocks = clocks;
    }

    ObjectNode ticket(HandoffTicket t, long now) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.getId());
        o.put("conversationId", t.getConversationId());
        o.put("buyerId", t.getBuyerId());
        o.put("channelId", t.getChannelId());
        o.put("platform", t.getPlatform().name().toLowerCase(Locale.ROOT));
        o.put("reason", t.getReason());
        o.put("group", t.getSkillGroup());
        o.put("priority", t.getPriority());
        o.put("status", t.getStatus().name().toLowerCase(Locale.ROOT));
        o.put("createdAt", t.getCreatedAt());
        o.put("waitMs", Math.max(0, now - t.getCreatedAt()));
        o.put("assignedAgent", t.getAssignedAgent());
        o.put("slaDueAt", t.getSlaDueAt());
        o.put("firstResponseAt", t.getFirstResponseAt());
        o.put("breached", clocks.isBreached(t.getStoreId(), t.getId()));
        o.put("lastBuyerText", t.getLastBuyerText());
        o.put("note", t.getNote());
        o.put("requeues", t.getRequeues());
        o.set("lastIntents", intents(t.getLastIntentsList()));
        return o;
    }

    ArrayNode tickets(List<HandoffTicket> ts, long now) {
        ArrayNode a = JSON.createArrayNode();
        ts.forEach(t -> a.add(ticket(t, now)));
        return a;
    }

    ObjectNode conversation(DialogueState s, HandoffTicket t, List<TurnRecord> transcript, long now) {
        ObjectNode o = JSON.createObjectNode();
        o.put("conversationId", s.getConversationId());
        o.put("mode", s.getMode().name().toLowerCase(Locale.ROOT));
        o.put("buyerId", s.getBuyerId());
        o.put("language", s.getLanguage());
        o.put("activeFlow", s.getActiveFlow());
        o.put("flowStep", s.getFlowStep());
        ObjectNode slots = o.putObject("slots");
        s.getSlotsMap().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(e -> slots.put(e.getKey(), e.getValue()));
        o.set("ticket", ticket(t, now));
        ArrayNode entries = o.putArray("transcript");
        for (TurnRecord r : transcript) {
            if (r.getAgentId().isEmpty()) {
                ObjectNode buyer = entries.addObject();
                buyer.put("role", "buyer");
                buyer.put("at", r.getInbound().getReceivedAt());
                buyer.put("text", r.getInbound().getText());
                buyer.put("attachments", r.getInbound().getAttachmentsCount());
                buyer.put("fallback", r.getFallback());
                buyer.set("intents", intents(r.getIntentsList().subList(0, Math.min(3, r.getIntentsCount()))));
                buyer.put("ticketId", r.getHandoffTicketId());
            } else {
                ObjectNode action = entries.addObject();
                action.put("role", "action");
                action.put("at", r.getProcessedAt());
                action.put("agent", r.getAgentId());
                action.put("action", r.getAgentAction());
            }
            for (OutboundMessage m : r.getRepliesList()) {
                ObjectNode reply = entries.addObject();
                reply.put("role", m.getSender() == OutboundMessage.Sender.AGENT ? "agent" : "bot");
                reply.put("at", m.getCreatedAt());
                reply.put("text", m.getText());
            }
        }
        return o;
    }

    ObjectNode supervisor(String storeId, long now) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode queues = o.putArray("queues");
        for (String g : desk.queue().groups(storeId).stream().sorted().toList()) {
            List<HandoffTicket> waiting = desk.waiting(storeId).stream().filter(t -> t.getSkillGroup().equals(g)).toList();
            ObjectNode q = queues.addObject();
            q.put("group", g);
            q.put("waiting", waiting.size());
            q.put("longestWaitMs", waiting.stream().mapToLong(t -> now - t.getCreatedAt()).max().orElse(0));
            q.put("breached", waiting.stream().filter(t -> clocks.isBreached(storeId, t.getId())).count());
        }
        o.put("breachesLast24h", clocks.breachesSince(storeId, now - 24 * 3600_000L));
        ArrayNode agents = o.putArray("agents");
        for (AgentRoster.Agent a : desk.roster().present(storeId)) {
            ObjectNode n = agents.addObject();
            n.put("id", a.id());
            n.put("name", a.name());
            n.put("status", a.status());
            n.put("load", a.load());
            n.put("capacity", a.capacity());
            n.put("lastSeenMs", now - a.lastSeen());
            n.set("conversations", tickets(desk.held(storeId, a.id()), now));
        }
        return o;
    }

    private static ArrayNode intents(List<IntentScore> scores) {
        ArrayNode a = JSON.createArrayNode();
        for (IntentScore s : scores) {
            ObjectNode n = a.addObject();
            n.put("intent", s.getIntent());
            n.put("confidence", Math.round(s.getConfidence() * 1000) / 1000.0);
        }
        return a;
    }
}
