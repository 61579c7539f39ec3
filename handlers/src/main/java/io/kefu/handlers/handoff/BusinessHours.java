package io.kefu.handlers.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When a store's agents work, e.g. 09:00–22:00 Monday to Saturday in Asia/Shanghai. Outside these
 * hours a handoff still opens a ticket (it waits in the queue) but the buyer is told when people
 * are back instead of being promised someone now. {@code close} before {@code open} means the
 * shift runs past midnight.
 */
public record BusinessHours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days) {
    public static final BusinessHours ALWAYS = new BusinessHours(ZoneId.of("UTC"), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
            EnumSet.allOf(DayOfWeek.class));

    public BusinessHours {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public boolean always() {
        return open.equals(close) && days.size() == 7;
    }

    public boolean isOpen(Instant at) {
        if (always()) {
            return true;
        }
        ZonedDateTime t = at.atZone(zone);
        LocalTime now = t.toLocalTime();
        if (!close.isBefore(open) && !open.equals(close)) {
            return days.contains(t.getDayOfWeek()) && !now.isBefore(open) && now.isBefore(close);
        }
        // Overnight (or 24 h) shift: the part after midnight belongs to the previous day's shift.
        if (!now.isBefore(open)) {
            return days.contains(t.getDayOfWeek());
        }
        return now.isBefore(close) && days.contains(t.getDayOfWeek().minus(1));
    }

    /** The next moment the desk opens (at or after {@code from}); {@code from} itself when open. */
    public ZonedDateTime nextOpening(Instant from) {
        if (isOpen(from)) {
            return from.atZone(zone);
        }
        ZonedDateTime day = from.atZone(zone).with(open).withSecond(0).withNano(0);
        for (int i = 0; i < 8; i++) {
            ZonedDateTime candidate = day.plusDays(i);
            if (!candidate.toInstant().isBefore(from) && days.contains(candidate.getDayOfWeek())) {
                return candidate;
            }
        }
        return from.atZone(zone); // no working day at all: say "now" rather than never
    }
}
