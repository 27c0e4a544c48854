/*
 * tagset: a bounded set of short text tags, kept in insertion order.
 *
 * A set holds at most `capacity` distinct tags. A tag is a NUL-terminated string of 1 to
 * TAGSET_MAX_TAG_LEN bytes (not counting the NUL); tags are compared byte by byte.
 *
 * Threads: a set has no thread affinity (it may be created on one thread, used on a second and
 * freed on a third), but it has no locking: no two calls on the same set may run at the same
 * time, not even two lookups, since tagset_contains and tagset_remove update a lookup hint inside
 * the set. Different sets are independent.
 *
 * Memory: every allocation goes through a counting allocator. ratchet_live_allocations() is the
 * number of blocks this library has allocated and not yet released, over all sets; it is a test
 * hook, as is ratchet_fail_allocations_after().
 */
#ifndef TAGSET_H
#define TAGSET_H

#include <stddef.h>

#define TAGSET_MAX_CAPACITY 4096
#define TAGSET_MAX_TAG_LEN 64

/* Return codes of tagset_insert / tagset_remove / tagset_contains besides 1 and 0. */
#define TAGSET_FULL (-1)    /* the set holds `capacity` tags already */
#define TAGSET_INVALID (-2) /* the tag is empty or longer than TAGSET_MAX_TAG_LEN bytes */
#define TAGSET_NOMEM (-3)   /* an allocation failed; the set is unchanged */

typedef struct tagset tagset;

/* A new empty set, or NULL when capacity is 0 or above TAGSET_MAX_CAPACITY, or out of memory.
 * Release it with tagset_free. */
tagset *tagset_new(size_t capacity);

/* Releases the set and every tag still in it. NULL is allowed (nothing happens). The set, and
 * every pointer tagset_get returned for it, must not be used afterwards. */
void tagset_free(tagset *set);

/* The capacity the set was created with. */
size_t tagset_capacity(const tagset *set);

/* The number of tags in the set. */
size_t tagset_len(const tagset *set);

/* Adds a copy of `tag` at the end of the order. Returns 1 when added, 0 when the tag is already
 * in the set (also when the set is full), TAGSET_INVALID, TAGSET_FULL or TAGSET_NOMEM; checked in
 * that order (validity, presence, room, memory). `tag` is not retained after the call. */
int tagset_insert(tagset *set, const char *tag);

/* Removes `tag`, keeping the order of the others. Returns 1 when removed, 0 when absent, or
 * TAGSET_INVALID. Releases the set's copy of the tag. */
int tagset_remove(tagset *set, const char *tag);

/* Returns 1 when `tag` is in the set, 0 when not, or TAGSET_INVALID. Not a read-only call: it
 * updates the set's lookup hint. Pointers from tagset_get stay valid. */
int tagset_contains(tagset *set, const char *tag);

/* The tag at `index` in insertion order (0 is the oldest), or NULL when index >= len. The string
 * is owned by the set: do not free it. It stays valid until the next tagset_insert,
 * tagset_remove, tagset_pop_oldest or tagset_free on this set. */
const char *tagset_get(const tagset *set, size_t index);

/* Removes the oldest tag and hands it to the caller, or returns NULL when the set is empty. The
 * caller owns the string and must release it with tagset_string_free (not with free()). */
char *tagset_pop_oldest(tagset *set);

/* Releases a string returned by tagset_pop_oldest. NULL is allowed. */
void tagset_string_free(char *s);

/* Test hook: blocks allocated by this library and not yet released, over all sets. */
long ratchet_live_allocations(void);

/* Test hook: after `n` more successful allocations every allocation fails, until this is called
 * again; a negative `n` turns failures off (the default). */
void ratchet_fail_allocations_after(long n);

#endif
