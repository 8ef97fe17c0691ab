// ncursesw with its wide-character API, found through pkg-config `ncursesw`.
// The static inline functions below only expose C macros and globals Swift cannot import; no logic.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

// Globals (macros in reentrant builds).
static inline WINDOW *rerank_stdscr(void) { return stdscr; }
static inline int rerank_colors(void) { return COLORS; }
static inline int rerank_color_pairs(void) { return COLOR_PAIRS; }

// Window size (getmaxyx is a macro).
static inline int rerank_getmaxy(WINDOW *window) { return getmaxy(window); }
static inline int rerank_getmaxx(WINDOW *window) { return getmaxx(window); }

// Attributes (built with function-like macros).
static inline attr_t rerank_attr_normal(void) { return WA_NORMAL; }
static inline attr_t rerank_attr_bold(void) { return WA_BOLD; }
static inline attr_t rerank_attr_dim(void) { return WA_DIM; }
static inline attr_t rerank_attr_underline(void) { return WA_UNDERLINE; }
static inline attr_t rerank_attr_reverse(void) { return WA_REVERSE; }

// setcchar with an extended colour pair: ncurses reads pairs above 32767 through `opts`.
static inline int rerank_setcchar(cchar_t *cell, const wchar_t *text, attr_t attributes, int pair) {
    return setcchar(cell, text, attributes, 0, &pair);
}

// Function keys and mouse masks (function-like macros).
static inline int rerank_key_f(int number) { return KEY_F(number); }
static inline mmask_t rerank_all_mouse_events(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t rerank_report_mouse_position(void) { return REPORT_MOUSE_POSITION; }
static inline mmask_t rerank_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t rerank_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t rerank_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t rerank_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t rerank_button5_pressed(void) { return BUTTON5_PRESSED; }
