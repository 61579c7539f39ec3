package io.kefu.handlers.config;

/**
 * @param fallbacksBeforeHandoff consecutive not-understood messages before a person is called
 *                               (1 = the first one already escalates)
 */
public record HandoffConfig(int fallbacksBeforeHandoff) {
}
