package io.zsync.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zsync.Io;
import io.zsync.spi.Handle;
import io.zsync.spi.IoDriver;
import io.zsync.spi.IoDriverFactory;
import io.zsync.spi.IoError;
import io.zsync.spi.Op;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The I/O contract is the backend's, not NIO's: no {@code java.nio.channels} type appears in the
 * public {@code Io}, nor in the driver SPI's operation signatures. (The NIO driver's own optional
 * extensions, {@code ChannelReadiness} and {@code ChannelHandles}, are NIO by definition and are
 * reached through {@code IoDriver.extension}.)
 */
class NoChannelsInContractsTest {

    @Test
    void neitherIoNorTheDriverContractNamesAChannelType() {
        List<String> found = new ArrayList<>();
        for (Class<?> type : List.of(Io.class, IoDriver.class, Op.class, Op.Waker.class, Handle.class, IoError.class,
                IoDriverFactory.class)) {
            for (Method method : type.getMethods()) {
                if (!Modifier.isPublic(method.getModifiers()) || method.getDeclaringClass() == Object.class) {
                    continue;
                }
                check(found, method, method.getGenericReturnType());
                for (Type parameter : method.getGenericParameterTypes()) {
                    check(found, method, parameter);
                }
            }
        }
        assertEquals(List.of(), found, "java.nio.channels types in the I/O contract");
    }

    private static void check(List<String> found, Method method, Type type) {
        if (type.getTypeName().contains("java.nio.channels.")) {
            found.add(method.getDeclaringClass().getSimpleName() + "." + method.getName() + ": " + type.getTypeName());
        }
    }
}
