// oneDNN's C API (Debian's libdnnl-dev), for the bf16 and int8 matrix products.
#include <oneapi/dnnl/dnnl.h>

// From libgomp (oneDNN's threading runtime here): the engine runs oneDNN on its own threads, one
// OpenMP thread each.
void omp_set_num_threads(int count);
