package io.zsync.examples.microservice;

/** The price of an order could not be had: {@link #status()} is what the order service answers. */
final class PriceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    PriceException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** 422 for a sku without a price, 502 for a price service down or answering nonsense, 504 for one too slow. */
    int status() {
        return status;
    }
}
