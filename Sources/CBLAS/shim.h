// OpenBLAS's CBLAS interface, found through pkg-config `openblas`.
#include <cblas.h>
