package io.zsync.weaver;

/**
 * What a woven class registers of one of its woven methods when it is initialised, for
 * {@code Coroutine.suspendedAt()}: its name and number, and per state (suspend point) the source
 * line of the call and the primitive slots of the frame saved there, header included.
 */
record FrameTable(String methodName, int methodId, int[] lineByState, int[] primSlotsByState) {}
