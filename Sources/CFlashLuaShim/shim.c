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
double flua_fmod(double a, double b) { return fmod(a, b); }
double flua_pow(double a, double b) { return pow(a, b); }
double flua_floor(double a) { return floor(a); }
double flua_ceil(double a) { return ceil(a); }
double flua_sqrt(double a) { return sqrt(a); }
double flua_sin(double a) { return sin(a); }
double flua_cos(double a) { return cos(a); }
double flua_tan(double a) { return tan(a); }
double flua_asin(double a) { return asin(a); }
double flua_acos(double a) { return acos(a); }
double flua_atan2(double a, double b) { return atan2(a, b); }
double flua_exp(double a) { return exp(a); }
double flua_log(double a) { return log(a); }
double flua_log2(double a) { return log2(a); }
double flua_log10(double a) { return log10(a); }
double flua_fabs(double a) { return fabs(a); }
double flua_frexp(double a, int *exponent) { return frexp(a, exponent); }
double flua_ldexp(double a, int exponent) { return ldexp(a, exponent); }
long flua_write(int fd, const void *bytes, size_t count) { return (long)write(fd, bytes, count); }
