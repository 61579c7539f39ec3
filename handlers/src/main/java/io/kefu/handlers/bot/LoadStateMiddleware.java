package io.kefu.handlers.bot;

import io.kefu.handlers.store.LoadedState;
import io.kefu.handlers.store.RedisConversationStore;
import io.kefu.proto.v1.ConversationMode;
import io.kefu.proto.v1.DialogueState;
import io.kefu.proto.v1.InboundMessage;

/** Loads the conversation from Redis and fills in who and where on its first turn. */
final class LoadStateMiddleware implements Middleware {
    private final RedisConversationStore store;

    LoadStateMiddleware(RedisConversationStore store) {
        this.store = store;
    }

    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        LoadedState loaded = store.load(ctx.inbound().getConversationId());
        DialogueState s = loaded.state();
        if (s.getMode() == ConversationMode.MODE_UNSPECIFIED) {
            InboundMessage in = ctx.inbound();
            s = s.toBuilder()
                    .setConversationId(in.getConversationId())
                    .setStoreId(in.getStoreId())
                    .setChannelId(in.getChannelId())
                    .setPlatform(in.getPlatform())
                    .setBuyerId(in.getBuyerId())
                    .setMode(ConversationMode.BOT)
                    .build();
        }
        ctx.loaded(s, loaded.version());
        String lang = Languages.of(ctx.text());
        if (lang != null) {
            ctx.state().setLanguage(lang);
        } else if (ctx.state().getLanguage().isEmpty()) {
            // Nothing to go on (an order number, an emoji): the client's locale, which connectors
            // default to the store's language.
            String locale = ctx.inbound().getLocale().toLowerCase(java.util.Locale.ROOT);
            if (locale.startsWith("en") || locale.startsWith("zh")) {
                ctx.state().setLanguage(locale.substring(0, 2));
            }
        }
        next.run();
    }
}
