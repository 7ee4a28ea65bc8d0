# pg_journey: customer-journey analytics for PostgreSQL (PGXS build)

EXTENSION = pg_journey
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)
PGFILEDESC = "pg_journey - customer-journey analytics"

MODULE_big = pg_journey
OBJS = \
	src/pg_journey.o \
	src/srf.o \
	src/stage_label.o \
	src/stage.o \
	src/catalog.o \
	src/touchpoint.o \
	src/sample.o \
	src/serial_form.o \
	src/event_buffer.o \
	src/event_state.o \
	src/counts.o \
	src/funnel_scan.o \
	src/funnel.o \
	src/touches.o \
	src/node_dictionary.o \
	src/paths.o \
	src/next_node.o \
	src/pattern.o \
	src/sequence.o \
	src/credit.o \
	src/attribution_model.o \
	src/attribution.o \
	src/markov.o \
	src/path_attribution.o \
	src/retention.o \
	src/sessionize.o \
	src/metrics.o

# The install script is assembled from one file per concept, in this order.
SCRIPT_PARTS = \
	extension/journey.sql \
	extension/stage.sql \
	extension/touchpoint.sql \
	extension/sample.sql \
	extension/counts.sql \
	extension/event_state.sql \
	extension/funnel.sql \
	extension/touches.sql \
	extension/paths.sql \
	extension/next_node.sql \
	extension/sequence.sql \
	extension/attribution.sql \
	extension/retention.sql \
	extension/sessionize.sql \
	extension/metrics.sql \
	extension/reports.sql

DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA = $(wildcard extension/$(EXTENSION)--*--*.sql)

REGRESS = stage touchpoint sample funnel touches paths metrics retention sequence sessionize reports attribution markov shapley
REGRESS_OPTS = --load-extension=$(EXTENSION) --encoding=UTF8

# -Werror is for CI and the test command (make WERROR=1): a newer compiler's
# new warning should not stop a user's build.  PostgreSQL's own headers
# trip -Wunused-parameter (PG_FUNCTION_ARGS) and -Wsign-compare (array.h).
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare
ifeq ($(WERROR),1)
PG_CFLAGS += -Werror
endif

UNIT_TESTS = test/unit/stage_label_test test/unit/funnel_scan_test test/unit/pattern_test \
	test/unit/markov_test test/unit/attribution_model_test
EXTRA_CLEAN = $(UNIT_TESTS)

# SANITIZE=1: AddressSanitizer and UndefinedBehaviorSanitizer, aborting at
# the first report; the server must then run with the ASan runtime
# preloaded (make sanitizecheck builds so and runs the whole suite).
ifdef SANITIZE
PG_CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SHLIB_LINK += -fsanitize=address,undefined
endif


PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SCRIPT_PARTS) $(EXTENSION).control Makefile
	cat $(SCRIPT_PARTS) > $@

# Pure-C cores, tested without a server.
test/unit/stage_label_test: test/unit/stage_label_test.c test/unit/unit_test.h src/stage_label.c src/stage_label.h
test/unit/funnel_scan_test: test/unit/funnel_scan_test.c test/unit/unit_test.h src/funnel_scan.c src/funnel_scan.h src/journey_event.h
test/unit/pattern_test: test/unit/pattern_test.c test/unit/unit_test.h src/pattern.c src/pattern.h src/journey_event.h
test/unit/markov_test: test/unit/markov_test.c test/unit/unit_test.h src/markov.c src/markov.h
test/unit/attribution_model_test: test/unit/attribution_model_test.c test/unit/unit_test.h src/attribution_model.c src/attribution_model.h
$(UNIT_TESTS):
	$(CC) -std=gnu99 -O2 -Wall -Wextra -Werror -Isrc -o $@ $(filter %.c,$^) -lm

.PHONY: sanitizecheck
sanitizecheck:
	bash scripts/test.sh --sanitize

# libFuzzer harnesses of the pure-C parsers, matchers and serial-form
# readers: make fuzz
# [FUZZ_SECONDS=60] runs each for that long, growing a corpus in
# test/fuzz/work from the seeds in test/fuzz/corpus.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZERS = test/fuzz/pattern_fuzz test/fuzz/stage_label_fuzz test/fuzz/funnel_modes_fuzz \
	test/fuzz/attribution_model_fuzz test/fuzz/serial_form_fuzz
EXTRA_CLEAN += $(FUZZERS)
test/fuzz/pattern_fuzz: test/fuzz/pattern_fuzz.c src/pattern.c src/pattern.h src/journey_event.h
test/fuzz/stage_label_fuzz: test/fuzz/stage_label_fuzz.c src/stage_label.c src/stage_label.h
test/fuzz/funnel_modes_fuzz: test/fuzz/funnel_modes_fuzz.c src/funnel_scan.c src/funnel_scan.h src/journey_event.h
test/fuzz/attribution_model_fuzz: test/fuzz/attribution_model_fuzz.c src/attribution_model.c src/attribution_model.h
test/fuzz/serial_form_fuzz: test/fuzz/serial_form_fuzz.c src/serial_form.c src/serial_form.h \
	src/attribution_model.c src/pattern.c src/funnel_scan.h src/journey_event.h src/markov.h src/stage_label.h
$(FUZZERS):
	$(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Isrc -o $@ $(filter %.c,$^) -lm

.PHONY: fuzz
fuzz: $(FUZZERS)
	@for fuzzer in $(FUZZERS); do \
		name=$$(basename $$fuzzer _fuzz); \
		mkdir -p test/fuzz/work/$$name; \
		echo "==> $$name for $(FUZZ_SECONDS) s"; \
		$$fuzzer -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			test/fuzz/work/$$name test/fuzz/corpus/$$name 2>&1 | \
			grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|crash-|Done' || true; \
		[ -z "$$(ls crash-* leak-* timeout-* 2>/dev/null)" ] || exit 1; \
	done

.PHONY: unitcheck
unitcheck: $(UNIT_TESTS)
	@for test in $(UNIT_TESTS); do $$test || exit 1; done
