package io.zsync.http;

/**
 * The fields that frame a message and its connection ({@code Host}, {@code Content-Length},
 * {@code Transfer-Encoding}, {@code Connection}, {@code Expect}), found in one pass over its head:
 * how many of each came, and the last value ({@code Expect}: the first; {@code Connection}: the
 * options of all). The server's {@link RequestParser} and the client judge them by their own rules.
 */
final class FramingFields {

    int hosts;
    int lengths;
    String length;
    int codings;
    String coding;
    String expect;
    /** {@link HttpSyntax#CLOSE} and {@link HttpSyntax#KEEP_ALIVE}, of every {@code Connection} field. */
    int connectionOptions;

    /** The framing fields of {@code fields}. */
    static FramingFields of(Headers fields) {
        FramingFields framing = new FramingFields();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.name(i);
            String value = fields.value(i);
            switch (name.length()) {
                case 4 -> framing.hosts += name.equalsIgnoreCase("Host") ? 1 : 0;
                case 6 -> framing.expect = name.equalsIgnoreCase("Expect") && framing.expect == null ? value : framing.expect;
                case 10 -> {
                    if (name.equalsIgnoreCase("Connection")) {
                        framing.connectionOptions |= HttpSyntax.connectionOptions(value);
                    }
                }
                case 14 -> {
                    if (name.equalsIgnoreCase("Content-Length")) {
                        framing.lengths++;
                        framing.length = value;
                    }
                }
                case 17 -> {
                    if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        framing.codings++;
                        framing.coding = value;
                    }
                }
                default -> {
                }
            }
        }
        return framing;
    }
}
