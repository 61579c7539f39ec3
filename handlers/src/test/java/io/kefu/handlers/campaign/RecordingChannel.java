package io.kefu.handlers.campaign;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Passes messages to the real channel and remembers each hand-over, when it happened and whether it was new. */
final class RecordingChannel implements ProactiveChannel {
    record Delivery(String taskId, String buyer, String text, boolean fresh, Instant at) {}

    private final ProactiveChannel real;
    private final Clock clock;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    RecordingChannel(ProactiveChannel real, Clock clock) {
        this.real = real;
        this.clock = clock;
    }

    @Override
    public boolean deliver(ProactiveMessage m) {
        boolean fresh = real.deliver(m);
        deliveries.add(new Delivery(m.id(), m.buyerId(), m.text(), fresh, clock.instant()));
        return fresh;
    }

    List<String> freshIds() {
        return deliveries.stream().filter(Delivery::fresh).map(Delivery::taskId).toList();
    }
}
