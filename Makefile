# mdbrief: `make report` builds output/briefing.pdf from sources/; `make test` runs the tests.
# Both first install what is missing (Debian packages, npm dependencies): scripts/setup.sh, a quick check when done.
SHELL := /bin/bash
SOURCES ?= sources
OUT ?= output
TITLE ?= Research briefing
TEST_REPORT ?= .vitest-report.json
MDBRIEF := node bin/mdbrief.js

.PHONY: report test setup watch typecheck bench clean

report: setup dist/.stamp
	$(MDBRIEF) build --sources "$(SOURCES)" --out "$(OUT)" --title "$(TITLE)"

watch: setup dist/.stamp
	$(MDBRIEF) watch --sources "$(SOURCES)" --out "$(OUT)" --title "$(TITLE)"

test: setup dist/.stamp
	npx tsc -p tsconfig.json --noEmit
	npx vitest run --reporter=default --reporter=json --outputFile.json="$(TEST_REPORT)"

setup:
	@bash scripts/setup.sh

# The CLI runs bundled JavaScript (scripts/build.ts): rebundle when any pipeline module or a dependency changes.
dist/.stamp: $(shell find pipeline -name '*.ts') scripts/build.ts scripts/code-digest.ts package-lock.json
	npm run --silent build
	@touch $@

typecheck: setup
	npx tsc -p tsconfig.json --noEmit

bench: setup dist/.stamp
	npm run bench

clean:
	rm -rf "$(OUT)" dist
