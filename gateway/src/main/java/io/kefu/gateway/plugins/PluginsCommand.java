package io.kefu.gateway.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.gateway.cli.CliArgs;
import io.kefu.gateway.cli.CliCommand;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code ./kefu plugins ...}: the plugin admin API of a running node, from the command line. */
public final class PluginsCommand implements CliCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "plugins";
    }

    @Override
    public String summary() {
        return "list, enable, disable, reload or unload plugins on a running kefu";
    }

    @Override
    public String usage() {
        return """
                usage: ./kefu plugins list|rescan|enable ID|disable ID|reload ID|unload ID [--store S] [--url U] [--token T]

                  list          every plugin: id, version, kind, state, stores that enabled it, failures
                  rescan        load jars dropped into plugins.dir since the start
                  enable ID     turn a plugin on for --store (also resets a tripped circuit breaker)
                  disable ID    turn it off for --store
                  reload ID     load it again from its jar; turns in flight finish on the old one
                  unload ID     remove it from the running node
                  --store S     the store (enable/disable)
                  --url U       base URL of the node (default http://127.0.0.1:$KEFU_HTTP_PORT or :8080)
                  --token T     the admin token (admin.token in kefu.yaml; or env KEFU_ADMIN_TOKEN)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("url", "token", "store"), Set.of());
        List<String> p = a.positional();
        if (p.isEmpty()) {
            throw new CliArgs.UsageException("which action? list, rescan, enable, disable, reload or unload");
        }
        String envPort = System.getenv("KEFU_HTTP_PORT");
        String base = a.value("url").orElse("http://127.0.0.1:" + (envPort == null ? "8080" : envPort.trim()));
        String token = a.value("token").orElse(System.getenv("KEFU_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new CliArgs.UsageException("--token (or KEFU_ADMIN_TOKEN) is required");
        }
        String action = p.get(0);
        HttpRequest.Builder req = switch (action) {
            case "list" -> {
                expect(p, 1, action);
                yield HttpRequest.newBuilder(URI.create(base + "/plugins")).GET();
            }
            case "rescan" -> {
                expect(p, 1, action);
                yield post(base + "/plugins/rescan");
            }
            case "reload", "unload" -> {
                expect(p, 2, action);
                yield post(base + "/plugins/" + p.get(1) + "/" + action);
            }
            case "enable", "disable" -> {
                expect(p, 2, action);
                String store = a.value("store").orElseThrow(() -> new CliArgs.UsageException(action + " needs --store"));
                yield post(base + "/plugins/" + p.get(1) + "/" + action + "?store=" + java.net.URLEncoder.encode(store, java.nio.charset.StandardCharsets.UTF_8));
            }
            default -> throw new CliArgs.UsageException("unknown action '" + action + "'");
        };
        HttpResponse<String> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(req.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            err.println("kefu plugins: " + res.statusCode() + " " + res.body());
            return 1;
        }
        if (action.equals("list") || action.equals("rescan")) {
            printTable(JSON.readTree(res.body()), out);
        } else {
            out.println(res.body());
        }
        return 0;
    }

    private static void printTable(JsonNode body, PrintStream out) {
        out.printf("%-20s %-12s %-10s %-13s %-30s %s%n", "ID", "VERSION", "KIND", "STATE", "STORES", "FAILURES");
        for (JsonNode s : body.path("plugins")) {
            out.printf("%-20s %-12s %-10s %-13s %-30s %s%n", s.path("id").asText(), s.path("version").asText(),
                    s.path("kind").asText(), s.path("state").asText(), join(s.path("enabledStores")), s.path("failures"));
        }
        body.path("failed_jars").fields().forEachRemaining(e -> out.println("not loaded: " + e.getKey() + ": " + e.getValue().asText()));
    }

    private static String join(JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        arr.forEach(n -> sb.append(sb.length() == 0 ? "" : ",").append(n.asText()));
        return sb.length() == 0 ? "-" : sb.toString();
    }

    private static HttpRequest.Builder post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private static void expect(List<String> p, int n, String action) throws CliArgs.UsageException {
        if (p.size() != n) {
            throw new CliArgs.UsageException(action + (n == 2 ? " needs the plugin id" : " takes no arguments"));
        }
    }
}
