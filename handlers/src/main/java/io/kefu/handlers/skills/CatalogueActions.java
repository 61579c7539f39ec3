package io.kefu.handlers.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefu.handlers.dialogue.ActionInput;
import io.kefu.handlers.dialogue.FlowAction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Actions answered from the store's own data rather than the ERP: which product the buyer means,
 * the size its chart recommends, and the store's promotions. They finish at once, so the time
 * budget never applies; they are actions anyway so flows can use them like any other step.
 */
public final class CatalogueActions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Function<String, Catalogue> catalogues;

    /** @param catalogues store id → its catalogue */
    public CatalogueActions(Function<String, Catalogue> catalogues) {
        this.catalogues = catalogues;
    }

    public Map<String, FlowAction> all() {
        Map<String, FlowAction> m = new LinkedHashMap<>();
        m.put("product.find", local((in, slots) -> {
            String said = in.slot("product_text").isEmpty() ? in.text() : in.slot("product_text");
            return catalogues.apply(in.storeId()).find(said).map(p -> {
                slots.put("sku", p.sku());
                slots.put("product.zh", p.nameZh());
                slots.put("product.en", p.nameEn());
                return "found";
            }).orElse("not_found");
        }));
        m.put("size.advise", local((in, slots) -> {
            var product = catalogues.apply(in.storeId()).products().stream()
                    .filter(p -> p.sku().equals(in.slot("sku"))).findFirst();
            if (product.isEmpty() || product.get().sizes().isEmpty()) {
                return "no_chart";
            }
            int h = number(in.slot("height"));
            int w = number(in.slot("weight"));
            return Catalogue.recommend(product.get(), h, w).map(size -> {
                slots.put("recommended", size);
                return "ok";
            }).orElse("no_fit");
        }));
        m.put("promotions.list", local((in, slots) -> {
            var promos = catalogues.apply(in.storeId()).promotions();
            if (promos.isEmpty()) {
                return "none";
            }
            StringBuilder zh = new StringBuilder();
            StringBuilder en = new StringBuilder();
            for (int i = 0; i < promos.size(); i++) {
                zh.append('\n').append(i + 1).append(". ").append(promos.get(i).zh());
                en.append('\n').append(i + 1).append(". ").append(promos.get(i).en());
            }
            slots.put("promotions.zh", zh.toString());
            slots.put("promotions.en", en.toString());
            return "ok";
        }));
        return m;
    }

    /** "175cm" / "60kg" (the entity extractor's normal form) or a bare number. */
    static int number(String s) {
        String digits = s.replaceAll("[^0-9.]", "");
        return digits.isEmpty() ? 0 : (int) Math.round(Double.parseDouble(digits));
    }

    private interface Local {
        String run(ActionInput in, Map<String, String> slots);
    }

    private static FlowAction local(Local body) {
        return new FlowAction() {
            @Override
            public CompletableFuture<JsonNode> start(ActionInput in) {
                return CompletableFuture.completedFuture(JSON.createObjectNode());
            }

            @Override
            public String interpret(JsonNode answer, ActionInput in, Map<String, String> slots) {
                return body.run(in, slots);
            }
        };
    }
}
