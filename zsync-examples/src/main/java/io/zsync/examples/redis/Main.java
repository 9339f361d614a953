package io.zsync.examples.redis;

import io.zsync.Io;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sends one command to a Redis server and prints its reply, as {@code redis-cli} does:
 * {@code java -m io.zsync.examples/io.zsync.examples.redis.Main [-h HOST] [-p PORT] [-3] COMMAND [ARG...]}
 * (127.0.0.1, 6379 and RESP2 by default; {@code -3} speaks RESP3). The backend is the system
 * property {@code zsync.io}'s, {@code virtual} by default.
 */
public final class Main {

    private Main() {}

    /** Runs the command the arguments give; exits with 1 and a message on stderr if it fails. */
    public static void main(String[] args) throws IOException {
        String host = "127.0.0.1";
        int port = 6379;
        int protocol = 2;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            switch (args[i]) {
                case "-h" -> host = args[++i];
                case "-p" -> port = Integer.parseInt(args[++i]);
                case "-3" -> protocol = 3;
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: Main [-h HOST] [-p PORT] [-3] COMMAND [ARG...]");
                    System.exit(2);
                }
            }
        }
        String[] command = i < args.length ? Arrays.copyOfRange(args, i, args.length) : new String[] {"PING"};
        RedisConfig config = RedisConfig.of(host, port).withProtocol(protocol);
        try (Io io = Io.open();
                RedisConnection redis = RedisConnection.open(io, config)) {
            System.out.println(render(redis.command(command), ""));
        } catch (RedisServerException e) {
            System.err.println("(error) " + e.getMessage());
            System.exit(1);
        }
    }

    /** The reply as redis-cli shows it, nested elements indented. */
    static String render(Reply reply, String indent) {
        return switch (reply) {
            case Reply.NullReply n -> "(nil)";
            case Reply.IntegerReply(long value) -> "(integer) " + value;
            case Reply.DoubleReply(double value) -> "(double) " + value;
            case Reply.BooleanReply(boolean value) -> value ? "(true)" : "(false)";
            case Reply.BigNumberReply(var value) -> "(big number) " + value;
            case Reply.ErrorReply(String message) -> "(error) " + message;
            case Reply.SimpleString(String value) -> value;
            case Reply.BulkString b -> '"' + b.asString() + '"';
            case Reply.VerbatimString v -> v.asString();
            case Reply.ArrayReply(List<Reply> elements) -> list(elements, indent);
            case Reply.SetReply(List<Reply> elements) -> list(elements, indent);
            case Reply.PushReply(List<Reply> elements) -> list(elements, indent);
            case Reply.MapReply(Map<Reply, Reply> entries) -> {
                StringBuilder shown = new StringBuilder(entries.isEmpty() ? "(empty map)" : "");
                int n = 1;
                for (Map.Entry<Reply, Reply> entry : entries.entrySet()) {
                    shown.append(n == 1 ? "" : "\n" + indent).append(n++).append("# ").append(render(entry.getKey(), indent + "   "))
                            .append(" => ").append(render(entry.getValue(), indent + "   "));
                }
                yield shown.toString();
            }
        };
    }

    private static String list(List<Reply> elements, String indent) {
        StringBuilder shown = new StringBuilder(elements.isEmpty() ? "(empty array)" : "");
        for (int n = 1; n <= elements.size(); n++) {
            shown.append(n == 1 ? "" : "\n" + indent).append(n).append(") ").append(render(elements.get(n - 1), indent + "   "));
        }
        return shown.toString();
    }
}
