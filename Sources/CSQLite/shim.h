#ifndef PODIUM_CSQLITE_SHIM_H
#define PODIUM_CSQLITE_SHIM_H
/* The system SQLite, for one use only: the anchor of `podium bench log` and `podium bench all`
   (SQLite inserting the same records as the log, WAL mode, synchronous=FULL). The venue's
   data never goes through it. */
#include <sqlite3.h>

/* SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import. */
static inline sqlite3_destructor_type podium_sqlite_transient(void) { return SQLITE_TRANSIENT; }
#endif
