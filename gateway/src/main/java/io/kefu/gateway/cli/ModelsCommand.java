package io.kefu.gateway.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** {@code ./kefu models ...}: the admin API's model publishing, from the command line. */
public final class ModelsCommand implements CliCommand {
    @Override
    public String name() {
        return "models";
    }

    @Override
    public String summary() {
        return "list, upload, activate or roll back intent models on a running kefu (admin API)";
    }

    @Override
    public String usage() {
        return """
                usage: ./kefu models list|upload FILE|activate ID|rollback [--url http://127.0.0.1:8080] [--token T]

                  list          active model, activation history, every uploaded model's metadata (JSON)
                  upload FILE   store a model file (from ./kefu train) in Redis; prints its id
                  activate ID   switch every node to that model without downtime
                  rollback      switch every node back to the previously active model
                  --url U       base URL of any node (default http://127.0.0.1:$KEFU_HTTP_PORT or :8080)
                  --token T     the admin token (admin.token in kefu.yaml; or env KEFU_ADMIN_TOKEN)""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("url", "token"), Set.of());
        List<String> p = a.positional();
        if (p.isEmpty()) {
            throw new CliArgs.UsageException("which action? list, upload, activate or rollback");
        }
        String envPort = System.getenv("KEFU_HTTP_PORT");
        String base = a.value("url").orElse("http://127.0.0.1:" + (envPort == null ? "8080" : envPort.trim()));
        String token = a.value("token").orElse(System.getenv("KEFU_ADMIN_TOKEN"));
        if (token == null || token.isBlank()) {
            throw new CliArgs.UsageException("--token (or KEFU_ADMIN_TOKEN) is required");
        }
        HttpRequest.Builder req = switch (p.get(0)) {
            case "list" -> HttpRequest.newBuilder(URI.create(base + "/admin/models")).GET();
            case "upload" -> {
                if (p.size() != 2) {
                    throw new CliArgs.UsageException("upload needs the model file");
                }
                Path file = Path.of(p.get(1));
                if (!Files.isRegularFile(file)) {
                    throw new CliArgs.UsageException("no such file: " + file);
                }
                yield HttpRequest.newBuilder(URI.create(base + "/admin/models")).POST(HttpRequest.BodyPublishers.ofFile(file));
            }
            case "activate" -> {
                if (p.size() != 2) {
                    throw new CliArgs.UsageException("activate needs the model id");
                }
                yield HttpRequest.newBuilder(URI.create(base + "/admin/models/" + p.get(1) + "/activate")).POST(HttpRequest.BodyPublishers.noBody());
            }
            case "rollback" -> HttpRequest.newBuilder(URI.create(base + "/admin/models/rollback")).POST(HttpRequest.BodyPublishers.noBody());
            default -> throw new CliArgs.UsageException("unknown action '" + p.get(0) + "'");
        };
        HttpResponse<String> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(req.header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 == 2) {
            out.println(res.body());
            return 0;
        }
        err.println("kefu models: " + res.statusCode() + " " + res.body());
        return 1;
    }
}
