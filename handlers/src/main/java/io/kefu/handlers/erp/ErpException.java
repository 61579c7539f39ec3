package io.kefu.handlers.erp;

/** An ERP call that produced no usable answer. {@link Kind} says whether asking again could help. */
public final class ErpException extends RuntimeException {
    public enum Kind {
        /** timeouts, connection errors, 5xx, an open circuit breaker: the ERP is unwell */
        UNAVAILABLE,
        /** not JSON, missing fields, a wrong response signature: never trust it */
        BAD_RESPONSE,
        /** the ERP understood and said no (business code ≠ 0): e.g. already shipped, not found */
        REFUSED
    }

    private final Kind kind;
    private final int code;

    public ErpException(Kind kind, int code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The ERP's business code for {@link Kind#REFUSED}, the HTTP status or 0 otherwise. */
    public int code() {
        return code;
    }
}
