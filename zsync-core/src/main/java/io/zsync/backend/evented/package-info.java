/**
 * The {@code evented} backend: N event loops, each a {@link io.zsync.coroutine.CoroutineCarrier}
 * thread with a run queue, a timer heap and a NIO selector, running the woven, stackless
 * coroutines of its tasks; plus a bounded pool for blocking work. Opened by
 * {@code Io.open("evented")} through {@link io.zsync.backend.evented.EventedProvider}.
 */
package io.zsync.backend.evented;

/*
 * A task's life on evented (maintainers' notes)
 * ==============================================
 *
 * Three state machines move together: the task's Future (io.zsync), its EventedStrand's atomic
 * state byte, and the strand's Coroutine's mode (io.zsync.coroutine). Only the loop thread steps
 * a strand; other threads reach it only through unpark() (a CAS on the state) and the loop's
 * queues. Row by row, in the order a task meets them:
 *
 *  event                     Future                 EventedStrand.state      Coroutine mode          who (thread)
 *  ------------------------  ---------------------  -----------------------  ----------------------  ---------------------------
 *  spawned (tryStart)        made; body held        IDLE -> RUNNING          IDLE                    spawner: EventLoop.spawn,
 *                                                   (assign)                                         pooled strand or a new one
 *                                                                                                    (always new off the loop);
 *                                                                                                    queued local or foreign
 *  first step                run(): strand set,     RUNNING                  IDLE -> RUNNING (step)  loop: step -> addLive,
 *                            attached to strand                                                      strand.step()
 *  unpark while it runs      (a grant, a cancel     RUNNING -> PERMIT        -                       any thread (CAS)
 *                            request, a wake)
 *  park, permit there        -                      PERMIT -> RUNNING;       RUNNING                 the task, on the loop
 *                                                   park returns at once
 *  park suspends             -                      RUNNING (until the       RUNNING -> SUSPENDING   the task: timers.arm if a
 *                                                   frames are saved)        (suspend()); frames     deadline, co.suspend()
 *                                                                            saved as woven methods
 *                                                                            return; -> SUSPENDED
 *                                                                            (step returns false)
 *  step returned suspended   -                      RUNNING -> SUSPENDED;    SUSPENDED               loop: suspended(); the
 *                                                   or PERMIT -> SCHEDULED                           generation is kept for
 *                                                   and requeued at once                             the resume
 *  unpark while suspended    -                      SUSPENDED -> SCHEDULED   SUSPENDED               any thread; only the CAS
 *                                                   + loop.schedule                                  winner queues the strand
 *  deadline passes           -                      SUSPENDED -> SCHEDULED   SUSPENDED               loop: TimerHeap.expire ->
 *                                                   + schedule                                       expired(), same CAS
 *  resumed step              -                      SCHEDULED -> RUNNING     SUSPENDED -> RESUMING   loop: step(): timer
 *                                                                            (resume(generation))    disarmed; frames restored
 *                                                                            -> RUNNING at the       down to the leaf
 *                                                                            leaf's enterLeaf()
 *  yieldNow                  -                      RUNNING -> PERMIT, then  as park suspends        the task; the permit
 *                                                   suspended() requeues:                            makes suspended() requeue
 *                                                   PERMIT -> SCHEDULED                              it behind queued work
 *  task ends                 run() records the      -> IDLE (ended());       RUNNING -> IDLE (step   loop: removeLive, ended(),
 *                            outcome, detaches,     pooled if the loop keeps returns true); then     pooled (at most 256), then
 *                            clears strand          fewer than 256           recycle(): generation   job.publish() -> complete():
 *                                                                            +1, references cleared  done, awaiters woken
 *  backend closes            abandoned(): failed    never stepped again;     left SUSPENDED (or      loop thread in end(): live
 *                            canceled, done,        not pooled               IDLE if never begun);   strands, then queued ones
 *                            reported as a leak                              frames dropped          never started
 *
 * Invariants the rows rely on:
 * - Exactly one resume per suspension: unparkers and the deadline race on SUSPENDED -> SCHEDULED,
 *   and only the winner queues the strand; the loser's unpark is spurious at worst.
 * - An unpark between co.suspend() and suspended() finds RUNNING and leaves PERMIT, which
 *   suspended() turns into an immediate requeue: no wake-up is lost while frames are saved.
 * - A strand is reused task after task; an unpark meant for its previous task wakes the next one
 *   spuriously, which Strand allows. A stale resume of a recycled coroutine fails on the
 *   generation check (modulo 2^16).
 * - The free-before-publish rule of Backend.tryStart: the strand is idle and pooled before
 *   job.publish() wakes the awaiters, so an awaiter on this loop that spawns at once reuses it.
 * - The loop thread's interrupt status is the running task's: step() restores the one the task
 *   left when it suspended and takes it back when the step ends.
 */
