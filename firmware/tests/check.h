/* Tiny assertion helpers for the CTest executables: every failed check is reported with
 * file and line, and the test exits non-zero at the end if any check failed. */
#ifndef ZM_CHECK_H
#define ZM_CHECK_H

#include <math.h>
#include <stdio.h>

static int check_failures;
static int check_count;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        check_count++;                                                               \
        if (!(cond)) {                                                               \
            check_failures++;                                                        \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                            \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                                       \
    do {                                                                                         \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                    \
        check_count++;                                                                           \
        if (va_ != vb_) {                                                                        \
            check_failures++;                                                                    \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b, \
                    va_, vb_);                                                                   \
        }                                                                                        \
    } while (0)

#define CHECK_NEAR(a, b, tol)                                                                     \
    do {                                                                                          \
        double va_ = (double)(a), vb_ = (double)(b);                                              \
        check_count++;                                                                            \
        if (!(fabs(va_ - vb_) <= (tol))) {                                                        \
            check_failures++;                                                                     \
            fprintf(stderr, "%s:%d: |%s - %s| <= %g failed: %.9g vs %.9g\n", __FILE__, __LINE__, #a, \
                    #b, (double)(tol), va_, vb_);                                                 \
        }                                                                                         \
    } while (0)

static int check_report(const char *name)
{
    if (check_failures) {
        fprintf(stderr, "%s: %d of %d checks FAILED\n", name, check_failures, check_count);
        return 1;
    }
    printf("%s: all %d checks passed\n", name, check_count);
    return 0;
}

#endif
