# Kusari: the two commands of the quick start.
#   make tutorials   build in release and run every tutorial; figures go to Plots/
#   make test        run the test suite
SWIFT ?= swift
TUTORIALS := noisy-sine-rnn sine-cosine-lstm stateful-rnn

# OpenBLAS's kernel family, chosen from the CPU's flags when OpenBLAS might not recognise the CPU
# (scripts/openblas-coretype.sh says why: speed, and the tutorials' numbers reproduced bit for bit).
OPENBLAS_CORETYPE ?= $(shell ./scripts/openblas-coretype.sh)
ifneq ($(OPENBLAS_CORETYPE),)
export OPENBLAS_CORETYPE
endif

.PHONY: deps tutorials test bench clean

deps:
	./scripts/install-deps.sh

tutorials: deps
	$(SWIFT) build -c release
	./scripts/run-tutorials.sh

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	SWIFT=$(SWIFT) ./scripts/test-mpi.sh  # multi-rank checks of KusariDistributed under mpirun (issue 13)
	./scripts/check-examples.sh   # starter package, doc snippets, labs (Docs/GettingStarted.md, Labs/)

bench: deps
	$(SWIFT) run -c release kusari-bench all

clean:
	rm -rf .build

# The API documentation: a DocC site of every module in .build/docs/site, failing on any DocC warning or
# undocumented public symbol (scripts/check-docs.sh; about 2–3 minutes on two cores).
.PHONY: docs
docs: deps
	./scripts/check-docs.sh

# Fuzzing (Docs/Fuzzing.md): `make test` runs 300 mutated inputs per format; this is the large run.
.PHONY: fuzz
fuzz: deps
	$(SWIFT) build --product kusari-fuzz
	$(SWIFT) run --skip-build kusari-fuzz --count 10000

# Labs: grade one lab, e.g. `make lab N=3` (Labs/README.md).
.PHONY: lab
lab:
	@test -n "$(N)" || { echo "usage: make lab N=<number>, e.g. make lab N=3 (see Labs/README.md)"; exit 2; }
	cd Labs && $(SWIFT) test --filter 'Lab$(N)Tests'
