package io.kefu.handlers.bot;

import io.kefu.handlers.handoff.Escalation;
import io.kefu.nlp.Prediction;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.HandoffTicket;
import io.kefu.proto.v1.InboundMessage;
import io.kefu.proto.v1.IntentScore;
import io.kefu.proto.v1.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The working memory of one turn, handed from middleware to middleware. Reply and ticket ids are
 * derived from the inbound message id, so running a turn again after a crash produces the same
 * ids and receivers can dedup.
 */
public final class TurnContext {
    private final InboundMessage inbound;
    private final Clock clock;
    private final ReplyTemplates templates;
    private DialogueState.Builder state;
    private long loadedVersion;
    private Prediction prediction;
    private String modelId = "";
    private final List<OutboundMessage> replies = new ArrayList<>();
    private HandoffTicket ticket;
    private boolean routedToAgent;
    private boolean failed;
    private boolean erpFailed;
    private boolean notUnderstood;

    TurnContext(InboundMessage inbound, Clock clock, ReplyTemplates templates) {
        this.inbound = inbound;
        this.clock = clock;
        this.templates = templates;
    }

    public InboundMessage inbound() {
        return inbound;
    }

    public String text() {
        return inbound.getText();
    }

    /** The conversation state being built for this turn (mutable until commit). */
    public DialogueState.Builder state() {
        return state;
    }

    void loaded(DialogueState s, long version) {
        this.state = s.toBuilder();
        this.loadedVersion = version;
    }

    /** The version this turn read; a commit must still find it. */
    public long loadedVersion() {
        return loadedVersion;
    }

    public Prediction prediction() {
        return prediction;
    }

    void prediction(Prediction p, String modelId) {
        this.prediction = p;
        this.modelId = modelId;
    }

    String modelId() {
        return modelId;
    }

    /** "zh" or "en": the language of this message, else the conversation's, else the store's. */
    public String language() {
        return state.getLanguage().isEmpty() ? "zh" : state.getLanguage();
    }

    public ReplyTemplates templates() {
        return templates;
    }

    public long now() {
        return clock.millis();
    }

    /** Queues a bot reply to this message. */
    public TurnContext reply(String text, String... quickReplies) {
        return reply(OutboundMessage.Sender.BOT, text, List.of(quickReplies));
    }

    /** Queues the store's template for {@code key} in the conversation's language. */
    public TurnContext replyTemplate(String key) {
        return reply(templates.pick(key, language(), state.getNextReplySeq()));
    }

    /** Queues a reply from {@code sender} (the bot, or an agent's message relayed by a command turn). */
    public TurnContext reply(OutboundMessage.Sender sender, String text, List<String> quickReplies) {
        long seq = state.getNextReplySeq() + 1;
        state.setNextReplySeq(seq);
        replies.add(OutboundMessage.newBuilder()
                .setId("r-" + digest(inbound.getConversationId() + "|" + inbound.getPlatformMsgId() + "|" + replies.size()))
                .setPlatform(inbound.getPlatform())
                .setChannelId(inbound.getChannelId())
                .setStoreId(inbound.getStoreId())
                .setConversationId(inbound.getConversationId())
                .setBuyerId(inbound.getBuyerId())
                .setText(text)
                .setInReplyTo(inbound.getPlatformMsgId())
                .setSender(sender)
                .setCreatedAt(clock.millis())
                .addAllQuickReplies(quickReplies)
                .setSeq(seq)
                .build());
        return this;
    }

    public List<OutboundMessage> replies() {
        return List.copyOf(replies);
    }

    /** Drops the replies queued so far (e.g. to replace them with the handoff's holding reply). */
    public void clearReplies() {
        long first = replies.isEmpty() ? state.getNextReplySeq() : replies.get(0).getSeq() - 1;
        replies.clear();
        state.setNextReplySeq(first);
    }

    public boolean hasOpenTicket() {
        return state.getMode() == ConversationMode.WAITING_FOR_AGENT || state.getMode() == ConversationMode.AGENT;
    }

    /**
     * Calls a person: a ticket for the human queue, the conversation marked as waiting, and the
     * holding reply. When a ticket is already open the buyer is told they are still queued.
     */
    public TurnContext handoff(String reason, int priority) {
        return handoff(new Escalation(reason, priority, "default"));
    }

    /** {@link #handoff(String, int)} with the skill group whose queue the ticket joins. */
    public TurnContext handoff(Escalation e) {
        if (hasOpenTicket()) {
            return replyTemplate("_handoff_waiting");
        }
        String id = ticketIdFor(inbound);
        HandoffTicket.Builder t = HandoffTicket.newBuilder()
                .setId(id)
                .setStoreId(inbound.getStoreId())
                .setConversationId(inbound.getConversationId())
                .setChannelId(inbound.getChannelId())
                .setPlatform(inbound.getPlatform())
                .setBuyerId(inbound.getBuyerId())
                .setReason(e.reason())
                .setSkillGroup(e.skillGroup())
                .setPriority(e.priority())
                .setCreatedAt(clock.millis())
                .setUpdatedAt(clock.millis())
                .setStatus(HandoffTicket.Status.WAITING)
                .setLastBuyerText(inbound.getText());
        if (prediction != null) {
            prediction.ranking().forEach(s -> t.addLastIntents(
                    IntentScore.newBuilder().setIntent(s.intent()).setConfidence(s.confidence())));
        }
        ticket = t.build();
        state.setMode(ConversationMode.WAITING_FOR_AGENT).setOpenTicketId(id).setHandoffs(state.getHandoffs() + 1);
        return replyTemplate("_handoff");
    }

    /** The id of the ticket a message opens: derived from it, so a rerun after a crash opens the same one. */
    public static String ticketIdFor(InboundMessage m) {
        return "t-" + digest(m.getConversationId() + "|" + m.getPlatformMsgId());
    }

    /** Replaces the ticket this turn commits (its SLA target, or an agent command's new status). */
    public void ticket(HandoffTicket t) {
        this.ticket = t;
    }

    /**
     * A skill tells the turn that its ERP look-up failed; unless the store turned that trigger off,
     * the buyer is handed to a person instead of getting the skill's answer.
     */
    /** Set by the decision when it acts on a fallback prediction. */
    void notUnderstood() {
        this.notUnderstood = true;
    }

    boolean wasNotUnderstood() {
        return notUnderstood;
    }

    public void erpFailed() {
        this.erpFailed = true;
    }

    public boolean erpFailedThisTurn() {
        return erpFailed;
    }

    public Optional<HandoffTicket> ticket() {
        return Optional.ofNullable(ticket);
    }

    /** Marks the turn as belonging to a person: the bot must not answer. */
    public void routeToAgent() {
        this.routedToAgent = true;
    }

    public boolean routedToAgent() {
        return routedToAgent;
    }

    void failed() {
        this.failed = true;
    }

    boolean isFailed() {
        return failed;
    }

    static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
