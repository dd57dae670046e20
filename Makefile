# Kusari: the two commands of the quick start.
#   make tutorials   build in release and run every tutorial; figures go to Plots/
#   make test        run the test suite
SWIFT ?= swift
TUTORIALS := noisy-sine-rnn sine-cosine-lstm stateful-rnn

.PHONY: deps tutorials test bench clean

deps:
	./scripts/install-deps.sh

tutorials: deps
	$(SWIFT) build -c release
	./scripts/run-tutorials.sh

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	./scripts/check-examples.sh   # starter package, doc snippets, labs (Docs/GettingStarted.md, Labs/)

bench: deps
	$(SWIFT) run -c release kusari-bench all

clean:
	rm -rf .build

# Labs: grade one lab, e.g. `make lab N=3` (Labs/README.md).
.PHONY: lab
lab:
	@test -n "$(N)" || { echo "usage: make lab N=<number>, e.g. make lab N=3 (see Labs/README.md)"; exit 2; }
	cd Labs && $(SWIFT) test --filter 'Lab$(N)Tests'
