#include "flashlua_shim.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int flua_format_double(char *buf, size_t size, const char *fmt, double value) { return snprintf(buf, size, fmt, value); }
int flua_format_integer(char *buf, size_t size, const char *fmt, long long value) { return snprintf(buf, size, fmt, value); }
int flua_format_int(char *buf, size_t size, const char *fmt, int value) { return snprintf(buf, size, fmt, value); }
int flua_format_cstring(char *buf, size_t size, const char *fmt, const char *value) { return snprintf(buf, size, fmt, value); }
double flua_strtod(const char *text, size_t *consumed) {
    char *end = NULL;
    double v = strtod(text, &end);
    *consumed = (size_t)(end - text);
    return v;
}
// libm, one wrapper each (the Swift side calls these names, never libm directly).
#define FLUA_UNARY(name) double flua_##name(double a) { return name(a); }
#define FLUA_BINARY(name) double flua_##name(double a, double b) { return name(a, b); }
FLUA_BINARY(fmod)
FLUA_BINARY(pow)
FLUA_BINARY(atan2)
FLUA_UNARY(floor)
FLUA_UNARY(ceil)
FLUA_UNARY(sqrt)
FLUA_UNARY(sin)
FLUA_UNARY(cos)
FLUA_UNARY(tan)
FLUA_UNARY(asin)
FLUA_UNARY(acos)
FLUA_UNARY(exp)
FLUA_UNARY(log)
FLUA_UNARY(log2)
FLUA_UNARY(log10)
FLUA_UNARY(fabs)
double flua_frexp(double a, int *exponent) { return frexp(a, exponent); }
double flua_ldexp(double a, int exponent) { return ldexp(a, exponent); }
long flua_write(int fd, const void *bytes, size_t count) { return (long)write(fd, bytes, count); }

float flua_fmodf(float a, float b) { return fmodf(a, b); }
float flua_powf(float a, float b) { return powf(a, b); }
float flua_sqrtf(float a) { return sqrtf(a); }
float flua_sinf(float a) { return sinf(a); }
float flua_cosf(float a) { return cosf(a); }
float flua_tanf(float a) { return tanf(a); }
float flua_asinf(float a) { return asinf(a); }
float flua_acosf(float a) { return acosf(a); }
float flua_atan2f(float a, float b) { return atan2f(a, b); }
float flua_expf(float a) { return expf(a); }
float flua_logf(float a) { return logf(a); }
float flua_log2f(float a) { return log2f(a); }
float flua_log10f(float a) { return log10f(a); }
