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

bench: deps
	$(SWIFT) run -c release kusari-bench all

clean:
	rm -rf .build

# Fuzzing (Docs/Fuzzing.md): `make test` runs 300 mutated inputs per format; this is the large run.
.PHONY: fuzz
fuzz: deps
	$(SWIFT) build --product kusari-fuzz
	$(SWIFT) run --skip-build kusari-fuzz --count 10000
