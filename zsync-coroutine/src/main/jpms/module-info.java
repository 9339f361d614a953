/**
 * Stackless coroutines: what code woven by the zsync weaver, the suspending primitives of a
 * backend and the backend itself share. See {@link io.zsync.coroutine.Coroutine}.
 */
module io.zsync.coroutine {
    exports io.zsync.coroutine;
}
