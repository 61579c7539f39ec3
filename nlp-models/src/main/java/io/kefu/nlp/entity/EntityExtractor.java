package io.kefu.nlp.entity;

import io.kefu.nlp.text.Width;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every recognizer over a message and keeps non-overlapping entities. Recognizers are asked in
 * priority order (an 18-digit order id is never also a phone number inside it): on overlap the
 * earlier recognizer wins, then the longer span. Thread-safe and stateless.
 */
public final class EntityExtractor {

    public static final String ORDER_ID = "order_id";
    public static final String TRACKING_NUMBER = "tracking_number";
    public static final String PHONE = "phone";
    public static final String AMOUNT = "amount";
    public static final String SIZE = "size";
    public static final String HEIGHT = "height";
    public static final String WEIGHT = "weight";
    public static final String COLOR = "color";
    public static final String DATE = "date";

    private static final List<Recognizer> RECOGNIZERS = List.of(
            new TrackingNumbers(), new OrderIds(), new Phones(), new Dates(), new Amounts(), new BodyMeasures(), new Sizes(), new Colors());

    private EntityExtractor() {}

    public static List<Entity> extract(String text) {
        if (text == null || text.isEmpty()) return List.of();
        String folded = Width.toHalfWidth(text);
        List<Entity> kept = new ArrayList<>();
        for (Recognizer recognizer : RECOGNIZERS) {
            List<Entity> found = new ArrayList<>(recognizer.find(folded, text));
            found.sort(Comparator.comparingInt((Entity e) -> e.start() - e.end()));
            for (Entity e : found) {
                if (kept.stream().noneMatch(k -> k.start() < e.end() && e.start() < k.end())) kept.add(e);
            }
        }
        kept.sort(Comparator.comparingInt(Entity::start));
        return kept;
    }

    /** The entities of one type, in message order. */
    public static List<Entity> extract(String text, String type) {
        return extract(text).stream().filter(e -> e.type().equals(type)).toList();
    }
}
