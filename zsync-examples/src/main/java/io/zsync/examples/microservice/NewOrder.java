package io.zsync.examples.microservice;

import java.util.regex.Pattern;

/** What {@code POST /orders} takes: {@code {"sku": "ABC-1", "quantity": 3}}; a field left out is {@code null}. */
record NewOrder(String sku, Integer quantity) {

    static final int MAX_QUANTITY = 1000;
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9-]{1,32}");

    /** What is wrong with it, said so that the caller knows what to send, or {@code null} if nothing is. */
    String problem() {
        if (sku == null) {
            return "sku is missing; send the product's sku, such as \"ABC-1\"";
        }
        if (!SKU.matcher(sku).matches()) {
            return "sku '" + sku + "' is not 1 to 32 letters, digits or '-'";
        }
        if (quantity == null) {
            return "quantity is missing; send 1 to " + MAX_QUANTITY;
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            return "quantity is " + quantity + "; send 1 to " + MAX_QUANTITY;
        }
        return null;
    }
}
