package io.kefu.gateway.connector;

/**
 * A platform's push endpoint for one channel. Called on the node's blocking executor (never on an
 * event loop), so it may persist to Redis before answering: the answer is the platform's ack.
 */
@FunctionalInterface
public interface WebhookReceiver {
    WebhookResponse handle(WebhookRequest request);
}
