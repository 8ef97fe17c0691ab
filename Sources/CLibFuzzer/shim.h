// libFuzzer's driver, as libclang_rt.fuzzer exports it (the binary is linked with -sanitize=fuzzer). Only
// `rerank-fuzz` built with -D FUZZING calls it: SwiftPM makes an executable's own entry point `main`, so
// libFuzzer's `main` is not used and this starts fuzzing instead.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
