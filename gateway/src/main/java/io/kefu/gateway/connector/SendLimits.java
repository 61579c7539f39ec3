package io.kefu.gateway.connector;

/**
 * A platform's send limits: a token bucket per platform conversation (e.g. Slack's ~1 message/s
 * per channel) and one for the whole channel/app, plus how long and how often to retry.
 */
public record SendLimits(double perConversationPerSecond, int perConversationBurst,
                         double perChannelPerSecond, int perChannelBurst, int maxAttempts) {
    public SendLimits {
        if (perConversationPerSecond <= 0 || perChannelPerSecond <= 0 || perConversationBurst < 1 || perChannelBurst < 1
                || maxAttempts < 1) {
            throw new IllegalArgumentException("send limits must be positive");
        }
    }
}
