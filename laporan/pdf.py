"""The finished LKj: the whole report as one HTML document (the browser preview) and as a PDF.

`konteks(data)` prepares everything the templates print (sections, charts, numbered tables and
figures, the table of contents); `html_laporan(data)` renders templates/laporan/dokumen.html,
the whole report as one document (the browser preview). `render_pdf(data)` prints the same
templates as segments, one document per chapter (and per few sasaran in BAB III), each laid out
by WeasyPrint in a warm worker process and cached by its content (static/laporan/lkj.css: A4,
running header, landscape pages for wide tables); laporan/cetak.py then stamps the page numbers
(roman in the front matter, arabic from BAB I), links the Daftar Isi and appends the uploaded
Lampiran PDFs. `hash_isi(data)` identifies everything that goes into the PDF, so an unchanged
report is served from the cache.

Nothing is fetched over the network: the stylesheet, fonts and logo are read from local files
by `PengambilLokal`, which refuses every URL outside the static and media folders; charts are
inline SVG strings. Imports stay at module level so a warm worker renders without start-up cost.
"""

import base64
import functools
import hashlib
import inspect
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import pikepdf
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import get_template, render_to_string
from django.templatetags.static import static
from django.utils import translation

from kinerja.models import JenisPK
from nilai import romawi, terbilang, tulis_nilai, tulis_persen
from satker.models import Tingkat

from . import cetak, grafik
from .bagian import ANALISIS, BAGIAN_UMUM, BagianTampil, kunci_analisis, susun
from .cetak import AksesDitolak as AksesDitolak
from .cetak import HasilSegmen
from .data import DataLaporan, PKLaporan, SasaranLaporan

TEMPLATE = "laporan/dokumen.html"
CSS = "laporan/lkj.css"
TW = (1, 2, 3, 4)

JUDUL_BAB = {
    1: "Pendahuluan",
    2: "Perencanaan Kinerja",
    3: "Akuntabilitas Kinerja",
    4: "Penutup",
}


# --- Local resources only ---------------------------------------------------------------------


def _akar_diizinkan() -> list[Path]:
    akar = [Path(d) for d in settings.STATICFILES_DIRS]
    akar += [Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)]
    return [a.resolve() for a in akar if a]


class PengambilLokal(cetak.PengambilLokal):
    """The local-only URL fetcher of laporan/cetak.py, limited by default to the static folders
    and MEDIA_ROOT (anything else raises `AksesDitolak`)."""

    def __init__(self, akar: list[Path] | None = None):
        super().__init__(akar if akar is not None else _akar_diizinkan())


def _jalur_css() -> Path:
    ditemukan = finders.find(CSS)
    if not ditemukan:
        raise FileNotFoundError(f"{CSS} tidak ditemukan di folder static.")
    return Path(ditemukan).resolve()


def _base_url() -> str:
    """The static folder that holds laporan/lkj.css, as a file:// URL ending in "/"."""
    return _jalur_css().parent.parent.as_uri() + "/"


# --- Charts -----------------------------------------------------------------------------------

_GRAFIK_CACHE: OrderedDict[str, str | None] = OrderedDict()
_GRAFIK_KUNCI = threading.Lock()
_GRAFIK_MAKS = 512
# The chart code itself is part of every chart's key: a changed drawing gives a new hash.
_VERSI_GRAFIK = hashlib.sha256(inspect.getsource(grafik).encode()).hexdigest()[:16]


def _kunci_grafik(fungsi, *args) -> str:
    return hashlib.sha256(f"{_VERSI_GRAFIK}|{fungsi.__name__}|{args!r}".encode()).hexdigest()


def _grafik(fungsi, *args, svg: bool = True) -> str | None:
    """A chart as an inline SVG string (None when there is nothing to plot). Charts are pure
    functions of their inputs, so they are kept in a small in-process cache: re-rendering a
    report after a text edit does not redraw them. With `svg=False` only the chart's key is
    returned (an HTML comment), which is what the content hash needs."""
    kunci = _kunci_grafik(fungsi, *args)
    if not svg:
        return f"<!-- grafik {kunci} -->"
    with _GRAFIK_KUNCI:
        if kunci in _GRAFIK_CACHE:
            _GRAFIK_CACHE.move_to_end(kunci)
            return _GRAFIK_CACHE[kunci]
    hasil = fungsi(*args)
    with _GRAFIK_KUNCI:
        _GRAFIK_CACHE[kunci] = hasil
        while len(_GRAFIK_CACHE) > _GRAFIK_MAKS:
            _GRAFIK_CACHE.popitem(last=False)
    return hasil


# --- Numbering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Nomor:
    """A numbered table or figure: "Tabel 3", its caption and the anchor the lists link to."""

    jenis: str  # "Tabel" or "Gambar"
    nomor: int
    judul: str
    id: str
    depan: bool = False  # printed in the front matter (its page number is lower-roman)
    halaman: str = ""  # its printed page number, once the PDF's segments are laid out

    @property
    def label(self) -> str:
        return f"{self.jenis} {self.nomor}"


class _Penomoran:
    """Tables or figures numbered 1..n in print order (the order `konteks` registers them)."""

    def __init__(self, jenis: str):
        self.jenis = jenis
        self.daftar: list[Nomor] = []
        self.per_kunci: dict[str, Nomor] = {}

    def tambah(self, kunci: str, judul: str, *, depan: bool = False) -> Nomor:
        n = Nomor(self.jenis, len(self.daftar) + 1, judul, f"{self.jenis.lower()}-{kunci}", depan)
        self.daftar.append(n)
        self.per_kunci[kunci] = n
        return n


@dataclass(frozen=True)
class EntriIsi:
    """A line of the Daftar Isi: the heading text, its anchor and level; `depan` entries are in
    the front matter and print their page number in lower-roman."""

    judul: str
    id: str
    tingkat: int = 0
    depan: bool = False
    halaman: str = ""  # its printed page number, once the PDF's segments are laid out


@dataclass
class Analisis:
    nomor: int
    judul: str
    bagian: BagianTampil


@dataclass
class BlokSasaran:
    """What BAB III.A prints for one sasaran: its table, chart and the seven analyses."""

    sasaran: SasaranLaporan
    id: str
    tabel: Nomor
    gambar: Nomor | None
    svg: str | None
    analisis: list[Analisis]
    # The first sasaran is printed inside BAB III.A.2's opening; the others after it.
    pembuka: bool = False
    # The first sasaran of each later PDF segment starts on a new page (segments are laid out
    # as separate documents); within a segment the sasaran follow each other, so the end of one
    # does not leave a near-empty page.
    halaman_baru: bool = False
    # In a combined report, the PK whose sasaran start here (its heading is printed first).
    pk_awal: "BlokPK | None" = None


@dataclass
class BarisRencanaAksi:
    nomor_sasaran: int | None  # set on the first row of a sasaran
    rowspan: int
    sasaran: str
    kode: str
    nama: str
    satuan: str
    target: str
    triwulan: list[tuple[str, str]] = field(default_factory=list)  # (target, realisasi) TW I–IV


@dataclass
class BlokPK:
    """What the report prints for one of its PKs: its tables in BAB II and III.A.1, its chart,
    and its documents in the Lampiran."""

    pk: PKLaporan
    id: str
    awal: bool  # the report's first PK
    judul: str  # "Perjanjian Kinerja Sekretariat KPU Kota Serang Tahun 2023"
    tabel_pk: Nomor
    baris_pk: list[dict]
    rencana_aksi: list[BarisRencanaAksi]
    ada_target_kegiatan: bool
    ada_target_triwulan: bool
    tabel_anggaran: Nomor | None = None
    tabel_pengukuran: Nomor | None = None
    gambar_sasaran: Nomor | None = None
    svg_sasaran: str | None = None
    tabel_lampiran_pk: Nomor | None = None
    tabel_lampiran_anggaran: Nomor | None = None
    tabel_rencana_aksi: Nomor | None = None

    @property
    def id_analisis(self) -> str:
        return f"analisis-{self.pk.jenis}"

    @property
    def sekretariat(self) -> bool:
        return self.pk.sekretariat


@dataclass
class BagianBab:
    """A section of a chapter: its letter, title, anchor and (when drafted) its text."""

    huruf: str
    judul: str
    id: str
    isi: BagianTampil | None = None


@dataclass(frozen=True)
class HasilPDF:
    pdf: bytes
    jumlah_halaman: int
    dirender: tuple[str, ...] = ()  # the segments laid out for this PDF …
    dari_cache: tuple[str, ...] = ()  # … and those taken from the segment cache


# --- Context ----------------------------------------------------------------------------------


def _pereviu(data: DataLaporan) -> str:
    """Who reviews this report: the KPU Provinsi for a Kab/Kota, the Inspektorat of KPU RI for a
    province or KPU RI itself."""
    satker = data.satker
    if satker.tingkat == Tingkat.KABKOTA and satker.induk_id:
        return satker.induk.nama
    return "Inspektorat Utama KPU"


def _provinsi(data: DataLaporan) -> str:
    """The province line under a Kab/Kota's name on the cover ("Provinsi Bengkulu")."""
    satker = data.satker
    if satker.tingkat == Tingkat.KABKOTA and satker.induk_id and satker.induk.nama_wilayah:
        return f"Provinsi {satker.induk.nama_wilayah}"
    return ""


def _penandatangan(data: DataLaporan) -> dict:
    lap = data.laporan
    return {
        "tempat": lap.tempat_ttd.strip(),
        "tanggal": lap.tanggal_ttd,
        "jabatan": lap.penandatangan_jabatan.strip(),
        "nama": lap.penandatangan_nama.strip(),
        "nip": lap.penandatangan_nip.strip(),
    }


def _aturan(data: DataLaporan) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The capaian rules (or reasons for no capaian) used in the measurement table, lettered
    a, b, c … in order of first use, and the letter of each indicator (by kode)."""
    daftar: list[tuple[str, str]] = []
    huruf_per_teks: dict[str, str] = {}
    per_kode: dict[str, str] = {}
    for s in data.sasaran:
        for ind in s.indikator:
            teks = ind.hasil.aturan if ind.hasil.nilai is not None else ind.hasil.alasan
            teks = teks or ind.hasil.aturan
            if not teks:
                continue
            if teks not in huruf_per_teks:
                huruf_per_teks[teks] = chr(ord("a") + len(daftar)) if len(daftar) < 26 else "*"
                daftar.append((huruf_per_teks[teks], teks))
            per_kode[ind.kode] = huruf_per_teks[teks]
    return daftar, per_kode


def _skala(data: DataLaporan) -> list[tuple[str, str]]:
    """The category bands as printed, highest first: ("Sangat Baik", "91,00 % ke atas")."""
    urut = sorted(data.pita, key=lambda p: p.batas_bawah)
    baris = []
    for i, p in enumerate(urut):
        if i + 1 < len(urut):
            rentang = (
                f"{tulis_persen(p.batas_bawah)} s.d. < {tulis_persen(urut[i + 1].batas_bawah)}"
            )
        else:
            rentang = f"{tulis_persen(p.batas_bawah)} ke atas"
        baris.append((p.label, rentang))
    return list(reversed(baris))


def _baris_pk(p: PKLaporan) -> list[dict]:
    """The PK table rows (sasaran cells spanning their indicators), from the same sasaran list
    as the measurement table so both number the sasaran alike."""
    baris = []
    for s in p.sasaran:
        for i, ind in enumerate(s.indikator):
            baris.append(
                {
                    "sasaran": s if i == 0 else None,
                    "rowspan": len(s.indikator),
                    "indikator": ind,
                }
            )
    return baris


def _rencana_aksi(p: PKLaporan) -> list[BarisRencanaAksi]:
    """Quarterly targets (the Rencana Aksi) and realisasi of every indicator of a PK."""
    item_per_kode = {item.indikator.kode: item for item in p.item}
    baris = []
    for s in p.sasaran:
        for i, ind in enumerate(s.indikator):
            item = item_per_kode.get(ind.kode)
            target_tw, realisasi_tw = {}, {}
            if item is not None:
                for t in item.target_triwulan.all():
                    v = t.nilai_dari("target")
                    if v is not None and v != "":
                        target_tw[t.triwulan] = tulis_nilai(v, ind.satuan)
                for r in item.realisasi.all():
                    v = r.nilai_dari("nilai")
                    if v is not None and v != "":
                        realisasi_tw[r.triwulan] = tulis_nilai(v, ind.satuan)
            baris.append(
                BarisRencanaAksi(
                    nomor_sasaran=s.nomor if i == 0 else None,
                    rowspan=len(s.indikator),
                    sasaran=s.teks,
                    kode=ind.kode,
                    nama=ind.nama,
                    satuan=ind.satuan,
                    target=ind.target,
                    triwulan=[(target_tw.get(tw, "—"), realisasi_tw.get(tw, "—")) for tw in TW],
                )
            )
    return baris


def _ada_target_triwulan(p: PKLaporan) -> bool:
    return any(
        t.target is not None or t.target_predikat
        for item in p.item
        for t in item.target_triwulan.all()
    )


def _bagian_bab(bagian: dict[str, BagianTampil], bab: str, awalan: str) -> list[BagianBab]:
    """The printed sections of a chapter, lettered A, B, … (a section with nothing to say is
    left out and the letters close up)."""
    hasil = []
    for jenis in BAGIAN_UMUM:
        if jenis.bab != bab or not bagian[jenis.kunci].dicetak:
            continue
        huruf = chr(ord("A") + len(hasil))
        hasil.append(
            BagianBab(huruf, jenis.judul, f"{awalan}-{huruf.lower()}", bagian[jenis.kunci])
        )
    return hasil


def _logo(data: DataLaporan, pratinjau: bool) -> str | None:
    logo = data.satker.logo
    if not logo:
        return None
    try:
        if pratinjau:
            return logo.url
        jalur = Path(logo.path).resolve()
    except (ValueError, NotImplementedError):
        return None
    return jalur.as_uri() if jalur.is_file() else None


def _anggaran_sama(pk_list: list[PKLaporan]) -> bool:
    """Whether every PK of a combined report states the same programme budget."""
    semua = [tuple((a.kode, a.program, a.pagu) for a in p.anggaran) for p in pk_list]
    return len(set(semua)) <= 1


def _blok_pk(data: DataLaporan, tabel: _Penomoran) -> list[BlokPK]:
    """One block per PK of the report, with the tables of BAB II.C–D and BAB III.A.1 numbered
    in print order (BAB II prints every PK table, then the budget tables)."""
    tahun = data.tahun
    blok = []
    for i, p in enumerate(data.pk_list):
        akhiran = f"-{p.jenis}" if data.gabungan else ""
        dari = f" {p.nama_singkat}" if data.gabungan else ""
        blok.append(
            BlokPK(
                pk=p,
                id=f"pk-{p.jenis}",
                awal=i == 0,
                judul=f"Perjanjian Kinerja {p.nama_pemilik} Tahun {tahun}",
                tabel_pk=tabel.tambah(f"pk{akhiran}", f"Perjanjian Kinerja{dari} tahun {tahun}"),
                baris_pk=_baris_pk(p),
                rencana_aksi=_rencana_aksi(p),
                ada_target_kegiatan=any(i.target_kegiatan for s in p.sasaran for i in s.indikator),
                ada_target_triwulan=_ada_target_triwulan(p),
            )
        )
    # BAB II.D: the budget each PK states (once when every PK states the same).
    sama = _anggaran_sama(data.pk_list)
    for b in blok:
        if b.pk.anggaran and (b.awal or not sama):
            akhiran = f"-{b.pk.jenis}" if data.gabungan and not sama else ""
            dari = f" {b.pk.nama_singkat}" if data.gabungan and not sama else ""
            b.tabel_anggaran = tabel.tambah(
                f"anggaran_pk{akhiran}", f"Anggaran program Perjanjian Kinerja{dari} tahun {tahun}"
            )
    return blok


SERI_TREN_MAKS = 6


def _seri_tren(data: DataLaporan) -> list[tuple[str, list[tuple[int, Decimal | None]]]]:
    """The series of the trend chart, each with at least two years that have a capaian: the
    overall capaian per year (earlier years with PKs in the application, then this year), and
    each indicator with earlier results (from earlier PKs or its entered history), up to
    SERI_TREN_MAKS of them, those with the most years first. Indicators with the same results
    (one quantity measured in two PKs) share a line. Empty when no series has two years."""
    seri = [("Capaian keseluruhan", [*data.riwayat_keseluruhan, (data.tahun, data.capaian)])]
    per_titik: dict[tuple, list] = {}
    for ind in (i for s in data.sasaran for i in s.indikator):
        titik = [(r.tahun, r.capaian) for r in ind.riwayat if r.tahun < data.tahun]
        if titik:
            per_titik.setdefault((*titik, (data.tahun, ind.capaian)), []).append(ind)
    terbanyak = sorted(per_titik.items(), key=lambda kv: -sum(v is not None for _, v in kv[0]))
    for titik, daftar in terbanyak[:SERI_TREN_MAKS]:
        nama = daftar[0].nama if len(daftar[0].nama) <= 45 else daftar[0].nama[:44] + "…"
        seri.append((f"{' dan '.join(i.kode for i in daftar)} {nama}", list(titik)))
    return [(label, titik) for label, titik in seri if sum(v is not None for _, v in titik) >= 2]


def konteks(
    data: DataLaporan,
    *,
    pratinjau: bool = False,
    svg: bool = True,
    kode_isi: str = "",
    reviu: dict | None = None,
) -> dict:
    """Everything the report templates print, with tables and figures numbered in print order.

    `pratinjau=True` links the stylesheet and logo by URL for the browser; otherwise they are
    local file paths for WeasyPrint. `svg=False` replaces each chart by a key of its inputs
    (used for the content hash, so computing it never draws a chart). `reviu` is the reviewer's
    statement of an approval: the Pernyataan Telah Direviu is printed only with it."""
    tahun = data.tahun
    bagian = susun(data)
    tabel = _Penomoran("Tabel")
    gambar = _Penomoran("Gambar")
    pita = data.pita or None

    # Tables and figures in print order.
    tabel.tambah("ikhtisar", f"Ringkasan capaian kinerja tahun {tahun}", depan=True)
    r = data.renstra
    tabel.tambah("renstra", f"Target indikator kinerja Renstra {r.tahun_mulai}–{r.tahun_selesai}")
    pk_blok = _blok_pk(data, tabel)
    if data.pita:
        tabel.tambah("skala", "Skala kategori capaian kinerja")
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_pengukuran = tabel.tambah(
            f"pengukuran-{b.pk.jenis}", f"Pengukuran capaian kinerja{dari} tahun {tahun}"
        )
    for b in pk_blok:
        b.svg_sasaran = data_uri_svg(
            _grafik(grafik.capaian_per_sasaran, b.pk.sasaran, pita, svg=svg)
        )
        if b.svg_sasaran:
            dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
            b.gambar_sasaran = gambar.tambah(
                f"capaian_sasaran-{b.pk.jenis}", f"Capaian kinerja per sasaran{dari} tahun {tahun}"
            )
    seri_tren = _seri_tren(data)
    grafik_svg = {
        "tren": _grafik(grafik.tren_capaian, seri_tren, svg=svg) if seri_tren else None,
        "anggaran": _grafik(grafik.penyerapan_anggaran, data.anggaran, svg=svg),
    }
    grafik_svg = {k: data_uri_svg(v) for k, v in grafik_svg.items()}
    if grafik_svg["tren"]:
        awal = min(t for _, titik in seri_tren for t, _ in titik)
        if [label for label, _ in seri_tren] == ["Capaian keseluruhan"]:
            judul_tren = f"Tren capaian kinerja keseluruhan {awal}–{tahun}"
        else:
            judul_tren = f"Tren capaian kinerja {awal}–{tahun}"
        gambar.tambah("tren", judul_tren)

    sasaran_list = []
    for b in pk_blok:
        for s in b.pk.sasaran:
            t = tabel.tambah(f"sasaran-{s.kunci}", f"Capaian {s.sebutan}")
            svg_s = data_uri_svg(_grafik(grafik.capaian_indikator, s, pita, svg=svg))
            g = (
                gambar.tambah(f"sasaran-{s.kunci}", f"Capaian indikator {s.sebutan}")
                if svg_s
                else None
            )
            dicetak = [
                (judul, bagian[kunci_analisis(s, kode)])
                for kode, judul, _fungsi in ANALISIS
                if bagian[kunci_analisis(s, kode)].dicetak
            ]
            analisis = [Analisis(i, judul, isi) for i, (judul, isi) in enumerate(dicetak, 1)]
            sasaran_list.append(
                BlokSasaran(
                    s,
                    f"sasaran-{s.kunci}",
                    t,
                    g,
                    svg_s,
                    analisis,
                    pembuka=not sasaran_list,
                    halaman_baru=_awal_segmen(len(sasaran_list)),
                    pk_awal=b if data.gabungan and s is b.pk.sasaran[0] else None,
                )
            )

    # BAB III.B is printed when there is a budget (or staff text about it).
    ada_anggaran = bool(data.anggaran) or bagian["bab3.anggaran"].dicetak
    if data.anggaran:
        tabel.tambah("realisasi_anggaran", f"Realisasi anggaran per program tahun {tahun}")
    ada_efisiensi = any(s.pagu is not None for s in data.sasaran)
    if ada_efisiensi:
        tabel.tambah("efisiensi", f"Efisiensi penggunaan anggaran per sasaran tahun {tahun}")
    if grafik_svg["anggaran"]:
        gambar.tambah("anggaran", f"Pagu dan realisasi anggaran per program tahun {tahun}")
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_lampiran_pk = tabel.tambah(
            f"lampiran_pk-{b.pk.jenis}", f"Target Perjanjian Kinerja{dari} tahun {tahun}"
        )
        if b.pk.anggaran:
            b.tabel_lampiran_anggaran = tabel.tambah(
                f"lampiran_anggaran_pk-{b.pk.jenis}",
                f"Anggaran program Perjanjian Kinerja{dari} tahun {tahun}",
            )
    for b in pk_blok:
        dari = f" {b.pk.nama_singkat}" if data.gabungan else ""
        b.tabel_rencana_aksi = tabel.tambah(
            f"rencana_aksi-{b.pk.jenis}",
            f"Rencana aksi dan realisasi per triwulan{dari} tahun {tahun}",
        )

    bab1 = _bagian_bab(bagian, "bab1", "bab1")
    bab2 = [
        BagianBab("A", "Rencana Strategis", "bab2-a", bagian["bab2.pengantar"]),
        BagianBab("B", "Target Kinerja Jangka Menengah", "bab2-b"),
        BagianBab("C", f"Perjanjian Kinerja Tahun {tahun}", "bab2-c"),
    ]
    if data.anggaran or data.anggaran_pk:
        bab2.append(BagianBab("D", "Rencana Anggaran", "bab2-d"))
    bab3 = [BagianBab("A", "Capaian Kinerja Organisasi", "bab3-a", bagian["bab3.pengantar"])]
    if ada_anggaran:
        bab3.append(
            BagianBab("B", bagian["bab3.anggaran"].judul, "bab3-b", bagian["bab3.anggaran"])
        )
    bab4 = _bagian_bab(bagian, "bab4", "bab4")
    lampiran = [
        BagianBab("1", f"Perjanjian Kinerja Tahun {tahun}", "lampiran-1"),
        BagianBab("2", f"Rencana Aksi Tahun {tahun}", "lampiran-2"),
    ]
    if data.lampiran:
        lampiran.append(BagianBab("3", "Berkas Lampiran", "lampiran-3"))

    isi = [EntriIsi("Kata Pengantar", "kata-pengantar", depan=True)]
    if reviu:
        isi.append(EntriIsi("Pernyataan Telah Direviu", "pernyataan-reviu", depan=True))
    isi += [
        EntriIsi("Ikhtisar Eksekutif", "ikhtisar", depan=True),
        EntriIsi("Daftar Isi", "daftar-isi", depan=True),
        EntriIsi("Daftar Tabel", "daftar-tabel", depan=True),
    ]
    if gambar.daftar:
        isi.append(EntriIsi("Daftar Gambar", "daftar-gambar", depan=True))
    for nomor, daftar in ((1, bab1), (2, bab2), (3, bab3), (4, bab4)):
        isi.append(EntriIsi(f"BAB {romawi(nomor)} {JUDUL_BAB[nomor].upper()}", f"bab{nomor}"))
        for b in daftar:
            isi.append(EntriIsi(f"{b.huruf}. {b.judul}", b.id, 1))
            if b.id == "bab3-a":
                isi.append(EntriIsi("1. Pengukuran Capaian Kinerja", "bab3-a1", 2))
                isi.append(EntriIsi("2. Analisis Capaian Kinerja per Sasaran", "bab3-a2", 2))
                for blok in sasaran_list:
                    if blok.pk_awal is not None:
                        isi.append(EntriIsi(blok.pk_awal.judul, blok.pk_awal.id_analisis, 3))
                    tingkat = 4 if data.gabungan else 3
                    isi.append(
                        EntriIsi(
                            f"Sasaran {blok.sasaran.nomor}: {blok.sasaran.teks}", blok.id, tingkat
                        )
                    )
    isi.append(EntriIsi("LAMPIRAN", "lampiran"))
    for b in lampiran:
        isi.append(EntriIsi(f"Lampiran {b.huruf}. {b.judul}", b.id, 1))

    aturan, aturan_huruf = _aturan(data)
    return {
        "data": data,
        "laporan": data.laporan,
        "satker": data.satker,
        "pk": data.pk,
        "pk_blok": pk_blok,
        "gabungan": data.gabungan,
        "anggaran_pk_sama": _anggaran_sama(data.pk_list),
        "label_tabel_anggaran_pk": " dan ".join(
            b.tabel_anggaran.label for b in pk_blok if b.tabel_anggaran
        ),
        "sekretariat": data.laporan.jenis == JenisPK.SEKRETARIAT,
        "bagian": bagian,
        "pratinjau": pratinjau,
        "kode_isi": kode_isi,
        "css_href": static(CSS) if pratinjau else CSS,
        "kepala": f"{data.nama_pemilik} · Laporan Kinerja Tahun {data.tahun}",
        "logo_src": _logo(data, pratinjau),
        "ttd": _penandatangan(data),
        "pereviu": _pereviu(data),
        # The reviewer's statement (laporan/final.py), only in the frozen PDF of an approval.
        "reviu": reviu,
        "tabel": tabel.per_kunci,
        "gambar": gambar.per_kunci,
        "daftar_tabel": tabel.daftar,
        "daftar_gambar": gambar.daftar,
        "grafik": grafik_svg,
        "sasaran_list": sasaran_list,
        # BAB III prints its opening (A.1, the start of A.2), these sasaran and its end (B); a
        # PDF segment prints a part of it.
        "bab3_awal": True,
        "bab3_blok": sasaran_list,
        "bab3_akhir": ada_anggaran,
        "ada_anggaran": ada_anggaran,
        "bab1": bab1,
        "bab2": bab2,
        "bab3": bab3,
        "bab4": bab4,
        "lampiran": lampiran,
        "daftar_isi": isi,
        "aturan": aturan,
        "aturan_huruf": aturan_huruf,
        "skala": _skala(data),
        "lampiran_berkas": data.lampiran,
        "tahun_renstra": data.tahun_renstra,
        # Up to six years the Renstra table fits a portrait page; longer plans go landscape.
        "renstra_lebar": len(data.tahun_renstra) > 6,
        "provinsi": _provinsi(data),
        "ada_efisiensi": ada_efisiensi,
        "terbilang_pagu": terbilang(data.total_pagu),
        "terbilang_realisasi": terbilang(data.total_realisasi_anggaran),
        "sisa_anggaran": data.sisa_anggaran,
    }


def data_uri_svg(svg: str | None) -> str | None:
    """An SVG string as a data: URI for an <img>. The chart stays inside the HTML (no file, no
    request), but WeasyPrint draws it as one image instead of styling thousands of inline SVG
    nodes through the HTML cascade (several times faster for a report with 20 charts)."""
    if not svg:
        return None
    if svg.startswith("<!--"):
        return svg  # a chart key (hash mode)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


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
    h = hashlib.sha256(_versi_render().encode())
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
# BAB III after its first sasaran is laid out a few sasaran at a time: small enough that an
# edited analysis re-lays out a few pages, large enough that each document's fixed cost (the
# stylesheet, the fonts) stays small.
SASARAN_PER_SEGMEN = 3


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


def _awal_segmen(indeks: int) -> bool:
    """Whether the sasaran at this place in BAB III opens a segment of its own (the first is
    in the chapter's opening segment; the others go SASARAN_PER_SEGMEN to a segment)."""
    return indeks >= 1 and (indeks - 1) % SASARAN_PER_SEGMEN == 0


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
def _versi_render() -> str:
    """The code and templates that turn segments into the PDF, and the WeasyPrint version: a
    change to any gives every segment a new cache key and every report a new content hash."""
    h = hashlib.sha256(weasyprint.__version__.encode())
    h.update(inspect.getsource(cetak).encode())
    for nama in (SEGMEN_TEMPLATE, NOMOR_TEMPLATE, "laporan/_kepala_dokumen.html"):
        h.update(Path(get_template(nama).origin.name).read_bytes())
    return h.hexdigest()


class _RenderTercache:
    """Segments ({key: HTML}): those in the segment cache are taken from it, the others are
    sent to the worker processes at once; `hasil()` waits for them and caches them."""

    def __init__(self, tugas: dict[str, str]):
        self.cache = caches[CACHE_SEGMEN]
        dasar = hashlib.sha256(_versi_render().encode())
        dasar.update(_jalur_css().read_bytes())
        self.kunci = {}
        for k, html in tugas.items():
            h = dasar.copy()
            h.update(html.encode())
            self.kunci[k] = f"segmen:{h.hexdigest()}"
        tersimpan = self.cache.get_many(list(self.kunci.values()))
        self.tersimpan = {k: tersimpan[c] for k, c in self.kunci.items() if c in tersimpan}
        self.antrean = cetak.Antrean(
            {k: html for k, html in tugas.items() if k not in self.tersimpan},
            base_url=_base_url(),
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


def render_pdf(data: DataLaporan, *, reviu: dict | None = None, kaki: str = "") -> HasilPDF:
    """The finished PDF and its page count. A frozen PDF (laporan/final.py) passes the
    reviewer's statement (`reviu`) and a footer note printed on every numbered page (`kaki`).

    1. The segments (front matter, each chapter, BAB III a few sasaran at a time, Lampiran) are
       laid out side by side, those unchanged since an earlier render coming from the cache.
    2. Their anchors give every heading, table and figure its printed page number: none on
       the cover, lower-roman from the Kata Pengantar, arabic from 1 at BAB I. The Daftar
       Isi/Tabel/Gambar segment prints them, while an overlay document lays out the numbers
       of the other pages.
    3. cetak.rakit stamps the numbers, links the lists to their pages, adds bookmarks, page
       labels and metadata, and appends every Lampiran PDF in order."""
    # The segments carry no content hash (it is in the PDF's metadata), so a segment's HTML,
    # and its cache key, change only when what it prints changes.
    ctx = konteks(data, reviu=reviu)
    segmen = segmen_laporan(ctx)
    render_isi = _RenderTercache({s.kunci: _html_segmen(ctx, s) for s in segmen})
    kode_isi = hash_isi(data)  # while the workers lay out the segments
    hasil = render_isi.hasil()
    depan, *isi = [hasil[s.kunci] for s in segmen]

    label_depan = [""] + [romawi(i).lower() for i in range(1, depan.jumlah_halaman)]
    label_isi = [str(i) for i in range(1, sum(s.jumlah_halaman for s in isi) + 1)]
    label_jangkar = {nama: label_depan[i] for nama, (i, _y) in depan.jangkar.items()}
    for nama, (i, _y) in cetak.jangkar_global(isi).items():
        label_jangkar.setdefault(nama, label_isi[i])

    def bernomor(daftar):
        return [replace(x, halaman=label_jangkar.get(x.id, "")) for x in daftar]

    ctx_daftar = {
        **ctx,
        "daftar_isi": bernomor(ctx["daftar_isi"]),
        "daftar_tabel": bernomor(ctx["daftar_tabel"]),
        "daftar_gambar": bernomor(ctx["daftar_gambar"]),
    }
    ukuran = [*depan.ukuran, *(u for s in isi for u in s.ukuran)]
    halaman_nomor = [
        {"label": label, "lebar": lebar > tinggi}
        for label, (lebar, tinggi) in zip(label_depan + label_isi, ukuran, strict=True)
    ]
    with translation.override("id"):
        html_nomor = render_to_string(
            NOMOR_TEMPLATE,
            {"halaman": halaman_nomor, "css_href": CSS, "gaya_kaki": gaya_kaki(kaki)},
        )
    render_akhir = _RenderTercache(
        {
            "daftar": _html_segmen(ctx_daftar, _segmen_daftar(depan.jumlah_halaman, kaki)),
            "nomor": html_nomor,
        }
    )
    akhir = render_akhir.hasil()
    daftar = akhir["daftar"]

    n_depan, n_daftar, n_isi = depan.jumlah_halaman, daftar.jumlah_halaman, len(label_isi)
    # Report page → overlay page: the cover and the Daftar pages are not stamped.
    cap = [None, *range(1, n_depan), *([None] * n_daftar), *range(n_depan, n_depan + n_isi)]
    awal_isi = n_depan + n_daftar
    susunan = cetak.Susunan(
        segmen=[depan, daftar, *isi],
        overlay=akhir["nomor"],
        cap=cap,
        bookmark=[cetak.Bookmark(e.judul, e.tingkat, e.id) for e in ctx["daftar_isi"]],
        label=[
            cetak.RentangLabel(0, 0, awalan="Sampul"),
            cetak.RentangLabel(1, awal_isi - 1, gaya="/r"),
            cetak.RentangLabel(awal_isi, awal_isi + n_isi - 1, gaya="/D"),
        ],
        metadata=_metadata(data, kode_isi),
        lampiran=[(lamp.judul, lamp.berkas.path) for lamp in data.lampiran],
    )
    isi_pdf, jumlah = cetak.rakit(susunan)
    return HasilPDF(
        isi_pdf,
        jumlah,
        dirender=render_isi.dirender + render_akhir.dirender,
        dari_cache=render_isi.dari_cache + render_akhir.dari_cache,
    )
