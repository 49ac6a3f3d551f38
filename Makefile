# claimtrace — build, test, demo, bench.
#
#   make          the claimtrace binary, libclaimtrace.a and libclaimtrace.so
#                 (build/rel/)
#   make install  binary, libraries, header, claimtrace.pc, data and man pages
#                 under PREFIX (default /usr/local), staged under DESTDIR
#   make demo     the story map of the bundled example story
#   make test     sanitizer build (ASan + UBSan), unit and golden tests
#   make tsan     ThreadSanitizer build: unit tests and the threaded commands
#   make bench    throughput and memory over FNC-1 bodies (../shared/corpus)
#   make statement-model   retrain data/statement.model on Emergent's
#                 training headlines; make story-eval scores the story map
#                 on FNC-1's held-out stories and on Emergent's claims;
#                 make story-folds on the inner folds it was tuned on;
#                 make reprint-eval measures wire-reprint detection
#   make stance-model   retrain data/stance.model on the training side of
#                 FNC-1's story split (seed 1), as shipped; make stance-eval
#                 scores it on the held-out stories (docs/stance.md); make
#                 stance-proxy scores the recipe on the proxy of FNC-1's
#                 competition test set over five split seeds
#
# Missing Debian packages are installed by tools/deps.sh when run as root;
# otherwise it prints the apt-get line to run.

CC ?= cc
PKGS := libutf8proc jansson gumbo zlib sqlite3 libxxhash
# The web server (`claimtrace serve`, src/serve/) is the binary's alone:
# the library and claimtrace.pc do not depend on libmicrohttpd.
SERVE_PKGS := libmicrohttpd
# The release binary allocates through gperftools' tcmalloc: an ingest's
# workers allocate each article's analysis and the writing thread frees
# it, which glibc's malloc pays for in locks and fresh pages (30,000
# articles, 3 pairs alternately: 3-5% less time, 10 MB less peak memory).
# The libraries, and the sanitizer builds, keep the system's malloc.
ALLOC_LIBS = $(shell pkg-config --libs libtcmalloc_minimal)
WARN := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wshadow -Wno-unused-parameter
# Hidden visibility: libclaimtrace.so exports only what claimtrace.h marks
# CT_EXPORT.
BASE := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -fvisibility=hidden $(WARN)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lpthread -lm
SERVE_LIBS = $(shell pkg-config --libs $(SERVE_PKGS))

# -O3: the attribution tagger's loops and the tokenizer's run 10-20% faster
# than at -O2 (FNC-1 bodies, one thread), with the same output.
# -fPIC: the same objects make the static and the shared library.
REL_FLAGS := -O3 -g -fPIC
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer

LIB_SRC := $(wildcard src/core/*.c src/read/*.c src/text/*.c src/out/*.c src/lex/*.c src/ml/*.c src/extract/*.c src/eval/*.c src/story/*.c src/store/*.c)
CLI_SRC := $(wildcard src/cli/*.c src/serve/*.c)
UNIT_SRC := $(wildcard tests/unit/*.c)

REL_LIB_OBJ := $(LIB_SRC:%.c=build/rel/%.o)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/san/%.o)
TSAN_LIB_OBJ := $(LIB_SRC:%.c=build/tsan/%.o)

# Installation. The build tree's binary reads the build tree's data/; the
# installed one reads $(PREFIX)/share/claimtrace: only src/core/datadir.c
# differs, compiled once per PREFIX into build/inst/.
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR := $(PREFIX)/bin
LIBDIR := $(PREFIX)/lib
INCLUDEDIR := $(PREFIX)/include
DATAROOT := $(PREFIX)/share
MANDIR := $(DATAROOT)/man
LDCONFIG ?= ldconfig
VERSION := $(shell sed -n 's/^\#define CT_VERSION "\(.*\)"/\1/p' include/claimtrace.h)
SONAME := libclaimtrace.so.$(firstword $(subst ., ,$(VERSION)))
SHLIB := libclaimtrace.so.$(VERSION)
MAN_SRC := $(wildcard man/*.scd)
MAN_PAGES := $(MAN_SRC:man/%.scd=build/man/%)
DATA_FILES := $(filter-out data/README%,$(wildcard data/*))
INST_LIB_OBJ := $(filter-out build/rel/src/core/datadir.o,$(REL_LIB_OBJ)) build/inst/datadir.o

.PHONY: all deps test-deps bench-deps install-deps install uninstall installed man FORCE demo test bench asan tsan clean fuzz attribution-model stance-model stance-eval stance-eval-body stance-proxy stance-bench statement-model story-eval story-folds reprint-eval
all: deps build/rel/claimtrace build/rel/libclaimtrace.a build/rel/$(SHLIB)

deps:
	@tools/deps.sh

test-deps:
	@tools/deps.sh --test

install-deps:
	@tools/deps.sh --install

bench-deps:
	@tools/deps.sh --bench

build/rel/%.o: %.c $(wildcard include/*.h src/*/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(DEFS) $(REL_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

build/san/%.o: %.c $(wildcard include/*.h src/*/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(DEFS) $(SAN_FLAGS) $(PKG_CFLAGS) -Werror -c $< -o $@

# The build tree's binaries and tests read the build tree's data/.
BUILD_DATADIR := -DCT_DATADIR='"$(CURDIR)/data"'
build/rel/src/core/datadir.o build/san/src/core/datadir.o: DEFS = $(BUILD_DATADIR)

build/rel/libclaimtrace.a: $(REL_LIB_OBJ)
	ar rcs $@ $^

build/san/libclaimtrace.a: $(SAN_LIB_OBJ)
	ar rcs $@ $^

build/tsan/%.o: %.c $(wildcard include/*.h src/*/*.h) | deps
	@mkdir -p $(dir $@)
	$(CC) $(BASE) $(TSAN_FLAGS) $(PKG_CFLAGS) -Werror -c $< -o $@

build/tsan/libclaimtrace.a: $(TSAN_LIB_OBJ)
	ar rcs $@ $^

build/tsan/claimtrace: $(CLI_SRC:%.c=build/tsan/%.o) build/tsan/libclaimtrace.a
	$(CC) $(TSAN_FLAGS) -o $@ $^ $(PKG_LIBS) $(SERVE_LIBS)

build/tsan/unit: $(UNIT_SRC:%.c=build/tsan/%.o) build/tsan/src/serve/buf.o build/tsan/libclaimtrace.a
	$(CC) $(TSAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/rel/claimtrace: $(CLI_SRC:%.c=build/rel/%.o) build/rel/libclaimtrace.a
	$(CC) $(REL_FLAGS) -o $@ $^ $(PKG_LIBS) $(SERVE_LIBS) $(ALLOC_LIBS) $(LDFLAGS)

build/rel/$(SHLIB): $(REL_LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

# ---- the installed build: its own datadir.o, the rest shared with build/rel
# build/inst/prefix holds the PREFIX it was built for; rewritten only when
# PREFIX changes, so that datadir.o is rebuilt then and only then.
build/inst/prefix: FORCE
	@mkdir -p build/inst
	@test "$$(cat $@ 2>/dev/null)" = "$(PREFIX)" || echo "$(PREFIX)" > $@

build/inst/datadir.o: src/core/datadir.c src/core/util.h build/inst/prefix | deps
	$(CC) $(BASE) -DCT_DATADIR='"$(DATAROOT)/claimtrace"' $(REL_FLAGS) $(PKG_CFLAGS) $(CFLAGS) -c $< -o $@

build/inst/libclaimtrace.a: $(INST_LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

build/inst/$(SHLIB): $(INST_LIB_OBJ)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

build/inst/claimtrace: $(CLI_SRC:%.c=build/rel/%.o) build/inst/libclaimtrace.a
	$(CC) $(REL_FLAGS) -o $@ $^ $(PKG_LIBS) $(SERVE_LIBS) $(ALLOC_LIBS) $(LDFLAGS)

build/inst/claimtrace.pc: claimtrace.pc.in build/inst/prefix
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(patsubst $(PREFIX)%,$${prefix}%,$(LIBDIR))|g' \
		-e 's|@INCLUDEDIR@|$(patsubst $(PREFIX)%,$${prefix}%,$(INCLUDEDIR))|g' \
		-e 's|@VERSION@|$(VERSION)|g' -e 's|@REQUIRES@|$(PKGS)|g' $< > $@

build/man/%: man/%.scd | install-deps
	@mkdir -p build/man
	scdoc < $< > $@

man: $(MAN_PAGES)

# Everything `make install` copies, built.
installed: deps build/inst/claimtrace build/inst/libclaimtrace.a build/inst/$(SHLIB) build/inst/claimtrace.pc $(MAN_PAGES)

install: installed
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(DATAROOT)/claimtrace $(DESTDIR)$(MANDIR)/man1
	install -m 755 build/inst/claimtrace $(DESTDIR)$(BINDIR)/claimtrace
	install -m 644 build/inst/libclaimtrace.a $(DESTDIR)$(LIBDIR)/libclaimtrace.a
	install -m 755 build/inst/$(SHLIB) $(DESTDIR)$(LIBDIR)/$(SHLIB)
	ln -sf $(SHLIB) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libclaimtrace.so
	install -m 644 build/inst/claimtrace.pc $(DESTDIR)$(LIBDIR)/pkgconfig/claimtrace.pc
	install -m 644 include/claimtrace.h $(DESTDIR)$(INCLUDEDIR)/claimtrace.h
	install -m 644 $(DATA_FILES) $(DESTDIR)$(DATAROOT)/claimtrace/
	install -m 644 $(MAN_PAGES) $(DESTDIR)$(MANDIR)/man1/
	@# the loader finds a new library in /usr/local/lib only once its cache knows it
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ]; then $(LDCONFIG); fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/claimtrace $(DESTDIR)$(LIBDIR)/libclaimtrace.a $(DESTDIR)$(LIBDIR)/$(SHLIB) \
		$(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libclaimtrace.so \
		$(DESTDIR)$(LIBDIR)/pkgconfig/claimtrace.pc $(DESTDIR)$(INCLUDEDIR)/claimtrace.h \
		$(MAN_PAGES:build/man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -rf $(DESTDIR)$(DATAROOT)/claimtrace

FORCE:

build/san/claimtrace: $(CLI_SRC:%.c=build/san/%.o) build/san/libclaimtrace.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) $(SERVE_LIBS)

# The unit tests also check the web server's escapers (src/serve/buf.c).
build/san/unit: $(UNIT_SRC:%.c=build/san/%.o) build/san/src/serve/buf.o build/san/libclaimtrace.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS)

# Fuzz targets: replayed over their committed corpus by `make test` (gcc,
# sanitizers); `make fuzz` runs them under libFuzzer (clang) for FUZZ_SECONDS,
# keeping what it finds in build/fuzz/ (a crash's input belongs in
# fuzz/corpus/TARGET/ once fixed, as a regression test). Inputs may grow to
# 64 KB: libFuzzer's default stops near the largest seed, and the story
# target never grew past 428 bytes.
FUZZ_TARGETS := pipeline brat fnc stance_model story html warc sketch group jsonl csv attr_model walk args
FUZZ_SECONDS ?= 60
# the argument parser lives in the command line, not the library: its
# target takes the parser's files along
FUZZ_CLI_SRC := src/cli/opts.c src/cli/pool.c src/cli/args.c
build/san/fuzz_args: fuzz/fuzz_args.c fuzz/replay.c $(FUZZ_CLI_SRC) build/san/libclaimtrace.a
	$(CC) $(BASE) $(SAN_FLAGS) $(PKG_CFLAGS) -Werror -o $@ fuzz/fuzz_args.c fuzz/replay.c $(FUZZ_CLI_SRC) build/san/libclaimtrace.a $(PKG_LIBS)

build/san/fuzz_%: fuzz/fuzz_%.c fuzz/replay.c fuzz/temp_file.h fuzz/read_records.h build/san/libclaimtrace.a
	$(CC) $(BASE) $(SAN_FLAGS) $(PKG_CFLAGS) -Werror -o $@ fuzz/fuzz_$*.c fuzz/replay.c build/san/libclaimtrace.a $(PKG_LIBS)

fuzz: deps
	@tools/deps.sh --fuzz
	@mkdir -p build/fuzz
	for t in $(FUZZ_TARGETS); do \
		clang $(BASE) $(BUILD_DATADIR) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined $(PKG_CFLAGS) -o build/fuzz/$$t \
			fuzz/fuzz_$$t.c $$( [ $$t = args ] && echo $(FUZZ_CLI_SRC) ) $(LIB_SRC) $(PKG_LIBS) || exit 1; \
		mkdir -p build/fuzz/corpus_$$t; \
		build/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -artifact_prefix=build/fuzz/$$t- \
			build/fuzz/corpus_$$t fuzz/corpus/$$t || exit 1; \
	done

# The sanitizer build is the one tested: ASan, UBSan and LeakSanitizer on.
asan: build/san/claimtrace

# ThreadSanitizer over what runs on threads: the unit tests, and the
# commands with several workers against one (tests/tsan.sh).
tsan: test-deps build/tsan/claimtrace build/tsan/unit
	@tests/tsan.sh build/tsan

# tests/cli/install.sh installs into a temporary DESTDIR (`make install`)
# and builds examples/api.c there through pkg-config; tests/cli/newcomer.sh
# runs `make demo`.
test: test-deps build/san/claimtrace build/san/unit $(FUZZ_TARGETS:%=build/san/fuzz_%) installed all
	@tests/run.sh build/san

# The story map of the bundled example (four articles on one story), as
# text, then as the web page it also writes.
demo: all
	build/rel/claimtrace story examples/
	@build/rel/claimtrace story -q --format html --output build/demo.html examples/
	@echo; echo "The same map as a web page: $(CURDIR)/build/demo.html"

build/rel/mkwarc: bench/mkwarc.c build/rel/libclaimtrace.a
	$(CC) $(BASE) $(REL_FLAGS) $(PKG_CFLAGS) -o $@ bench/mkwarc.c build/rel/libclaimtrace.a $(PKG_LIBS)

bench: bench-deps all build/rel/mkwarc build/rel/reprint-eval
	@bench/run.sh build/rel/claimtrace
	@echo
	@bench/stance.sh build/rel/claimtrace

# The attribution tagger, learned from PolNeAR's training split (about a
# minute on one core); deterministic, so a rebuild gives the same bytes.
POLNEAR ?= ../shared/corpus/polnear
attribution-model: build/rel/claimtrace
	@test -d $(POLNEAR)/train || { echo "attribution-model: $(POLNEAR)/train is absent"; exit 1; }
	rm -f data/attribution.model
	build/rel/claimtrace train attribution --gold $(POLNEAR)/train --out data/attribution.model.new --epochs 10 --seed 1
	mv data/attribution.model.new data/attribution.model

# The stance model: trained on the training side of FNC-1's story split
# (seed 1: no headline or body of a held-out story is seen in training), so
# its holdout score is an honest one for claims it never saw, which is what
# `claimtrace story` asks of it. stance-eval-body trains the same recipe on
# the older body split and scores it there, for comparison.
FNC ?= ../shared/corpus/fnc-1
STANCE_SPLIT := build/stance-story-split
STANCE_BODY_SPLIT := build/stance-split
STANCE_TRAIN := --seed 1 --epochs 15 --class-weight 0.5 --hidden 200 --vocab 10000 --l2 1e-4 --nets 3
STANCE_THREADS := --threads 2

$(STANCE_SPLIT)/train_stances.csv: build/rel/claimtrace
	build/rel/claimtrace stance split --stances $(FNC)/train_stances.csv --out-dir $(STANCE_SPLIT) --by story --holdout 0.2 --seed 1

$(STANCE_BODY_SPLIT)/train_stances.csv: build/rel/claimtrace
	build/rel/claimtrace stance split --stances $(FNC)/train_stances.csv --out-dir $(STANCE_BODY_SPLIT) --holdout 0.2 --seed 1

stance-model: build/rel/claimtrace $(STANCE_SPLIT)/train_stances.csv
	build/rel/claimtrace stance train --bodies $(FNC)/train_bodies.csv \
		--stances $(STANCE_SPLIT)/train_stances.csv --out data/stance.model $(STANCE_TRAIN) $(STANCE_THREADS)

stance-eval: build/rel/claimtrace $(STANCE_SPLIT)/train_stances.csv
	build/rel/claimtrace stance predict --model data/stance.model --bodies $(FNC)/train_bodies.csv \
		--stances $(STANCE_SPLIT)/holdout_stances.csv --probs --timing > build/stance-holdout-pred.csv
	build/rel/claimtrace stance eval --gold $(STANCE_SPLIT)/holdout_stances.csv --pred build/stance-holdout-pred.csv

stance-eval-body: build/rel/claimtrace $(STANCE_BODY_SPLIT)/train_stances.csv
	build/rel/claimtrace stance train --bodies $(FNC)/train_bodies.csv \
		--stances $(STANCE_BODY_SPLIT)/train_stances.csv --out build/stance-body.model $(STANCE_TRAIN) $(STANCE_THREADS)
	build/rel/claimtrace stance predict --model build/stance-body.model --bodies $(FNC)/train_bodies.csv \
		--stances $(STANCE_BODY_SPLIT)/holdout_stances.csv > build/stance-body-pred.csv
	build/rel/claimtrace stance eval --gold $(STANCE_BODY_SPLIT)/holdout_stances.csv --pred build/stance-body-pred.csv

# The proxy of the competition test set (docs/stance.md): held-out stories
# at the test set's label mix, split seeds 1-5; seed 1 scores the shipped
# model (trained on that split), the others train the same recipe.
stance-proxy: build/rel/claimtrace
	BIN=build/rel/claimtrace FNC=$(FNC) TRAIN="$(STANCE_TRAIN) $(STANCE_THREADS)" MODEL1=data/stance.model tools/stance-proxy.sh

# The statement stance model, from Emergent's training headlines, leaving
# out the claims of the stories held out above (a fraction of a second).
EMERGENT ?= ../shared/corpus/emergent
statement-model: build/rel/claimtrace $(STANCE_SPLIT)/train_stances.csv
	build/rel/claimtrace train statement --emergent $(EMERGENT)/train.csv --folds 5 \
		--exclude $(STANCE_SPLIT)/holdout_stances.csv --out data/statement.model

# The story map on FNC-1's held-out stories, and on Emergent's claims.
story-eval: build/rel/claimtrace
	build/rel/claimtrace eval story --fnc $(FNC) -q
	build/rel/claimtrace eval story --fnc $(FNC) -q --claim
	build/rel/claimtrace eval emergent --emergent $(EMERGENT)/train.csv --folds 5

# The story map on inner folds of the training side, where the story
# stage was tuned (about 15 minutes the first time: seven stance models).
story-folds: build/rel/claimtrace $(STANCE_SPLIT)/train_stances.csv
	BIN=build/rel/claimtrace FNC=$(FNC) TRAIN="$(STANCE_TRAIN) $(STANCE_THREADS)" tools/story-folds.sh

# Wire reprints: the sketch's decision against exact shingle overlaps on
# FNC-1's bodies, synthetic reprints by kind of edit, the sketch's cost
# (docs/reprints.md).
build/rel/reprint-eval: tools/reprints.c build/rel/libclaimtrace.a
	$(CC) $(BASE) $(REL_FLAGS) $(PKG_CFLAGS) -o $@ tools/reprints.c build/rel/libclaimtrace.a $(PKG_LIBS)

reprint-eval: build/rel/reprint-eval
	build/rel/reprint-eval $(FNC)/train_bodies.csv

stance-bench: build/rel/claimtrace
	@bench/stance.sh build/rel/claimtrace

clean:
	rm -rf build
