/*-------------------------------------------------------------------------
 *
 * stage_label.h
 *	  Labels of the five customer-journey stages and their synonyms.
 *
 * Pure C: no server headers, so the parser can be unit-tested and fuzzed
 * outside PostgreSQL.  Input and output are UTF-8.
 *
 *-------------------------------------------------------------------------
 */
#ifndef STAGE_LABEL_H
#define STAGE_LABEL_H

#include <stddef.h>

/*
 * Stage ordinals.  They are the on-disk byte of journey.stage and the value
 * of its integer cast: never renumber them.
 */
#define STAGE_INVALID		0
#define STAGE_AWARENESS		1
#define STAGE_CONSIDERATION	2
#define STAGE_PURCHASE		3
#define STAGE_RETENTION		4
#define STAGE_ADVOCACY		5
#define STAGE_COUNT			5

/* Canonical English label of a valid ordinal (1..STAGE_COUNT). */
extern const char *stage_label(int ordinal);

/*
 * Parse a UTF-8 label: blanks around it are ignored, ASCII letters and the
 * Finnish letters Å, Ä, Ö are folded to lower case, and each run of blanks,
 * '_' or '-' inside it counts as one '_'.  Returns the ordinal, or
 * STAGE_INVALID when the text is no known label or synonym.
 */
extern int	stage_label_parse(const char *utf8, size_t len);

/*
 * Write a hint listing every accepted label and synonym into buf (always
 * NUL-terminated).  With ascii_only, synonyms spelled with non-ASCII letters
 * are left out, for servers whose encoding cannot show them.
 */
extern void stage_label_hint(char *buf, size_t bufsize, int ascii_only);

#endif							/* STAGE_LABEL_H */
