# The two commands of the README. Everything they need is installed by scripts/setup.sh.
.PHONY: run test

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh
