package io.kefu.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

public final class VersionCommand implements CliCommand {
    public static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/io/kefu/gateway/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the kefu version";
    }

    @Override
    public String usage() {
        return "usage: ./kefu version";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        out.println("kefu " + version() + " (Java " + Runtime.version() + ")");
        return 0;
    }
}
