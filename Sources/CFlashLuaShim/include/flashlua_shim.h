#ifndef FLASHLUA_SHIM_H
#define FLASHLUA_SHIM_H
// The runtime's only door to libc. Keep it tiny: number formatting/parsing and libm.
#include <stddef.h>
#include <stdint.h>

/// snprintf(buf, size, fmt, value) for one double conversion; returns the length written.
int flua_format_double(char *buf, size_t size, const char *fmt, double value);
/// snprintf(buf, size, fmt, value) for one integer conversion (fmt uses %lld / %llx ...).
int flua_format_integer(char *buf, size_t size, const char *fmt, long long value);
/// snprintf(buf, size, fmt, value) for one int conversion (%c).
int flua_format_int(char *buf, size_t size, const char *fmt, int value);
/// snprintf for one C string conversion (%s with flags/width/precision).
int flua_format_cstring(char *buf, size_t size, const char *fmt, const char *value);
/// strtod in the C locale; *consumed is the number of bytes used (0: no number).
double flua_strtod(const char *text, size_t *consumed);

/// write(2) to a file descriptor (1 stdout, 2 stderr).
long flua_write(int fd, const void *bytes, size_t count);

double flua_fmod(double a, double b);
double flua_pow(double a, double b);
double flua_floor(double a);
double flua_ceil(double a);
double flua_sqrt(double a);
double flua_sin(double a);
double flua_cos(double a);
double flua_tan(double a);
double flua_asin(double a);
double flua_acos(double a);
double flua_atan2(double a, double b);
double flua_exp(double a);
double flua_log(double a);
double flua_log2(double a);
double flua_log10(double a);
double flua_fabs(double a);
double flua_frexp(double a, int *exponent);
double flua_ldexp(double a, int exponent);

/// Single-precision libm (NodeMCU's 32-bit float model computes with these: l_mathop(x) is xf).
float flua_fmodf(float a, float b);
float flua_powf(float a, float b);
float flua_sqrtf(float a);
float flua_sinf(float a);
float flua_cosf(float a);
float flua_tanf(float a);
float flua_asinf(float a);
float flua_acosf(float a);
float flua_atan2f(float a, float b);
float flua_expf(float a);
float flua_logf(float a);
float flua_log2f(float a);
float flua_log10f(float a);

#endif
