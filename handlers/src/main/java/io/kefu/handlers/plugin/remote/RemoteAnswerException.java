package io.kefu.handlers.plugin.remote;

/** A remote plugin's answer was unsigned, wrongly signed, or not the JSON the protocol defines. */
public final class RemoteAnswerException extends Exception {
    public RemoteAnswerException(String message) {
        super(message);
    }
}
