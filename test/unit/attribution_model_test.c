/*
 * Unit tests of the heuristic attribution models (src/attribution_model.c),
 * run without a server by "make unitcheck": the model parser, its errors,
 * and the shares of each model on touches derived by hand.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "attribution_model.h"
#include "unit_test.h"

#define DAY (INT64_C(86400) * 1000000)

static bool
parse(const char *text, AttributionModel *model, char *message)
{
	return attribution_parse_model(text, strlen(text), model, message, 256);
}

static bool
refused(const char *text, const char *fragment)
{
	AttributionModel model;
	char		message[256];

	if (parse(text, &model, message))
		return false;
	if (strstr(message, fragment) == NULL)
	{
		printf("message for %s: %s\n", text, message);
		return false;
	}
	return true;
}

static bool
shares_are(const char *text, const int64_t *times, int n, const double *expected)
{
	AttributionModel model;
	char		message[256];
	double		shares[8];

	if (!parse(text, &model, message))
		return false;
	attribution_shares(&model, times, n, shares);
	for (int i = 0; i < n; i++)
		if (fabs(shares[i] - expected[i]) > 1e-12)
			return false;
	return true;
}

int
main(void)
{
	AttributionModel m;
	char		message[256];
	static const int64_t three[] = {0, 0, 1 * DAY};	/* two touches at once, one a day later */
	static const int64_t one[] = {5 * DAY};
	static const int64_t two[] = {0, 3 * DAY};

	check(parse("linear", &m, message) && m.kind == MODEL_LINEAR && m.lookback == NO_LOOKBACK,
		  "linear, no lookback");
	check(parse("  Time_Decay ( Half_Life = 36 h , lookback = 2 weeks )  ", &m, message) &&
		  m.kind == MODEL_TIME_DECAY && m.half_life == 36 * 3600 * INT64_C(1000000) &&
		  m.lookback == 14 * DAY, "blanks, case, hours and weeks");
	check(parse("position_based", &m, message) && m.first == 0.4 && m.last == 0.4,
		  "position_based defaults to 40/20/40");
	check(parse("time_decay", &m, message) && m.half_life == 7 * DAY, "half-life defaults to 7 days");
	check(parse("first_touch()", &m, message) && m.kind == MODEL_FIRST_TOUCH, "empty parentheses");
	check(parse("linear(lookback=1.5 d)", &m, message) && m.lookback == 36 * 3600 * INT64_C(1000000),
		  "fractional days");

	check(refused("", "expected a model name"), "empty");
	check(refused("u_shaped", "unknown model \"u_shaped\""), "unknown model");
	check(refused("linear(first=0.5)", "unknown parameter \"first\" of linear"), "parameter of another model");
	check(refused("linear(lookback=3)", "lookback must be a duration"), "duration without unit");
	check(refused("linear(lookback=-3 days)", "lookback must be a duration"), "negative duration");
	check(refused("time_decay(half_life=0 s)", "half_life must be a positive duration"), "zero half-life");
	check(refused("position_based(first=1.5)", "first must be a number from 0 to 1"), "first above 1");
	check(refused("position_based(first=0.6, last=0.6)", "first + last must not be more than 1"), "sum above 1");
	check(refused("linear(lookback=1 day, lookback=2 days)", "given twice"), "twice");
	check(refused("linear(lookback=1 day", "expected \",\" or \")\""), "unclosed");
	check(refused("linear lookback", "unexpected \"lookback\" after the model"), "trailing words");
	check(refused("linear(=1)", "expected a parameter name"), "no parameter name");

	check(shares_are("first_touch", three, 3, (double[]) {1, 0, 0}), "first_touch");
	check(shares_are("last_touch", three, 3, (double[]) {0, 0, 1}), "last_touch");
	check(shares_are("linear", two, 2, (double[]) {0.5, 0.5}), "linear");
	check(shares_are("position_based", one, 1, (double[]) {1}), "position_based, one touch");
	check(shares_are("position_based(first=0.3, last=0.1)", two, 2, (double[]) {0.75, 0.25}),
		  "position_based, two touches in proportion");
	check(shares_are("position_based(first=0, last=0)", two, 2, (double[]) {0.5, 0.5}),
		  "position_based, two touches with no weight: halves");
	check(shares_are("position_based(first=0.5, last=0.25)", three, 3, (double[]) {0.5, 0.25, 0.25}),
		  "position_based, three touches");
	check(shares_are("time_decay(half_life=1 day)", three, 3, (double[]) {0.25, 0.25, 0.5}),
		  "time_decay halves the weight per half-life");
	check(shares_are("time_decay(half_life=1 day)", (int64_t[]) {0, 20000 * DAY}, 2, (double[]) {0, 1}),
		  "time_decay: a touch far older still leaves the newest its share");
	return unit_summary("attribution_model");
}
