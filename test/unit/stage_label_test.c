/*
 * Unit tests of the stage label parser (src/stage_label.c), run without a
 * server by "make unitcheck".  Prints one line per failure and a summary.
 */
#include <string.h>

#include "stage_label.h"
#include "unit_test.h"

static void
expect_parse(const char *input, size_t len, int expected)
{
	int			got = stage_label_parse(input, len);
	char		what[256];

	snprintf(what, sizeof(what), "parse(\"%.*s\", %zu) = %d, expected %d",
			 (int) (len > 100 ? 100 : len), input ? input : "(null)", len, got, expected);
	check(got == expected, what);
}

static void
expect(const char *input, int expected)
{
	expect_parse(input, strlen(input), expected);
}

int
main(void)
{
	char		hint[2048];
	char		small[16];
	char		long_label[200];
	int			i;

	/* canonical labels round-trip through stage_label() */
	for (i = 1; i <= STAGE_COUNT; i++)
		expect(stage_label(i), i);
	check(stage_label(0) == NULL, "stage_label(0) is NULL");
	check(stage_label(STAGE_COUNT + 1) == NULL, "stage_label(6) is NULL");

	/* case, blanks and separators */
	expect("AWARENESS", STAGE_AWARENESS);
	expect(" \t\r\n\f\vConsideration \n", STAGE_CONSIDERATION);
	expect("need recognition", STAGE_AWARENESS);
	expect("need--recognition", STAGE_AWARENESS);
	expect("need \t_ recognition", STAGE_AWARENESS);
	expect("Post-Purchase", STAGE_RETENTION);
	expect("purchase_", STAGE_INVALID);
	expect("_purchase", STAGE_INVALID);
	expect("pur chase", STAGE_INVALID);

	/* Finnish, with upper-case Ä, Ö and Å folded */
	expect("ostop\xc3\xa4\xc3\xa4t\xc3\xb6s", STAGE_PURCHASE);
	expect("OSTOP\xc3\x84\xc3\x84T\xc3\x96S", STAGE_PURCHASE);
	expect("Oston j\xc3\xa4lkeen", STAGE_RETENTION);
	expect("BR\xc3\x84NDIL\xc3\x84HETTIL\xc3\x84S", STAGE_ADVOCACY);
	expect("Tietoisuus", STAGE_AWARENESS);
	expect("suositus", STAGE_ADVOCACY);
	/* Ä is not A: no accent stripping */
	expect("ostopaatos", STAGE_INVALID);

	/* bad input of every shape */
	expect("", STAGE_INVALID);
	expect("   ", STAGE_INVALID);
	expect("nonsense", STAGE_INVALID);
	expect("aware", STAGE_INVALID);
	expect("awarenesss", STAGE_INVALID);
	expect("\xc3", STAGE_INVALID);
	expect("osto\xc3", STAGE_INVALID);
	expect_parse(NULL, 0, STAGE_INVALID);
	expect_parse("osto\0xyz", 8, STAGE_INVALID);
	expect_parse("ostoXYZ", 4, STAGE_PURCHASE);	/* the length is honoured */
	memset(long_label, 'a', sizeof(long_label));
	expect_parse(long_label, sizeof(long_label), STAGE_INVALID);
	memset(long_label, ' ', sizeof(long_label));
	memcpy(long_label + 100, "osto", 4);
	expect_parse(long_label, sizeof(long_label), STAGE_PURCHASE);

	/* the hint lists every label; ASCII-only leaves out Finnish letters */
	stage_label_hint(hint, sizeof(hint), 0);
	check(strstr(hint, "awareness, consideration, purchase, retention, advocacy") != NULL,
				"hint lists the labels in order");
	check(strstr(hint, "ostop\xc3\xa4\xc3\xa4t\xc3\xb6s") != NULL, "hint has ostopäätös");
	stage_label_hint(hint, sizeof(hint), 1);
	check(strstr(hint, "\xc3") == NULL, "ASCII-only hint has no UTF-8");
	check(strstr(hint, "tietoisuus") != NULL, "ASCII-only hint keeps tietoisuus");
	stage_label_hint(small, sizeof(small), 0);
	check(strlen(small) < sizeof(small), "short buffer stays terminated");

	return unit_summary("stage_label");
}
