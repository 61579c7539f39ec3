package io.kefu.handlers.plugin;

import java.util.Map;

/** An operator command for one store ({@code POST /plugins/{id}/commands/{name}?store=…}). */
@FunctionalInterface
public interface AdminCommand {
    /** Returns the text shown to the operator. Throw {@link IllegalArgumentException} for bad arguments. */
    String run(StoreScope store, Map<String, String> args) throws Exception;
}
