package io.kefu.gateway.connector;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as a webhook sees it: method, query parameters, headers (names lower-case) and
 * the raw body bytes — raw because signatures are computed over the exact bytes received.
 */
public record WebhookRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                             byte[] body) {

    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
