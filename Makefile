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
	SWIFT=$(SWIFT) ./scripts/test-mpi.sh  # multi-rank checks of KusariDistributed under mpirun (issue 13)

bench: deps
	$(SWIFT) run -c release kusari-bench all

clean:
	rm -rf .build
