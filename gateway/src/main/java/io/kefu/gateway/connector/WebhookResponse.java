package io.kefu.gateway.connector;

import java.nio.charset.StandardCharsets;

/** The answer to a webhook call; a 2xx is the platform's ack. */
public record WebhookResponse(int status, String contentType, byte[] body, String error) {

    public static WebhookResponse text(String body) {
        return new WebhookResponse(200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null);
    }

    public static WebhookResponse json(String body) {
        return new WebhookResponse(200, "application/json; charset=utf-8", body.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A refusal; {@code reason} is also the {@code kefu_connector_dropped_total} label. */
    public static WebhookResponse refuse(int status, String message) {
        return new WebhookResponse(status, null, null, message);
    }

    public boolean ok() {
        return status / 100 == 2;
    }
}
