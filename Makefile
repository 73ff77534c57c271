# The two commands of the README. Everything they need is installed by scripts/setup.sh.
.PHONY: run test dist

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

# A folder and a tarball to install on a server (dist/; see README, "Operating the portal").
dist:
	@bash scripts/dist.sh
