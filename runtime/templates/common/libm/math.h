/*
 * MicroTvm firmware templates: <math.h> for the boards that link no C library (every QEMU
 * board). It shadows the toolchain's header (its directory comes first on the include path)
 * and declares only what generated kernels use: the functions of mathf.c, NAN and INFINITY.
 */
#ifndef MTVM_LIBM_MATH_H_
#define MTVM_LIBM_MATH_H_

#ifdef __cplusplus
extern "C" {
#endif

#define NAN (__builtin_nanf(""))
#define INFINITY (__builtin_inff())

float expf(float x);
float logf(float x);
float tanhf(float x);
float sqrtf(float x);
float floorf(float x);
float rintf(float x);
float roundf(float x);

#ifdef __cplusplus
}
#endif

#endif /* MTVM_LIBM_MATH_H_ */
