package io.kefu.gateway.cli;

import io.kefu.gateway.openchannel.client.OpenChannelClient;
import io.kefu.proto.v1.Ack;
import io.kefu.proto.v1.ErrorFrame;
import io.kefu.proto.v1.Reply;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** {@code ./kefu say "在吗"}: talks to a running kefu as a buyer on an open channel and prints the reply. */
public final class SayCommand implements CliCommand {
    @Override
    public String name() {
        return "say";
    }

    @Override
    public String summary() {
        return "send one buyer message on an open channel and print the bot's reply";
    }

    @Override
    public String usage() {
        return """
                usage: ./kefu say [--host H] [--port P] [--channel C] [--token T] [--buyer ID] [--timeout S] TEXT...

                  --host H        default 127.0.0.1
                  --port P        default $KEFU_HTTP_PORT or 8080
                  --channel C     open channel id (default demo)
                  --token T       channel token (default demo-token for the demo channel)
                  --buyer ID      buyer id (default: a new one per call)
                  --timeout S     seconds to wait for the reply (default 10)

                exit codes: 0 a reply was printed, 1 no reply in time or the server refused""";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        CliArgs a = CliArgs.parse(args, Set.of("host", "port", "channel", "token", "buyer", "timeout"), Set.of());
        String text = String.join(" ", a.positional()).trim();
        if (text.isEmpty()) {
            throw new CliArgs.UsageException("say what? give the message text");
        }
        String envPort = System.getenv("KEFU_HTTP_PORT");
        int port = a.intValue("port", envPort == null ? 8080 : Integer.parseInt(envPort.trim()), 1, 65535);
        String channel = a.value("channel").orElse("demo");
        String token = a.value("token").orElse(channel.equals("demo") ? "demo-token" : null);
        if (token == null) {
            throw new CliArgs.UsageException("--token is required for channel " + channel);
        }
        Duration timeout = Duration.ofSeconds(a.intValue("timeout", 10, 1, 600));
        String buyer = a.value("buyer").orElse("cli-" + UUID.randomUUID().toString().substring(0, 8));
        String host = a.value("host").orElse("127.0.0.1");
        String msgId = "cli-" + UUID.randomUUID();
        try (OpenChannelClient client = OpenChannelClient.connect(OpenChannelClient.uri(host, port, channel), token, timeout)) {
            client.auth(buyer, timeout);
            drainOldReplies(client);
            Ack ack;
            try {
                ack = client.send(msgId, text).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                err.println("kefu say: the server refused the message: " + e.getCause().getMessage());
                return 1;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Reply r = client.nextReply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                if (r == null) {
                    break;
                }
                client.ackReply(r.getId());
                if (r.getInReplyTo().equals(msgId)) {
                    out.println(r.getText());
                    return 0;
                }
            }
            ErrorFrame error = client.nextError(Duration.ZERO);
            err.println("kefu say: no reply within " + timeout.toSeconds() + " s" + (ack.getDuplicate() ? " (message was a duplicate)" : "")
                    + (error != null ? "; server said " + error.getCode() + ": " + error.getMessage() : ""));
            return 1;
        } catch (OpenChannelClient.HandshakeRefused e) {
            err.println("kefu say: the server refused the connection: " + e.getMessage());
            return 1;
        } catch (java.net.ConnectException e) {
            err.println("kefu say: nothing is listening on " + host + ":" + port + " (is kefu running? ./kefu start --demo)");
            return 1;
        }
    }

    /** Replies to earlier messages of this buyer still pending: acknowledge them so they stop coming. */
    private static void drainOldReplies(OpenChannelClient client) throws InterruptedException {
        Reply r;
        while ((r = client.nextReply(Duration.ofMillis(50))) != null) {
            client.ackReply(r.getId());
        }
    }
}
