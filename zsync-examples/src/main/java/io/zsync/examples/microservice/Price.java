package io.zsync.examples.microservice;

/** A price, as the price service answers {@code GET /prices/{sku}}: {@code {"sku": "ABC-1", "cents": 1250}}. */
record Price(String sku, long cents) {
}
