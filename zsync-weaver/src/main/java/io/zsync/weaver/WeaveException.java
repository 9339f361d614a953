package io.zsync.weaver;

/**
 * The weaver cannot rewrite a class: a suspending call where it cannot be resumed (in a
 * constructor, while a monitor is held, between a {@code new} it cannot move and the constructor
 * call), bytecode
 * it does not handle, or a class it needs to analyse that is not on the class path. The message
 * names the class and method, the source line where known, and what to do.
 */
public class WeaveException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, where, and what to do about it
     */
    public WeaveException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, where, and what to do about it
     * @param cause   what the analysis tripped on
     */
    public WeaveException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A refusal located at a method and, if {@code line > 0}, a source line. */
    static WeaveException at(String owner, String method, String descriptor, int line, String problem) {
        String where = owner.replace('/', '.') + "." + method + descriptor + (line > 0 ? " (line " + line + ")" : "");
        return new WeaveException(where + ": " + problem);
    }
}
