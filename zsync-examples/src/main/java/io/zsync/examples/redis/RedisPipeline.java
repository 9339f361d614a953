package io.zsync.examples.redis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Commands sent together on one connection and their replies read together, in order: one round
 * trip for all of them instead of one each.
 *
 * <pre>{@code
 * List<Reply> replies = redis.pipeline()
 *         .add("SET", "a", "1").add("INCR", "a").add("GET", "a")
 *         .execute();                                       // [OK, 2, "2"]
 * }</pre>
 *
 * A {@code MULTI} ... {@code EXEC} in a pipeline is a transaction in one round trip. An error
 * reply is not thrown: it is the {@link Reply.ErrorReply} at its command's index, and the
 * commands after it still ran. Not thread-safe; build and execute it in one task.
 */
public final class RedisPipeline {

    private final RedisCommands target;
    private final List<byte[][]> commands = new ArrayList<>();

    RedisPipeline(RedisCommands target) {
        this.target = target;
    }

    /**
     * Adds a command, such as {@code "HSET", "h", "f", "v"}, each argument in UTF-8.
     *
     * @return this pipeline
     * @throws IllegalArgumentException if {@code args} is empty
     */
    public RedisPipeline add(String... args) {
        commands.add(RespEncoder.command(args));
        return this;
    }

    /**
     * Adds a command, binary-safe: each argument is sent as its bytes. Do not change the arrays
     * until {@link #execute()} returns.
     *
     * @return this pipeline
     */
    public RedisPipeline add(byte[]... args) {
        commands.add(RespEncoder.command(args));
        return this;
    }

    /** How many commands were added since the last {@link #execute()}. */
    public int size() {
        return commands.size();
    }

    /**
     * Sends the commands and reads their replies, on one connection; the pipeline is then empty,
     * to be filled again. A cancellation point: canceled (or past the command timeout, which
     * bounds the pipeline as a whole) before the last reply came, it throws and its connection is
     * closed; which commands ran is unknown.
     *
     * @return the replies, the {@code i}th that of the {@code i}th command; empty if there was none
     */
    public List<Reply> execute() throws IOException {
        if (commands.isEmpty()) {
            return List.of();
        }
        List<byte[][]> sent = List.copyOf(commands);
        commands.clear();
        return target.executeAll(sent);
    }
}
