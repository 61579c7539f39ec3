package io.kefu.handlers.bot;

import io.kefu.proto.v1.ConversationMode;

/** While a person owns the conversation the bot never answers: the message is only recorded for the agent. */
final class AgentOwnershipMiddleware implements Middleware {
    @Override
    public void handle(TurnContext ctx, Next next) throws Exception {
        if (ctx.state().getMode() == ConversationMode.AGENT) {
            ctx.routeToAgent();
            return;
        }
        next.run();
    }
}
