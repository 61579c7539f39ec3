package io.kefu.handlers.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A store's products (names, aliases, size charts) and promotions, read from {@code products.yaml}
 * and {@code promotions.yaml}. The skills use it to find the product a buyer means, to recommend a
 * size, and to list the store's promotions.
 */
public final class Catalogue {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    public static final String DEMO = "/io/kefu/handlers/demo/";

    public record SizeRow(String size, int minHeight, int maxHeight, int minWeight, int maxWeight) {}

    public record Product(String sku, String nameZh, String nameEn, List<String> aliases, String descriptionZh,
                          String descriptionEn, List<SizeRow> sizes) {
        public String name(String language) {
            return "en".equals(language) ? nameEn : nameZh;
        }
    }

    public record Promotion(String zh, String en) {}

    private final List<Product> products;
    private final List<Promotion> promotions;

    public Catalogue(List<Product> products, List<Promotion> promotions) {
        this.products = List.copyOf(products);
        this.promotions = List.copyOf(promotions);
    }

    public static Catalogue demo() {
        try (InputStream p = Catalogue.class.getResourceAsStream(DEMO + "products.yaml");
             InputStream q = Catalogue.class.getResourceAsStream(DEMO + "promotions.yaml")) {
            return new Catalogue(products(YAML.readTree(p)), promotions(YAML.readTree(q)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code products.yaml} / {@code promotions.yaml} from a store's knowledge directory (both optional). */
    public static Catalogue from(Path dir) throws IOException {
        Path p = dir.resolve("products.yaml");
        Path q = dir.resolve("promotions.yaml");
        return new Catalogue(Files.exists(p) ? products(YAML.readTree(p.toFile())) : List.of(),
                Files.exists(q) ? promotions(YAML.readTree(q.toFile())) : List.of());
    }

    public List<Product> products() {
        return products;
    }

    public List<Promotion> promotions() {
        return promotions;
    }

    /** The product the text names (the longest matching name or alias wins), if any. */
    public Optional<Product> find(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        Product best = null;
        int bestLen = 0;
        for (Product p : products) {
            List<String> names = new ArrayList<>(p.aliases());
            names.add(p.nameZh());
            names.add(p.nameEn());
            names.add(p.sku());
            for (String n : names) {
                String ln = n.toLowerCase(Locale.ROOT);
                if (ln.length() > bestLen && (t.contains(ln) && (ln.length() > 2 || !ln.matches("[a-z]+") || t.matches(".*\\b" + ln + "\\b.*")))) {
                    best = p;
                    bestLen = ln.length();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The size whose chart ranges fit; when height and weight point to different sizes the larger one,
     * because a slightly loose garment can be worn and a tight one cannot.
     */
    public static Optional<String> recommend(Product p, int heightCm, int weightKg) {
        int byHeight = -1;
        int byWeight = -1;
        List<SizeRow> rows = p.sizes();
        for (int i = 0; i < rows.size(); i++) {
            SizeRow r = rows.get(i);
            if (byHeight < 0 && heightCm >= r.minHeight() && heightCm <= r.maxHeight()) {
                byHeight = i;
            }
            if (byWeight < 0 && weightKg >= r.minWeight() && weightKg <= r.maxWeight()) {
                byWeight = i;
            }
        }
        if (rows.isEmpty() || (byHeight < 0 && byWeight < 0)) {
            return Optional.empty();
        }
        if (byHeight < 0) {
            byHeight = heightCm > rows.get(rows.size() - 1).maxHeight() ? rows.size() - 1 : 0;
        }
        if (byWeight < 0) {
            byWeight = weightKg > rows.get(rows.size() - 1).maxWeight() ? rows.size() - 1 : 0;
        }
        return Optional.of(rows.get(Math.max(byHeight, byWeight)).size());
    }

    private static List<Product> products(JsonNode root) {
        List<Product> out = new ArrayList<>();
        for (JsonNode n : root.path("products")) {
            List<String> aliases = new ArrayList<>();
            n.path("aliases").forEach(a -> aliases.add(a.asText()));
            List<SizeRow> sizes = new ArrayList<>();
            for (JsonNode s : n.path("sizes")) {
                sizes.add(new SizeRow(s.path("size").asText(), s.path("height").path(0).asInt(), s.path("height").path(1).asInt(),
                        s.path("weight").path(0).asInt(), s.path("weight").path(1).asInt()));
            }
            out.add(new Product(n.path("sku").asText(), n.path("name").path("zh").asText(), n.path("name").path("en").asText(),
                    aliases, n.path("description").path("zh").asText(), n.path("description").path("en").asText(), sizes));
        }
        return out;
    }

    private static List<Promotion> promotions(JsonNode root) {
        List<Promotion> out = new ArrayList<>();
        root.path("promotions").forEach(n -> out.add(new Promotion(n.path("zh").asText(), n.path("en").asText())));
        return out;
    }
}
