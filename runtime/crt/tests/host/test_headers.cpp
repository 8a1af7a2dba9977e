// The public headers compile as C++ (extern "C" guards) and link against the C library.
#include "mtvm/fixed_point.h"
#include "mtvm/format.h"
#include "mtvm/platform.h"
#include "mtvm/runtime.h"
#include "mtvm/status.h"
#include "mtvmgen_tiny_cnn.h"

#include <cstdio>
#include <cstring>

int main()
{
    int failures = 0;
    if (std::strcmp(mtvm_status_name(MTVM_ERR_KERNEL), "MTVM_ERR_KERNEL") != 0) {
        ++failures;
    }
    mtvm_context_t context;
    if (mtvm_context_init(&context) != MTVM_OK) {
        ++failures;
    }
    if (mtvm_run(&mtvmgen_tiny_cnn_model, nullptr, nullptr, &context) != MTVM_ERR_NULL_ARGUMENT) {
        ++failures;
    }
    if (mtvm_multiply_by_quantized_multiplier(100, 1 << 30, 0) != 50) {
        ++failures;
    }
    std::printf("C++ header check: %d failures\n", failures);
    return failures == 0 ? 0 : 1;
}
