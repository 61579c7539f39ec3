package io.kefu.nlp.intent;

import org.slf4j.Logger;

/** Where long work reports how far it got: the log for servers, the terminal for the CLI. */
@FunctionalInterface
public interface Progress {

    void report(String message);

    static Progress log(Logger logger) {
        return logger::info;
    }

    static Progress none() {
        return message -> {};
    }
}
