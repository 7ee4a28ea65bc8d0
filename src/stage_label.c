/*-------------------------------------------------------------------------
 *
 * stage_label.c
 *	  Parsing of journey stage labels, English and Finnish.
 *
 * Marketing guides name the stages in many ways (see docs/stage.md); every
 * name below maps onto one of the five stages.  Synonyms are stored in
 * normalized form: lower case, words joined by '_'.
 *
 *-------------------------------------------------------------------------
 */
#include "stage_label.h"

#include <stdio.h>
#include <string.h>

typedef struct StageSynonym
{
	const char *label;			/* normalized UTF-8 */
	int			ordinal;
} StageSynonym;

static const char *const canonical_labels[STAGE_COUNT + 1] = {
	NULL,
	"awareness",
	"consideration",
	"purchase",
	"retention",
	"advocacy"
};

static const StageSynonym synonyms[] = {
	{"need_recognition", STAGE_AWARENESS},
	{"interest", STAGE_AWARENESS},
	{"attention", STAGE_AWARENESS},
	{"tietoisuus", STAGE_AWARENESS},
	{"tarpeen_tunnistaminen", STAGE_AWARENESS},
	{"kiinnostus", STAGE_AWARENESS},
	{"tietoisuus_ja_kiinnostus", STAGE_AWARENESS},

	{"evaluation", STAGE_CONSIDERATION},
	{"research", STAGE_CONSIDERATION},
	{"information_search", STAGE_CONSIDERATION},
	{"comparison", STAGE_CONSIDERATION},
	{"harkinta", STAGE_CONSIDERATION},
	{"arviointi", STAGE_CONSIDERATION},
	{"tiedonhaku", STAGE_CONSIDERATION},
	{"informaatio", STAGE_CONSIDERATION},
	{"vertailu", STAGE_CONSIDERATION},
	{"valinta", STAGE_CONSIDERATION},
	{"vaihtoehtojen_punnitseminen", STAGE_CONSIDERATION},

	{"decision", STAGE_PURCHASE},
	{"conversion", STAGE_PURCHASE},
	{"buy", STAGE_PURCHASE},
	{"osto", STAGE_PURCHASE},
	{"ostop\xc3\xa4\xc3\xa4t\xc3\xb6s", STAGE_PURCHASE},	/* ostopäätös */
	{"p\xc3\xa4\xc3\xa4t\xc3\xb6s", STAGE_PURCHASE},	/* päätös */
	{"ostoprosessi", STAGE_PURCHASE},

	{"post_purchase", STAGE_RETENTION},
	{"loyalty", STAGE_RETENTION},
	{"usage", STAGE_RETENTION},
	{"aftercare", STAGE_RETENTION},
	{"uskollisuus", STAGE_RETENTION},
	{"oston_j\xc3\xa4lkeen", STAGE_RETENTION},	/* oston jälkeen */
	{"k\xc3\xa4ytt\xc3\xb6", STAGE_RETENTION},	/* käyttö */
	{"j\xc3\xa4lkihoito", STAGE_RETENTION},	/* jälkihoito */
	{"uskollisuus_ja_yll\xc3\xa4pito", STAGE_RETENTION},	/* uskollisuus ja ylläpito */

	{"recommendation", STAGE_ADVOCACY},
	{"referral", STAGE_ADVOCACY},
	{"ambassador", STAGE_ADVOCACY},
	{"suositus", STAGE_ADVOCACY},
	{"suosittelu", STAGE_ADVOCACY},
	{"br\xc3\xa4ndil\xc3\xa4hettil\xc3\xa4s", STAGE_ADVOCACY},	/* brändilähettiläs */
};

#define NUM_SYNONYMS (sizeof(synonyms) / sizeof(synonyms[0]))

/* Longer than any label: longer input cannot match, so it is not copied. */
#define MAX_LABEL_BYTES 64

const char *
stage_label(int ordinal)
{
	if (ordinal < 1 || ordinal > STAGE_COUNT)
		return NULL;
	return canonical_labels[ordinal];
}

static int
is_separator(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v' || c == '_' || c == '-';
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == '\f' || c == '\v';
}

/*
 * Fold to the normalized form; returns its length, or -1 when it cannot be
 * a label (too long).  Only the letters that occur in labels are folded:
 * anything else is kept as is and simply fails to match.
 */
static int
normalize(const char *in, size_t len, char *out)
{
	size_t		start = 0;
	size_t		end = len;
	size_t		i;
	int			n = 0;
	int			pending_separator = 0;

	while (start < end && is_blank((unsigned char) in[start]))
		start++;
	while (end > start && is_blank((unsigned char) in[end - 1]))
		end--;

	for (i = start; i < end; i++)
	{
		unsigned char c = (unsigned char) in[i];

		/* an embedded NUL would end the string early and fake a match */
		if (c == '\0')
			return -1;
		if (is_separator(c))
		{
			pending_separator = 1;
			continue;
		}
		if (n + pending_separator + 2 > MAX_LABEL_BYTES)
			return -1;
		if (pending_separator)
		{
			out[n++] = '_';
			pending_separator = 0;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char) (c - 'A' + 'a');
		else if (c == 0xC3 && i + 1 < end)
		{
			unsigned char next = (unsigned char) in[i + 1];

			/* U+00C4 Ä, U+00C5 Å, U+00D6 Ö fold to U+00E4, U+00E5, U+00F6 */
			if (next == 0x84 || next == 0x85 || next == 0x96)
				next = (unsigned char) (next + 0x20);
			out[n++] = (char) c;
			out[n++] = (char) next;
			i++;
			continue;
		}
		out[n++] = (char) c;
	}
	/* Only blanks are trimmed: "purchase_" is not "purchase". */
	if (pending_separator)
	{
		if (n + 1 > MAX_LABEL_BYTES)
			return -1;
		out[n++] = '_';
	}
	out[n] = '\0';
	return n;
}

int
stage_label_parse(const char *utf8, size_t len)
{
	char		folded[MAX_LABEL_BYTES + 1];
	int			n;
	size_t		i;

	if (utf8 == NULL)
		return STAGE_INVALID;
	n = normalize(utf8, len, folded);
	if (n <= 0)
		return STAGE_INVALID;

	for (i = 1; i <= STAGE_COUNT; i++)
		if (strcmp(folded, canonical_labels[i]) == 0)
			return (int) i;
	for (i = 0; i < NUM_SYNONYMS; i++)
		if (strcmp(folded, synonyms[i].label) == 0)
			return synonyms[i].ordinal;
	return STAGE_INVALID;
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char) *s >= 0x80)
			return 0;
	return 1;
}

void
stage_label_hint(char *buf, size_t bufsize, int ascii_only)
{
	size_t		used = 0;
	int			ordinal;

	if (bufsize == 0)
		return;
	buf[0] = '\0';

#define APPEND(...) \
	do { \
		int			written_ = snprintf(buf + used, bufsize - used, __VA_ARGS__); \
		if (written_ < 0 || (size_t) written_ >= bufsize - used) \
			return; \
		used += (size_t) written_; \
	} while (0)

	APPEND("Accepted labels, in stage order: awareness, consideration, purchase, retention, advocacy (case does not matter).");
	for (ordinal = 1; ordinal <= STAGE_COUNT; ordinal++)
	{
		size_t		i;
		int			first = 1;

		for (i = 0; i < NUM_SYNONYMS; i++)
		{
			if (synonyms[i].ordinal != ordinal)
				continue;
			if (ascii_only && !is_ascii(synonyms[i].label))
				continue;
			if (first)
				APPEND(" Synonyms of %s: %s", canonical_labels[ordinal], synonyms[i].label);
			else
				APPEND(", %s", synonyms[i].label);
			first = 0;
		}
		if (!first)
			APPEND(".");
	}
#undef APPEND
}
