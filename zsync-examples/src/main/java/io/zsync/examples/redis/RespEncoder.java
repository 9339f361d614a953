package io.zsync.examples.redis;

import io.zsync.io.Writer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * Commands on the wire: an array of bulk strings, the one form of request both protocols take
 * ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}), and the checks on the arguments a command is made of.
 */
final class RespEncoder {

    private static final byte[] CRLF = {'\r', '\n'};

    private RespEncoder() {}

    /** Writes {@code command} into {@code out}'s buffer; the caller flushes. */
    static void write(Writer out, byte[][] command) throws IOException {
        out.writeByte('*');
        out.print(Integer.toString(command.length));
        out.write(CRLF);
        for (byte[] argument : command) {
            out.writeByte('$');
            out.print(Integer.toString(argument.length));
            out.write(CRLF);
            out.write(argument);
            out.write(CRLF);
        }
    }

    /**
     * {@code args} as a command, each in UTF-8.
     *
     * @throws NullPointerException if {@code args} or one of them is {@code null}
     * @throws IllegalArgumentException if there is none
     */
    static byte[][] command(String... args) {
        Objects.requireNonNull(args, "args is null; pass the command and its arguments, such as \"GET\", \"key\"");
        requireSome(args.length);
        byte[][] command = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            int index = i;
            command[i] = Objects.requireNonNull(args[i], () -> "argument " + index + " of the command is null;"
                    + " pass a string (Redis has no null argument)").getBytes(StandardCharsets.UTF_8);
        }
        return command;
    }

    /**
     * {@code args} as a command, checked; the arrays are the caller's, not copied: do not change
     * them until the command was sent.
     *
     * @throws NullPointerException if {@code args} or one of them is {@code null}
     * @throws IllegalArgumentException if there is none
     */
    static byte[][] command(byte[]... args) {
        Objects.requireNonNull(args, "args is null; pass the command and its arguments");
        requireSome(args.length);
        for (int i = 0; i < args.length; i++) {
            int index = i;
            Objects.requireNonNull(args[i], () -> "argument " + index + " of the command is null;"
                    + " pass a byte array (Redis has no null argument)");
        }
        return args.clone();
    }

    private static void requireSome(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no command; pass its name and arguments, such as \"GET\", \"key\"");
        }
    }

    /** The command's name, for messages: its first argument in capitals, cut short if long. */
    static String name(byte[][] command) {
        String name = new String(command[0], 0, Math.min(command[0].length, 32), StandardCharsets.UTF_8);
        return name.toUpperCase(Locale.ROOT);
    }
}
