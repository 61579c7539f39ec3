package io.kefu.sandbox.erp;

import java.util.List;
import java.util.Map;

/** The demo store's products (names in zh and en), as the ERP knows them: SKUs, prices, stock per variant. */
final class DemoCatalogue {
    record Product(String sku, String zh, String en, double price, Map<String, Integer> stock) {}

    static final List<Product> PRODUCTS = List.of(
            new Product("T100", "纯棉圆领T恤", "cotton crew-neck tee", 79,
                    Map.of("S/white", 12, "M/white", 30, "L/white", 0, "XL/white", 4, "M/black", 18, "L/black", 9)),
            new Product("J200", "修身牛仔裤", "slim-fit jeans", 199,
                    Map.of("S/blue", 6, "M/blue", 0, "L/blue", 11, "XL/blue", 2)),
            new Product("D300", "碎花连衣裙", "floral summer dress", 259,
                    Map.of("S/red", 3, "M/red", 7, "L/red", 0)),
            new Product("C400", "轻薄羽绒服", "lightweight down jacket", 899,
                    Map.of("M/black", 0, "L/black", 0, "XL/black", 1)),
            new Product("S500", "缓震跑步鞋", "cushioned running shoes", 399,
                    Map.of("40/grey", 5, "41/grey", 0, "42/grey", 8, "43/grey", 3)));

    private DemoCatalogue() {
    }

    static Product bySku(String sku) {
        return PRODUCTS.stream().filter(p -> p.sku().equalsIgnoreCase(sku)).findFirst().orElse(null);
    }
}
