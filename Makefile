# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup syscheck demo run test lint format migrate demo-data clean samples bench

setup: syscheck $(STAMP)

# WeasyPrint needs Pango from the system; say which package is missing instead of a traceback.
syscheck:
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 tidak ditemukan: pasang paket python3 (apt-get install python3 python3-venv)."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "Modul venv/ensurepip tidak ada: pasang paket python3-venv (apt-get install python3-venv)."; exit 1; }
	@for lib in libpango-1.0.so.0:libpango-1.0-0 libpangoft2-1.0.so.0:libpangoft2-1.0-0 libharfbuzz.so.0:libharfbuzz0b libfontconfig.so.1:libfontconfig1; do \
		so=$${lib%%:*}; pkg=$${lib##*:}; \
		ldconfig -p 2>/dev/null | grep -q "$$so" || { echo "WeasyPrint memerlukan $$so: pasang paket Debian '$$pkg' (apt-get install $$pkg)."; exit 1; }; \
	done
	@fc-list 2>/dev/null | grep -q "DejaVu Sans" || { echo "Grafik laporan memerlukan huruf DejaVu Sans: pasang paket Debian 'fonts-dejavu-core' (apt-get install fonts-dejavu-core)."; exit 1; }

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@$(PY) -c 'import weasyprint' || { echo "WeasyPrint tidak dapat dimuat: lihat pesan di atas untuk pustaka sistem yang kurang."; exit 1; }
	touch $(STAMP)

migrate: setup
	$(PY) manage.py migrate --noinput

demo-data: migrate
	$(PY) manage.py muat_demo

demo: demo-data
	@$(PY) manage.py muat_demo --akun
	@echo "Buka http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	@# The PDF worker runs beside the web server and stops with it.
	$(PY) manage.py db_worker & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

run: migrate
	$(PY) manage.py runserver $(HOST):$(PORT)

# Sample PDFs of the four demo reports (Rejang Lebong's one LKj holds both its PKs), in docs/samples/
SAMPLES := 18.03:2023:lembaga 36.73:2023:sekretariat 18.72:2024:lembaga 17.02:2024:gabungan
samples: demo-data
	@mkdir -p docs/samples
	@for s in $(SAMPLES); do \
		kode=$${s%%:*}; rest=$${s#*:}; tahun=$${rest%%:*}; jenis=$${rest#*:}; \
		$(PY) manage.py lkj_pdf --satker $$kode --tahun $$tahun --jenis $$jenis \
			--output docs/samples/LKj-$$kode-$$tahun-$$jenis.pdf || exit 1; \
	done

bench: demo-data
	$(PY) bench/susun_pdf.py --n 5
	$(PY) bench/impor_pk.py

# In parallel on every core (pytest-xdist); PYTEST_ARGS="-n 0" runs in one process.
test: setup
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# Style, the layers of the apps (import-linter contracts in pyproject.toml), and types.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache .hypothesis var
