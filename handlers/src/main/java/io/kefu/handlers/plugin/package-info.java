/**
 * The kefu plugin API — the only kefu package a plugin may import (its class loader refuses every
 * other {@code io.kefu} class).
 *
 * <p>A plugin is a jar in kefu's {@code plugins/} folder that lists its {@link io.kefu.handlers.plugin.KefuPlugin}
 * implementation in {@code META-INF/services/io.kefu.handlers.plugin.KefuPlugin} and carries its own
 * libraries under {@code lib/} inside the jar. When loaded, kefu calls
 * {@link io.kefu.handlers.plugin.KefuPlugin#start(PluginContext)}; the plugin registers what it
 * does through the {@link io.kefu.handlers.plugin.PluginContext}:
 *
 * <pre>{@code
 * public final class CouponPlugin implements KefuPlugin {
 *     public String id() { return "coupon"; }
 *     public String version() { return "1.0.0"; }
 *     public void start(PluginContext ctx) {
 *         ctx.onIntent("price_promotion", turn ->
 *             turn.reply("Use code " + turn.config().get("code", "WELCOME") + " at checkout"));
 *     }
 * }
 * }</pre>
 *
 * <p>What kefu guarantees a plugin: it only ever sees turns, configuration and storage of stores
 * that enabled it, one store at a time; its calls run on its own threads under a time budget;
 * what a handler asks for (replies, slots, a hand-off) is applied only when the handler returns in
 * time with valid actions — otherwise the buyer gets the fallback reply and the failure is counted
 * against the plugin. A plugin that keeps failing is switched off by a circuit breaker.
 */
package io.kefu.handlers.plugin;
