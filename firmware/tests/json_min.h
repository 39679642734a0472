/* Minimal JSON reader for the host tests (heap-allocated tree; tests only). */
#ifndef ZM_JSON_MIN_H
#define ZM_JSON_MIN_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type_t;

typedef struct json json_t;
struct json {
    json_type_t type;
    double number;  /* JSON_NUMBER, JSON_BOOL (0/1) */
    char *string;   /* JSON_STRING */
    size_t n;       /* items in an array or object */
    json_t **items; /* array items or object values */
    char **keys;    /* object keys */
};

/* Parse a whole document; NULL on a syntax error. */
json_t *json_parse(const char *text);
json_t *json_load_file(const char *path);
void json_free(json_t *j);
/* Object member by key, or NULL. */
const json_t *json_get(const json_t *obj, const char *key);
/* Array item, or NULL. */
const json_t *json_at(const json_t *arr, size_t i);

#endif
