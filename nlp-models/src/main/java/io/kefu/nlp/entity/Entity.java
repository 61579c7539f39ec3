package io.kefu.nlp.entity;

/**
 * A span of the buyer's message that names something the bot can act on.
 *
 * @param type       one of the {@code TYPE_*} constants of {@link EntityExtractor}
 * @param value      the text as the buyer wrote it ({@code text.substring(start, end)})
 * @param start      offset in the original message (UTF-16 chars)
 * @param end        exclusive end offset
 * @param normalized canonical form: digits only for ids and phones, "29.90 CNY" for amounts,
 *                   "XL" / "42" for sizes, "175cm", "60kg", an English colour name, ISO dates
 */
public record Entity(String type, String value, int start, int end, String normalized) {}
