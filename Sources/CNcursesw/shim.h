#ifndef PODIUM_CNCURSESW_SHIM_H
#define PODIUM_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

/* Globals and macros Swift cannot import or rejects as unsafe shared state. */
static inline WINDOW *podium_stdscr(void) { return stdscr; }
static inline int podium_lines(void) { return LINES; }
static inline int podium_cols(void) { return COLS; }
static inline int podium_colors(void) { return COLORS; }
static inline int podium_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t podium_color_pair(int n) { return (attr_t)COLOR_PAIR(n); }
static inline void podium_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }
static inline attr_t podium_a_normal(void) { return A_NORMAL; }
static inline attr_t podium_a_bold(void) { return A_BOLD; }
static inline attr_t podium_a_dim(void) { return A_DIM; }
static inline attr_t podium_a_reverse(void) { return A_REVERSE; }
static inline attr_t podium_a_underline(void) { return A_UNDERLINE; }
static inline attr_t podium_a_blink(void) { return A_BLINK; }
static inline int podium_key_resize(void) { return KEY_RESIZE; }
static inline int podium_err(void) { return ERR; }
static inline int podium_key_code_yes(void) { return KEY_CODE_YES; }

#endif
