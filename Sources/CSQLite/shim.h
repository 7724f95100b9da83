#include <sqlite3.h>

/* sqlite3_config() is variadic, which Swift cannot call: fixed-argument wrappers.
   Both must run before SQLite initialises (before the first connection opens). */

/* SQLITE_CONFIG_MEMSTATUS: with it on (the default), every allocation SQLite makes
   takes a process-wide mutex to keep sqlite3_memory_used() up to date, which we
   never read; off, the reader and writer threads stop meeting on that mutex. */
static inline int tiendo_sqlite3_config_memstatus(int on) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, on);
}
