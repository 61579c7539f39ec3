package io.kefu.handlers.campaign;

/** An order event that can never be processed (poison): the feed reports it failed instead of retrying. */
public final class InvalidOrderEventException extends IllegalArgumentException {
    public InvalidOrderEventException(String message) {
        super(message);
    }
}
