/*
 * JDK natives that the JDK's own classes declare but Debian's static libraries lack: the libraries come from
 * Debian's build of a slightly older 25 update than the Temurin JDK whose classes go into the image, and an
 * update may add a native. toolchain.sh compares the two and stops, naming the function, when one is missing
 * here as well.
 */
#include <jni.h>
#include <unistd.h>

/* java.io.Console (25.0.3): which of stdin, stdout and stderr are terminals, as bits 1, 2 and 4. */
JNIEXPORT jint JNICALL Java_java_io_Console_ttyStatus(JNIEnv *env, jclass cls) {
    (void) env;
    (void) cls;
    return (isatty(STDIN_FILENO) ? 1 : 0) | (isatty(STDOUT_FILENO) ? 2 : 0) | (isatty(STDERR_FILENO) ? 4 : 0);
}
