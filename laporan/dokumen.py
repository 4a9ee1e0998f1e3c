"""The finished LKj: the whole report as one HTML document (the browser preview) and as a PDF.

`html_laporan(data)` renders templates/laporan/dokumen.html with the context of
laporan/konteks.py, the whole report as one document. `susun_pdf(data)` prints the same
templates as segments, one document per chapter (and per few sasaran in BAB III), each laid out
by WeasyPrint in a warm worker process (laporan/tata_letak.py) and cached by its content
(static/laporan/lkj.css: A4, running header, landscape pages for wide tables); the pages are
then numbered (laporan/penomoran.py: roman in the front matter, arabic from BAB I) and the PDF
assembled (laporan/rakit.py: the numbers stamped, the Daftar Isi linked, the uploaded Lampiran
PDFs appended). `hash_isi(data)` identifies everything that goes into the PDF, so an unchanged
report is served from the cache.

Nothing is fetched over the network: the stylesheet, fonts and logo are read from local files
by `PengambilLokal`, which refuses every URL outside the static and media folders; charts are
inline SVG strings. Imports stay at module level so a warm worker renders without start-up cost.
"""

import functools
import hashlib
import inspect
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.utils import translation

from . import penomoran, rakit, tata_letak
from .data import DataLaporan
from .konteks import CSS, SASARAN_PER_SEGMEN, konteks
from .penomoran import JUDUL_BAB
from .rakit import Susunan
from .tata_letak import AksesDitolak as AksesDitolak
from .tata_letak import HasilSegmen

TEMPLATE = "laporan/dokumen.html"


# --- Local resources only ---------------------------------------------------------------------


def _akar_diizinkan() -> list[Path]:
    akar = [Path(d) for d in settings.STATICFILES_DIRS]
    akar += [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    return [a.resolve() for a in akar if a]


class PengambilLokal(tata_letak.PengambilLokal):
    """The local-only URL fetcher of laporan/tata_letak.py, limited by default to the static folders
    and MEDIA_ROOT (anything else raises `AksesDitolak`)."""

    def __init__(self, akar: list[Path] | None = None):
        super().__init__(akar if akar is not None else _akar_diizinkan())


def _jalur_css() -> Path:
    ditemukan = finders.find(CSS)
    if not ditemukan:
        raise FileNotFoundError(f"{CSS} tidak ditemukan di folder static.")
    return Path(ditemukan).resolve()


def _url_dasar() -> str:
    """The static folder that holds laporan/lkj.css, as a file:// URL ending in "/"."""
    return _jalur_css().parent.parent.as_uri() + "/"


@dataclass(frozen=True)
class HasilPDF:
    pdf: bytes
    jumlah_halaman: int
    dirender: tuple[str, ...] = ()  # the segments laid out for this PDF …
    dari_cache: tuple[str, ...] = ()  # … and those taken from the segment cache


# --- HTML -------------------------------------------------------------------------------------


def _html(data: DataLaporan, **kwargs) -> str:
    with translation.override("id"):
        return render_to_string(TEMPLATE, konteks(data, **kwargs))


def html_laporan(data: DataLaporan, *, pratinjau: bool = False) -> str:
    """The whole report as one HTML document (the PDF's source; with `pratinjau=True` the
    browser preview, identical in content). The PDF's source carries its content hash in the
    document metadata (PDF Keywords "sha256:…"), so a downloaded file can be matched to its
    data."""
    if pratinjau:
        return _html(data, pratinjau=True)
    return _html(data, kode_isi=hash_isi(data))


# --- PDF --------------------------------------------------------------------------------------


def _hash_berkas(jalur) -> str:
    h = hashlib.sha256()
    with open(jalur, "rb") as f:
        for potongan in iter(lambda: f.read(1 << 20), b""):
            h.update(potongan)
    return h.hexdigest()


def hash_isi(data: DataLaporan) -> str:
    """A sha256 of everything that goes into the PDF: the HTML (charts stand in it as keys of
    their inputs and of the chart code, so no chart is drawn here), the stylesheet, and the bytes
    of every attached file. Any change of data, text, signature, template or attachment gives a
    new hash."""
    h = hashlib.sha256(_versi_penata().encode())
    h.update(_html(data, svg=False).encode())
    h.update(_jalur_css().read_bytes())
    for lampiran in data.lampiran:
        h.update(f"|lampiran {lampiran.judul}|".encode())
        h.update(_hash_berkas(lampiran.berkas.path).encode())
    return h.hexdigest()


# --- PDF segments -----------------------------------------------------------------------------

SEGMEN_TEMPLATE = "laporan/segmen.html"
NOMOR_TEMPLATE = "laporan/nomor_halaman.html"
CACHE_SEGMEN = "pdf_segmen"


@dataclass(frozen=True)
class Segmen:
    """A part of the report laid out as a document of its own; it starts on a new page.

    `bagian` are templates under laporan/bab/, `halaman` the page group (front matter "depan"
    or body "isi"), `bab` the running-header title when the segment starts inside a chapter
    (BAB III after its first sasaran), `konteks` what it prints differently from the whole
    report, and `gaya` extra CSS for this document alone."""

    kunci: str
    bagian: tuple[str, ...]
    halaman: str = "isi"
    bab: str = ""
    konteks: dict = field(default_factory=dict, compare=False)
    gaya: str = ""


def segmen_laporan(ctx: dict) -> list[Segmen]:
    """The report's segments in print order, the Daftar Isi/Tabel/Gambar excepted (they are
    laid out last, when every page number is known): the front matter, BAB I, BAB II, BAB III
    up to its first sasaran, its other sasaran a few at a time, BAB III.B, BAB IV, Lampiran."""
    blok = ctx["sasaran_list"]
    kelompok = [blok[i : i + SASARAN_PER_SEGMEN] for i in range(1, len(blok), SASARAN_PER_SEGMEN)]
    judul_bab3 = f"BAB III {JUDUL_BAB[3]}"
    hasil = [
        Segmen("depan", ("sampul", "kata_pengantar", "pernyataan_reviu", "ikhtisar"), "depan"),
        Segmen("bab1", ("bab1",)),
        Segmen("bab2", ("bab2",)),
        Segmen("bab3", ("bab3",), konteks={"bab3_blok": blok[:1], "bab3_akhir": False}),
    ]
    for nomor, bagian in enumerate(kelompok, start=2):
        hasil.append(
            Segmen(
                f"bab3-{nomor}",
                ("bab3",),
                bab=judul_bab3,
                konteks={"bab3_awal": False, "bab3_blok": bagian, "bab3_akhir": False},
            )
        )
    if ctx["ada_anggaran"]:
        hasil.append(
            Segmen(
                "bab3-anggaran",
                ("bab3",),
                bab=judul_bab3,
                konteks={"bab3_awal": False, "bab3_blok": [], "bab3_akhir": True},
            )
        )
    hasil += [
        Segmen("bab4", ("bab4",)),
        Segmen("lampiran", ("lampiran",)),
    ]
    return hasil


def gaya_kaki(kaki: str) -> str:
    """CSS printing `kaki` (e.g. "Revisi 2 · disetujui 3 Februari 2025") at the bottom left of
    every page, beside the page number."""
    if not kaki:
        return ""
    teks = kaki.replace("\\", "").replace('"', "'")
    return (
        f'@page {{ @bottom-left {{ content: "{teks}"; font: 8pt "LKj Serif", serif; '
        "color: #555; vertical-align: top; padding-top: 5.6mm; } }"
    )


def _segmen_daftar(nomor_awal: int, kaki: str = "") -> Segmen:
    """The Daftar Isi, Tabel and Gambar: the only segment that numbers its own pages (it is
    laid out after the others, so its first page's roman number is known)."""
    gaya = (
        f"@page :first {{ counter-reset: page {nomor_awal}; }}\n"
        "@page { @bottom-center { content: counter(page, lower-roman); } }\n" + gaya_kaki(kaki)
    )
    return Segmen("daftar", ("daftar_isi",), "depan", gaya=gaya)


def _html_segmen(ctx: dict, segmen: Segmen) -> str:
    with translation.override("id"):
        return render_to_string(SEGMEN_TEMPLATE, {**ctx, **segmen.konteks, "segmen": segmen})


@functools.cache
def _versi_penata() -> str:
    """The code and templates that turn segments into the PDF, and the WeasyPrint version: a
    change to any gives every segment a new cache key and every report a new content hash."""
    h = hashlib.sha256(weasyprint.__version__.encode())
    for modul in (tata_letak, rakit, penomoran):
        h.update(inspect.getsource(modul).encode())
    for nama in (SEGMEN_TEMPLATE, NOMOR_TEMPLATE, "laporan/_kepala_dokumen.html"):
        h.update(Path(get_template(nama).origin.name).read_bytes())
    return h.hexdigest()


class _SusunanTercache:
    """Segments ({key: HTML}): those in the segment cache are taken from it, the others are
    sent to the worker processes at once; `hasil()` waits for them and caches them."""

    def __init__(self, tugas: dict[str, str]):
        self.cache = caches[CACHE_SEGMEN]
        dasar = hashlib.sha256(_versi_penata().encode())
        dasar.update(_jalur_css().read_bytes())
        self.kunci = {}
        for k, html in tugas.items():
            h = dasar.copy()
            h.update(html.encode())
            self.kunci[k] = f"segmen:{h.hexdigest()}"
        tersimpan = self.cache.get_many(list(self.kunci.values()))
        self.tersimpan = {k: tersimpan[c] for k, c in self.kunci.items() if c in tersimpan}
        self.antrean = tata_letak.Antrean(
            {k: html for k, html in tugas.items() if k not in self.tersimpan},
            base_url=_url_dasar(),
            akar=[str(a) for a in _akar_diizinkan()],
            proses=settings.PDF_PROSES,
        )
        self.dirender = tuple(self.antrean.tugas)
        self.dari_cache = tuple(self.tersimpan)

    def hasil(self) -> dict[str, HasilSegmen]:
        baru = self.antrean.hasil()
        self.cache.set_many({self.kunci[k]: v for k, v in baru.items()})
        return {**self.tersimpan, **baru}


def _metadata(data: DataLaporan, kode_isi: str) -> dict[str, str]:
    """PDF metadata; Keywords carry the content hash ("sha256:…"), so a downloaded file can be
    matched to its data."""
    return {
        "/Title": data.judul,
        "/Author": data.nama_pemilik,
        "/Subject": f"Laporan Kinerja (LKj) {data.nama_pemilik} Tahun {data.tahun}",
        "/Keywords": f"Laporan Kinerja, LKj, {data.tahun}, sha256:{kode_isi}",
        "/Creator": "LKj KPU",
        "/Producer": f"WeasyPrint {weasyprint.__version__}, pikepdf {pikepdf.__version__}",
    }


def susun_pdf(data: DataLaporan, *, reviu: dict | None = None, kaki: str = "") -> HasilPDF:
    """The finished PDF and its page count. A frozen PDF (laporan/final.py) passes the
    reviewer's statement (`reviu`) and a footer note printed on every numbered page (`kaki`).

    1. The segments (front matter, each chapter, BAB III a few sasaran at a time, Lampiran) are
       laid out side by side, those unchanged since an earlier render coming from the cache.
    2. Their anchors give every heading, table and figure its printed page number: none on
       the cover, lower-roman from the Kata Pengantar, arabic from 1 at BAB I. The Daftar
       Isi/Tabel/Gambar segment prints them, while an overlay document lays out the numbers
       of the other pages.
    3. rakit.rakit stamps the numbers, links the lists to their pages, adds bookmarks, page
       labels and metadata, and appends every Lampiran PDF in order."""
    # The segments carry no content hash (it is in the PDF's metadata), so a segment's HTML,
    # and its cache key, change only when what it prints changes.
    ctx = konteks(data, reviu=reviu)
    segmen = segmen_laporan(ctx)
    render_isi = _SusunanTercache({s.kunci: _html_segmen(ctx, s) for s in segmen})
    kode_isi = hash_isi(data)  # while the workers lay out the segments
    hasil = render_isi.hasil()
    depan, *isi = [hasil[s.kunci] for s in segmen]

    nomor = penomoran.nomor_halaman(depan, isi)
    ctx_daftar = {
        **ctx,
        "daftar_isi": nomor.bernomor(ctx["daftar_isi"]),
        "daftar_tabel": nomor.bernomor(ctx["daftar_tabel"]),
        "daftar_gambar": nomor.bernomor(ctx["daftar_gambar"]),
    }
    ukuran = [*depan.ukuran, *(u for s in isi for u in s.ukuran)]
    halaman_nomor = [
        {"label": label, "lebar": lebar > tinggi}
        for label, (lebar, tinggi) in zip(nomor.depan + nomor.isi, ukuran, strict=True)
    ]
    with translation.override("id"):
        html_nomor = render_to_string(
            NOMOR_TEMPLATE,
            {"halaman": halaman_nomor, "css_href": CSS, "gaya_kaki": gaya_kaki(kaki)},
        )
    render_akhir = _SusunanTercache(
        {
            "daftar": _html_segmen(ctx_daftar, _segmen_daftar(depan.jumlah_halaman, kaki)),
            "nomor": html_nomor,
        }
    )
    akhir = render_akhir.hasil()
    daftar = akhir["daftar"]

    n_depan, n_daftar, n_isi = depan.jumlah_halaman, daftar.jumlah_halaman, len(nomor.isi)
    susunan = Susunan(
        segmen=[depan, daftar, *isi],
        overlay=akhir["nomor"],
        cap=penomoran.cap_halaman(n_depan, n_daftar, n_isi),
        bookmark=penomoran.penanda(ctx["daftar_isi"]),
        label=penomoran.label_halaman(n_depan + n_daftar, n_isi),
        metadata=_metadata(data, kode_isi),
        lampiran=[(lamp.judul, lamp.berkas.path) for lamp in data.lampiran],
    )
    isi_pdf, jumlah = rakit.rakit(susunan)
    return HasilPDF(
        isi_pdf,
        jumlah,
        dirender=render_isi.dirender + render_akhir.dirender,
        dari_cache=render_isi.dari_cache + render_akhir.dari_cache,
    )
