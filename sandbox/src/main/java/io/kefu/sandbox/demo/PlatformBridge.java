package io.kefu.sandbox.demo;

import java.util.List;

/**
 * The buyer's side of one platform channel in the demo: a person on the chat page "writes on
 * Slack" (the simulator delivers the event to kefu exactly as the platform would) and reads what
 * kefu sent to that buyer through the platform's API (the simulator's record).
 */
interface PlatformBridge {
    /** The buyer writes {@code text}; blocks until the platform has delivered it to kefu. */
    void say(String buyer, String text);

    /** Everything kefu sent to this buyer on the platform, oldest first (append-only). */
    List<String> replies(String buyer);

    /** kefu listens on {@code port}: point webhook deliveries there. */
    default void nodeStarted(int port) {
    }

    /** Letters and digits of the page's buyer id: what the platform user ids are made of. */
    static String plain(String buyer) {
        return buyer.replaceAll("[^A-Za-z0-9]", "");
    }
}
