package io.zsync.examples.microservice;

/** An order as the order service keeps and answers it, its prices in cents. */
record Order(long id, String sku, int quantity, long unitCents, long totalCents) {
}
