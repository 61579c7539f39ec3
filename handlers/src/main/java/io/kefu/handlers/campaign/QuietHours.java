package io.kefu.handlers.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours of a store's day in which no proactive message goes out (default 22:00–08:00 in the
 * store's time zone). A window may wrap midnight; start == end means "never quiet".
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
    public static final QuietHours DEFAULT = new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("Asia/Shanghai"));

    public boolean isQuiet(Instant t) {
        if (start.equals(end)) {
            return false;
        }
        LocalTime local = t.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The first instant at or after {@code t} that is not quiet. */
    public Instant nextAllowed(Instant t) {
        if (!isQuiet(t)) {
            return t;
        }
        ZonedDateTime z = t.atZone(zone);
        LocalDate day = z.toLocalTime().isBefore(end) ? z.toLocalDate() : z.toLocalDate().plusDays(1);
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    /** Parses {@code HH:mm-HH:mm}; the caller names the key in its error. */
    static QuietHours parse(String s, ZoneId zone) {
        String[] parts = s.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HH:mm-HH:mm (got '" + s + "')");
        }
        return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), zone);
    }
}
