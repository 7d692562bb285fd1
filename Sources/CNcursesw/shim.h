#ifndef PODIUM_CNCURSESW_SHIM_H
#define PODIUM_CNCURSESW_SHIM_H
/* SwiftPM drops pkg-config's -D flags, so the wide-character API is switched on here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

/* glibc declares wcwidth only for X/Open; the backend needs it to check that ncurses and
   the canvas agree on the width of each glyph. */
extern int wcwidth(wchar_t);

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

/* Used by PodiumTerminal's run loop. */
static inline WINDOW *podium_curscr(void) { return curscr; }
static inline FILE *podium_stdout_file(void) { return stdout; }
static inline FILE *podium_stdin_file(void) { return stdin; }
static inline int podium_ok(void) { return OK; }
/* wattr_set is a macro as well as a function; this takes the pair as an int. */
static inline int podium_wattr_set(WINDOW *w, attr_t attrs, int pair) { return wattr_set(w, attrs, (short)pair, NULL); }
/* mvwaddnwstr is a macro: move, then write up to n wide characters. */
static inline int podium_mvwaddnwstr(WINDOW *w, int y, int x, const wchar_t *text, int n) { return mvwaddnwstr(w, y, x, text, n); }
/* The size of the terminal on fd (TIOCGWINSZ); 0 on success, -1 when unknown. */
static inline int podium_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row; *cols = ws.ws_col;
    return 0;
}

#endif
