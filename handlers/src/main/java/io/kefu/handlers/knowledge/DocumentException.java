package io.kefu.handlers.knowledge;

/** A knowledge document that cannot be imported; the message names the document and line. */
public final class DocumentException extends Exception {
    public DocumentException(String document, int line, String problem) {
        super(document + ":" + line + ": " + problem);
    }
}
