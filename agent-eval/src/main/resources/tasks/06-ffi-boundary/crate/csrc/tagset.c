/* strnlen is POSIX, not ISO C. */
#define _POSIX_C_SOURCE 200809L

#include "tagset.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct tagset {
    size_t capacity;
    size_t len;
    size_t hint; /* index of the last tag found; a guess, checked before use */
    char **tags; /* `capacity` slots, the first `len` in use, oldest first */
};

static atomic_long live_allocations = 0;
static atomic_long fail_after = -1;

long ratchet_live_allocations(void) { return atomic_load(&live_allocations); }

void ratchet_fail_allocations_after(long n) { atomic_store(&fail_after, n < 0 ? -1 : n); }

static void *ts_alloc(size_t size) {
    long left = atomic_load(&fail_after);
    while (left >= 0) {
        if (left == 0) {
            return NULL;
        }
        if (atomic_compare_exchange_weak(&fail_after, &left, left - 1)) {
            break;
        }
    }
    void *p = malloc(size);
    if (p != NULL) {
        atomic_fetch_add(&live_allocations, 1);
    }
    return p;
}

static void ts_release(void *p) {
    if (p != NULL) {
        atomic_fetch_sub(&live_allocations, 1);
        free(p);
    }
}

/* The tag's length, or 0 when it is not a valid tag. */
static size_t tag_len(const char *tag) {
    if (tag == NULL) {
        return 0;
    }
    size_t n = strnlen(tag, TAGSET_MAX_TAG_LEN + 1);
    return n > TAGSET_MAX_TAG_LEN ? 0 : n;
}

/* The index of `tag`, or -1; updates the hint. */
static long find(tagset *set, const char *tag) {
    if (set->hint < set->len && strcmp(set->tags[set->hint], tag) == 0) {
        return (long)set->hint;
    }
    for (size_t i = 0; i < set->len; i++) {
        if (strcmp(set->tags[i], tag) == 0) {
            set->hint = i;
            return (long)i;
        }
    }
    return -1;
}

/* Removes slot `i`, shifting the younger tags down; does not release the tag. */
static void unlink_at(tagset *set, size_t i) {
    memmove(&set->tags[i], &set->tags[i + 1], (set->len - i - 1) * sizeof(char *));
    set->len--;
    set->hint = 0;
}

tagset *tagset_new(size_t capacity) {
    if (capacity == 0 || capacity > TAGSET_MAX_CAPACITY) {
        return NULL;
    }
    tagset *set = ts_alloc(sizeof(tagset));
    if (set == NULL) {
        return NULL;
    }
    set->tags = ts_alloc(capacity * sizeof(char *));
    if (set->tags == NULL) {
        ts_release(set);
        return NULL;
    }
    set->capacity = capacity;
    set->len = 0;
    set->hint = 0;
    return set;
}

void tagset_free(tagset *set) {
    if (set == NULL) {
        return;
    }
    for (size_t i = 0; i < set->len; i++) {
        ts_release(set->tags[i]);
    }
    ts_release(set->tags);
    ts_release(set);
}

size_t tagset_capacity(const tagset *set) { return set->capacity; }

size_t tagset_len(const tagset *set) { return set->len; }

int tagset_insert(tagset *set, const char *tag) {
    size_t n = tag_len(tag);
    if (n == 0) {
        return TAGSET_INVALID;
    }
    if (find(set, tag) >= 0) {
        return 0;
    }
    if (set->len == set->capacity) {
        return TAGSET_FULL;
    }
    char *copy = ts_alloc(n + 1);
    if (copy == NULL) {
        return TAGSET_NOMEM;
    }
    memcpy(copy, tag, n + 1);
    set->tags[set->len++] = copy;
    return 1;
}

int tagset_remove(tagset *set, const char *tag) {
    if (tag_len(tag) == 0) {
        return TAGSET_INVALID;
    }
    long i = find(set, tag);
    if (i < 0) {
        return 0;
    }
    char *old = set->tags[i];
    unlink_at(set, (size_t)i);
    ts_release(old);
    return 1;
}

int tagset_contains(tagset *set, const char *tag) {
    if (tag_len(tag) == 0) {
        return TAGSET_INVALID;
    }
    return find(set, tag) >= 0 ? 1 : 0;
}

const char *tagset_get(const tagset *set, size_t index) {
    return index < set->len ? set->tags[index] : NULL;
}

char *tagset_pop_oldest(tagset *set) {
    if (set->len == 0) {
        return NULL;
    }
    char *oldest = set->tags[0];
    unlink_at(set, 0);
    return oldest;
}

void tagset_string_free(char *s) { ts_release(s); }
