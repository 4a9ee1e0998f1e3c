"""The report's charts, drawn on the server as SVG strings.

The same SVG goes into the HTML preview (inline) and into the WeasyPrint PDF, so a chart prints
exactly as it is previewed. Every function is pure: plain data in (laporan.data objects), an SVG
`str` out, or None when there is nothing to plot.

Output is made for print and for embedding: sized for an A4 portrait text column (16 cm wide,
7–9 cm high, in pt so WeasyPrint scales it), text drawn as paths from the DejaVu Sans bundled
with matplotlib (no font lookup, identical in browser and PDF), byte-for-byte deterministic for
the same input, without XML prolog, DOCTYPE or metadata (no external reference at all), and with
every id prefixed per chart so several charts can sit inline on one HTML page. Each text is also
kept as an XML comment, so the numbers can be found in the markup.

matplotlib is used through `Figure` only (no pyplot, no global backend): rendering reads a few
global rcParams, so charts are drawn one at a time under a lock.

One module of about 530 lines on purpose: the four charts share one style (colours, figure
size, category bands, the 100 % line, the SVG clean-up above them), and splitting the charts
from that style would only make each chart's reader open two files.
"""

import hashlib
import io
import math
import re
import textwrap
import threading
from decimal import Decimal

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from kinerja.capaian import Pita
from nilai import tulis_angka, tulis_persen

from .data import ProgramAnggaran, SasaranLaporan

__all__ = [
    "capaian_indikator",
    "capaian_per_sasaran",
    "penyerapan_anggaran",
    "tren_capaian",
]

CM = 1 / 2.54  # inches per centimetre
LEBAR_CM = 16.0
TINGGI_MIN_CM = 7.0
TINGGI_MAKS_CM = 9.0

MERUN = "#7a1c1c"
TEKS = "#262626"
TEKS_LEMBUT = "#5f5f5f"
GARIS = "#8a8a8a"
KISI = "#e3e3e3"
PAGU = "#b9aea3"
# Category bands, lowest band first: faint tints from warm to neutral.
WARNA_PITA = ("#f4e1de", "#f6eadc", "#f2efdd", "#e6eedf", "#e2ecea", "#e6e9f1")

_RC = {
    # Text stays text: WeasyPrint sets it with the local DejaVu Sans (fonts-dejavu-core), which
    # is several times faster than drawing every glyph as a path and keeps labels searchable.
    "svg.fonttype": "none",
    "svg.hashsalt": "lkj-kpu-grafik",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlecolor": TEKS,
    "axes.labelsize": 8,
    "axes.labelcolor": TEKS_LEMBUT,
    "axes.edgecolor": GARIS,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "xtick.color": GARIS,
    "ytick.color": GARIS,
    "xtick.labelcolor": TEKS,
    "ytick.labelcolor": TEKS,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 3,
    "ytick.major.size": 3,
    "text.color": TEKS,
    "legend.fontsize": 8,
    "legend.frameon": False,
    "figure.facecolor": "white",
    "svg.id": "grafik",
}
# No Dublin Core block: it carries http:// URIs and the matplotlib version.
_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}
_KUNCI = threading.Lock()
# Behind value labels that may cross the 100 % line or a band edge.
_KOTAK = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}

_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_ID = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


# --- Formatting ------------------------------------------------------------------------------


def _desimal(nilai) -> Decimal:
    return nilai if isinstance(nilai, Decimal) else Decimal(repr(float(nilai)))


def _angka_ringkas(nilai, tempat: int = 2) -> str:
    """An axis number the Indonesian way, without trailing zeros ("2,5", "100", "1.250")."""
    teks = tulis_angka(_desimal(nilai), tempat)
    if "," in teks:
        teks = teks.rstrip("0").rstrip(",")
    return "0" if teks == "-0" else teks


_FORMAT_SUMBU = FuncFormatter(lambda x, _pos: _angka_ringkas(x))


def _satuan_rupiah(terbesar: Decimal) -> tuple[Decimal, str]:
    if terbesar >= Decimal(10) ** 9:
        return Decimal(10) ** 9, "miliar"
    if terbesar >= Decimal(10) ** 6:
        return Decimal(10) ** 6, "juta"
    return Decimal(1), ""


def _rupiah_ringkas(nilai: Decimal, pembagi: Decimal, satuan: str) -> str:
    """ "Rp 26,61 miliar"; whole Rupiah below a million."""
    if not satuan:
        return f"Rp {tulis_angka(nilai, 0)}"
    return f"Rp {tulis_angka(nilai / pembagi, 2)} {satuan}"


def _bungkus(teks: str, lebar: int, baris: int) -> str:
    return "\n".join(
        textwrap.wrap(" ".join(teks.split()), lebar, max_lines=baris, placeholder=" …")
    )


# --- Figure and output -----------------------------------------------------------------------


def _tinggi(cm: float) -> float:
    return min(max(cm, TINGGI_MIN_CM), TINGGI_MAKS_CM)


def _figur(tinggi_cm: float) -> Figure:
    fig = Figure(figsize=(LEBAR_CM * CM, _tinggi(tinggi_cm) * CM), layout="constrained")
    fig.get_layout_engine().set(w_pad=0.04, h_pad=0.04)
    return fig


def _ke_svg(fig: Figure, judul: str) -> str:
    penampung = io.StringIO()
    fig.savefig(penampung, format="svg", metadata=_METADATA)
    svg = _PROLOG.sub("", penampung.getvalue(), count=1)
    # A title for screen readers and tooltips (escaped like any XML text).
    judul_xml = judul.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    svg = svg.replace(">", f">\n <title>{judul_xml}</title>", 1)
    awalan = "g" + hashlib.sha256(svg.encode()).hexdigest()[:8] + "-"
    svg = _ID.sub(lambda m: m.group(1) + awalan + m.group(2), svg)
    # Inline in HTML a <style> applies to the whole page: keep matplotlib's rule to this chart.
    return svg.replace("*{", f"#{awalan}grafik *{{", 1)


def _gambar(tinggi_cm: float, judul: str, lukis) -> str:
    """Draw with `lukis(fig)` under the chart settings and return the cleaned-up SVG."""
    with _KUNCI, matplotlib.rc_context(_RC):
        fig = _figur(tinggi_cm)
        lukis(fig)
        return _ke_svg(fig, judul)


def _batas_atas(terbesar: float, ruang: float = 1.16) -> float:
    """Upper axis limit for a percentage chart: past 100 and past the largest value's label."""
    return math.ceil(max(terbesar * ruang, 110) / 10) * 10


def _urut_pita(pita) -> list[Pita]:
    return sorted(pita or [], key=lambda p: p.batas_bawah)


def _rentang_pita(pita, batas: float):
    """(index, label, from, to) of each category band, up to the axis limit `batas`."""
    urut = _urut_pita(pita)
    for i, p in enumerate(urut):
        dari = float(p.batas_bawah)
        sampai = float(urut[i + 1].batas_bawah) if i + 1 < len(urut) else batas
        if dari >= batas:
            return
        yield i, p.label, dari, min(sampai, batas)


def _pita_horizontal(ax, pita, batas: float) -> None:
    """Faint vertical bands per category (x axis is the capaian), labelled above the plot."""
    atas = blended_transform_factory(ax.transData, ax.transAxes)
    for i, label, kiri, kanan in _rentang_pita(pita, batas):
        ax.axvspan(kiri, kanan, color=WARNA_PITA[i % len(WARNA_PITA)], lw=0, zorder=0)
        ax.text(
            (kiri + kanan) / 2,
            1.012,
            label,
            transform=atas,
            ha="center",
            va="bottom",
            fontsize=7,
            color=TEKS_LEMBUT,
            clip_on=False,
        )


def _pita_vertikal(ax, pita, batas: float) -> None:
    """Faint horizontal bands per category (y axis is the capaian), labelled right of the plot."""
    kanan_sumbu = blended_transform_factory(ax.transAxes, ax.transData)
    for i, label, bawah, atas in _rentang_pita(pita, batas):
        ax.axhspan(bawah, atas, color=WARNA_PITA[i % len(WARNA_PITA)], lw=0, zorder=0)
        ax.text(
            1.01,
            (bawah + atas) / 2,
            _bungkus(label, 12, 2),
            transform=kanan_sumbu,
            ha="left",
            va="center",
            fontsize=7,
            color=TEKS_LEMBUT,
            clip_on=False,
        )


def _tulis(ax, x, y, teks: str, **gaya) -> None:
    """A value label beside a horizontal bar."""
    ax.text(x, y, teks, **{"va": "center", "ha": "left", "fontsize": 7.5, "color": TEKS} | gaya)


def _judul(fig: Figure, judul: str) -> None:
    """The chart title, flush with the figure's left edge."""
    fig.suptitle(judul, x=0.004, ha="left", fontsize=9, fontweight="bold", color=TEKS)


def _garis_seratus(ax, vertikal: bool) -> None:
    if vertikal:
        ax.axvline(100, color=TEKS, lw=0.9, ls=(0, (4, 2)), zorder=1.5)
    else:
        ax.axhline(100, color=TEKS, lw=0.9, ls=(0, (4, 2)), zorder=1.5)


# --- Charts ----------------------------------------------------------------------------------


def capaian_per_sasaran(sasaran: list[SasaranLaporan], pita=None) -> str | None:
    """Horizontal bars of each sasaran's capaian ("Sasaran 1" …, top to bottom), a dashed line at
    100 %, value labels ("96,35 %") and, given the category scale `pita`, faint bands per
    category. A sasaran without capaian keeps its row, marked "belum ada capaian". None when no
    sasaran has a capaian."""
    nilai = [None if s.capaian is None else float(s.capaian) for s in sasaran]
    if all(v is None for v in nilai):
        return None
    n = len(sasaran)
    # Labels sit inside the bars, so the axis needs little room past the longest one.
    batas = _batas_atas(max(v for v in nilai if v is not None), ruang=1.04)
    huruf = 8 if n <= 14 else 7.5
    judul = "Capaian kinerja per sasaran"

    def lukis(fig):
        ax = fig.add_subplot()
        if pita:
            _pita_horizontal(ax, pita, batas)
        y = list(range(n))
        ada = [(i, v) for i, v in enumerate(nilai) if v is not None]
        ax.barh([i for i, _ in ada], [v for _, v in ada], height=0.62, color=MERUN, zorder=2)
        for i, s in enumerate(sasaran):
            if s.capaian is None:
                x, teks, gaya = batas * 0.01, "belum ada capaian", {"style": "italic"}
                gaya |= {"ha": "left", "color": TEKS_LEMBUT}
            elif float(s.capaian) >= batas * 0.22:  # inside the bar's end, clear of the line
                x, teks = float(s.capaian) - batas * 0.006, tulis_persen(s.capaian)
                gaya = {"ha": "right", "color": "white"}
            else:
                x, teks = float(s.capaian) + batas * 0.006, tulis_persen(s.capaian)
                gaya = {"ha": "left", "color": TEKS}
            ax.text(x, i, teks, va="center", fontsize=huruf - 0.5, zorder=4, **gaya)
        _garis_seratus(ax, vertikal=True)
        ax.set_yticks(y, [f"Sasaran {s.nomor}" for s in sasaran], fontsize=huruf)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, batas)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(_FORMAT_SUMBU)
        ax.xaxis.grid(True, color=KISI, lw=0.5)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("Capaian (%)")
        _judul(fig, judul)

    return _gambar(2.6 + 0.34 * n, judul, lukis)


# Series after the first (the overall capaian, in maroon) in muted colours and their own marks.
WARNA_SERI = ("#2f5d7c", "#6b8e23", "#b8860b", "#5b4a8a", "#8b5a2b", "#3d7a6e")
PENANDA_SERI = ("s", "^", "D", "v", "P", "X")


def tren_capaian(seri: list[tuple[str, list[tuple[int, Decimal | None]]]]) -> str | None:
    """Lines of capaian per year, one per series (e.g. the overall capaian, or an indicator
    with its earlier years), each point labelled ("96,35 %"), dashed line at 100 %. Every year
    from the first to the last keeps its tick; a year without a value breaks the line. A legend
    names every series (a single line may be an indicator, not the overall capaian). None when
    no series has a value."""
    seri = [(label, sorted(titik)) for label, titik in seri if any(v is not None for _, v in titik)]
    if not seri:
        return None
    semua_tahun = sorted({t for _, titik in seri for t, _ in titik})
    tahun = list(range(semua_tahun[0], semua_tahun[-1] + 1))
    nilai = [float(v) for _, titik in seri for _, v in titik if v is not None]
    batas = _batas_atas(max(nilai), ruang=1.14)
    judul = (
        f"Tren capaian kinerja {tahun[0]}–{tahun[-1]}"
        if len(tahun) > 1
        else f"Capaian kinerja {tahun[0]}"
    )

    def lukis(fig):
        ax = fig.add_subplot()
        _garis_seratus(ax, vertikal=False)
        for n, (label, titik) in enumerate(seri):
            warna = MERUN if n == 0 else WARNA_SERI[(n - 1) % len(WARNA_SERI)]
            penanda = "o" if n == 0 else PENANDA_SERI[(n - 1) % len(PENANDA_SERI)]
            ada = {t: v for t, v in titik if v is not None}
            # Consecutive years with values are joined; a year without one breaks the line.
            segmen, potongan = [], []
            for t in tahun:
                if t in ada:
                    segmen.append((t, float(ada[t])))
                elif segmen:
                    potongan.append(segmen)
                    segmen = []
            if segmen:
                potongan.append(segmen)
            for i, p in enumerate(potongan):
                ax.plot(
                    [t for t, _ in p],
                    [v for _, v in p],
                    color=warna,
                    lw=1.6,
                    zorder=4,
                    label=label if i == 0 else None,
                )
            ax.plot(
                list(ada),
                [float(v) for v in ada.values()],
                ls="none",
                marker=penanda,
                ms=6,
                color=warna,
                markeredgecolor="white",
                markeredgewidth=0.8,
                zorder=5,
                label=None if potongan else label,
            )
            for t, v in ada.items():
                ax.annotate(
                    tulis_persen(v),
                    (t, float(v)),
                    xytext=(0, 7 if n % 2 == 0 else -14),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    color=TEKS if n == 0 else warna,
                    zorder=6,
                    bbox=_KOTAK,
                )
        kosong = [t for t in tahun if all(dict(titik).get(t) is None for _, titik in seri)]
        for t in kosong:
            ax.text(
                t,
                batas * 0.03,
                "belum ada\ncapaian",
                ha="center",
                va="bottom",
                fontsize=7,
                style="italic",
                color=TEKS_LEMBUT,
            )
        ax.set_xticks(tahun, [str(t) for t in tahun])
        ax.set_xlim(
            tahun[0] - 0.5 if len(tahun) > 1 else tahun[0] - 1,
            tahun[-1] + 0.5 if len(tahun) > 1 else tahun[0] + 1,
        )
        ax.set_ylim(0, batas)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(_FORMAT_SUMBU)
        ax.yaxis.grid(True, color=KISI, lw=0.5)
        ax.set_ylabel("Capaian (%)")
        ax.set_xlabel("Tahun")
        ax.legend(loc="lower left", fontsize=7, ncols=min(len(seri), 2))
        _judul(fig, judul)

    return _gambar(TINGGI_MIN_CM, judul, lukis)


def penyerapan_anggaran(program: list[ProgramAnggaran]) -> str | None:
    """Horizontal bars per programme of the pagu and, when known, the realisasi, in Rupiah on an
    axis of "Rp miliar" (or "Rp juta"), each realisasi labelled with its penyerapan ("93,95 %").
    When no programme has a realisasi yet, only the pagu is drawn and the title says so. None
    without programmes or when every pagu is 0."""
    if not program or all(not p.pagu for p in program):
        return None
    n = len(program)
    ada_realisasi = any(p.realisasi is not None for p in program)
    terbesar = max(max(p.pagu, p.realisasi or 0) for p in program)
    pembagi, satuan = _satuan_rupiah(Decimal(terbesar))
    batas = float(terbesar / pembagi) * (1.42 if ada_realisasi else 1.3)
    if ada_realisasi:
        judul = "Pagu dan realisasi anggaran per program"
    else:
        judul = "Pagu anggaran per program (realisasi belum tersedia)"
    label_sumbu = f"Anggaran (Rp {satuan})" if satuan else "Anggaran (Rp)"

    def lukis(fig):
        ax = fig.add_subplot()
        tebal = 0.34 if ada_realisasi else 0.5
        berlabel = []  # the legend names "Realisasi" once
        geser = tebal / 2 if ada_realisasi else 0
        for i, p in enumerate(program):
            pagu = float(p.pagu / pembagi)
            ax.barh(
                i - geser,
                pagu,
                height=tebal,
                color=PAGU if ada_realisasi else MERUN,
                zorder=2,
                label="Pagu" if i == 0 else "_",
            )
            _tulis(ax, pagu + batas * 0.008, i - geser, _rupiah_ringkas(p.pagu, pembagi, satuan))
            if not ada_realisasi:
                continue
            if p.realisasi is None:
                teks = "realisasi belum ada"
                _tulis(ax, batas * 0.008, i + geser, teks, style="italic", color=TEKS_LEMBUT)
                continue
            realisasi = float(p.realisasi / pembagi)
            ax.barh(
                i + geser,
                realisasi,
                height=tebal,
                color=MERUN,
                zorder=2,
                label="_" if berlabel else "Realisasi",
            )
            berlabel.append(i)
            teks = _rupiah_ringkas(p.realisasi, pembagi, satuan)
            if p.penyerapan is not None:
                teks += f"  ({tulis_persen(p.penyerapan)})"
            _tulis(ax, realisasi + batas * 0.008, i + geser, teks)
        ax.set_yticks(range(n), [_bungkus(p.program, 30, 3) for p in program])
        # At least three rows' room, so one or two programmes do not become slabs.
        ruang = max(0.0, (3 - n) / 2) * 0.6
        ax.set_ylim(n - 0.5 + ruang, -0.5 - ruang)
        ax.set_xlim(0, batas)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        ax.xaxis.set_major_formatter(_FORMAT_SUMBU)
        ax.xaxis.grid(True, color=KISI, lw=0.5)
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel(label_sumbu)
        _judul(fig, judul)
        if ada_realisasi:
            ax.legend(
                loc="lower right",
                bbox_to_anchor=(1, 1),
                ncols=2,
                handlelength=1.2,
                borderaxespad=0.1,
            )

    return _gambar(2.6 + 1.5 * n, judul, lukis)


def capaian_indikator(sasaran: SasaranLaporan, pita=None) -> str | None:
    """Vertical bars of the capaian of one sasaran's indicators ("Indikator 4.1" …), value labels
    above the bars, a dashed line at 100 % and, given `pita`, faint category bands. An indicator
    without capaian keeps its place, marked "belum ada capaian". None when none has a capaian."""
    indikator = list(sasaran.indikator)
    nilai = [None if i.capaian is None else float(i.capaian) for i in indikator]
    if all(v is None for v in nilai):
        return None
    n = len(indikator)
    batas = _batas_atas(max(v for v in nilai if v is not None), ruang=1.12)
    judul = _bungkus(f"Capaian indikator {sasaran.sebutan}: {sasaran.teks}", 80, 2)
    label = [f"Indikator\n{i.kode}" if n > 4 else f"Indikator {i.kode}" for i in indikator]

    def lukis(fig):
        ax = fig.add_subplot()
        if pita:
            _pita_vertikal(ax, pita, batas)
        ada = [(i, v) for i, v in enumerate(nilai) if v is not None]
        ax.bar([i for i, _ in ada], [v for _, v in ada], width=0.5, color=MERUN, zorder=2)
        for i, ind in enumerate(indikator):
            if ind.capaian is None:
                ax.text(
                    i,
                    batas * 0.02,
                    "belum ada\ncapaian",
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                    style="italic",
                    color=TEKS_LEMBUT,
                    zorder=4,
                )
            else:
                ax.annotate(
                    tulis_persen(ind.capaian),
                    (i, float(ind.capaian)),
                    xytext=(0, 2),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=8,
                    color=TEKS,
                    zorder=4,
                    bbox=_KOTAK,
                )
        _garis_seratus(ax, vertikal=False)
        ax.set_xticks(range(n), label)
        # At least four slots wide, so a lone indicator is a bar, not a wall.
        ruang = max(0.0, (4 - n) / 2)
        ax.set_xlim(-0.5 - ruang, n - 0.5 + ruang)
        ax.set_ylim(0, batas)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))
        ax.yaxis.set_major_formatter(_FORMAT_SUMBU)
        ax.yaxis.grid(True, color=KISI, lw=0.5)
        ax.tick_params(axis="x", length=0)
        ax.set_ylabel("Capaian (%)")
        _judul(fig, judul)

    return _gambar(TINGGI_MIN_CM, judul.replace("\n", " "), lukis)
