"""The report's numbers and its table of contents: lower-case Roman page numbers, the numbered
tables and figures, the Daftar Isi entries, and the printed page number of every page, heading,
table and figure once the PDF's segments are laid out (none on the cover, lower-roman from the
Kata Pengantar, arabic from 1 at BAB I), with the PDF's page labels and bookmarks that follow
them.

Plain Python (no Django, no PDF library): laporan/konteks.py numbers the tables and figures and
lists the Daftar Isi, laporan/dokumen.py numbers the pages, laporan/rakit.py writes the page
labels and bookmarks into the PDF.
"""

from dataclasses import dataclass, replace

from nilai import romawi

JUDUL_BAB = {
    1: "Pendahuluan",
    2: "Perencanaan Kinerja",
    3: "Akuntabilitas Kinerja",
    4: "Penutup",
}


def romawi_kecil(n: int) -> str:
    """1 → "i", 4 → "iv" (page numbers of the front matter)."""
    return romawi(n).lower()


# --- Tables and figures -----------------------------------------------------------------------


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


class Penomoran:
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


# --- Daftar Isi -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntriIsi:
    """A line of the Daftar Isi: the heading text, its anchor and level; `depan` entries are in
    the front matter and print their page number in lower-roman."""

    judul: str
    id: str
    tingkat: int = 0
    depan: bool = False
    halaman: str = ""  # its printed page number, once the PDF's segments are laid out


def daftar_isi(
    *,
    reviu: bool,
    ada_gambar: bool,
    bab: dict[int, list],
    sasaran_list: list,
    gabungan: bool,
    lampiran: list,
) -> list[EntriIsi]:
    """The Daftar Isi in print order: the front matter (the Pernyataan Telah Direviu only with
    a reviewer's statement, the Daftar Gambar only when there are figures), each chapter
    (`bab`: its number → its printed sections, each with `huruf`, `judul` and `id`) with the
    sasaran of BAB III.A.2 (`sasaran_list`, each under its PK in a combined report), and the
    Lampiran."""
    isi = [EntriIsi("Kata Pengantar", "kata-pengantar", depan=True)]
    if reviu:
        isi.append(EntriIsi("Pernyataan Telah Direviu", "pernyataan-reviu", depan=True))
    isi += [
        EntriIsi("Ikhtisar Eksekutif", "ikhtisar", depan=True),
        EntriIsi("Daftar Isi", "daftar-isi", depan=True),
        EntriIsi("Daftar Tabel", "daftar-tabel", depan=True),
    ]
    if ada_gambar:
        isi.append(EntriIsi("Daftar Gambar", "daftar-gambar", depan=True))
    for nomor, daftar in bab.items():
        isi.append(EntriIsi(f"BAB {romawi(nomor)} {JUDUL_BAB[nomor].upper()}", f"bab{nomor}"))
        for b in daftar:
            isi.append(EntriIsi(f"{b.huruf}. {b.judul}", b.id, 1))
            if b.id == "bab3-a":
                isi.append(EntriIsi("1. Pengukuran Capaian Kinerja", "bab3-a1", 2))
                isi.append(EntriIsi("2. Analisis Capaian Kinerja per Sasaran", "bab3-a2", 2))
                for blok in sasaran_list:
                    if blok.pk_awal is not None:
                        isi.append(EntriIsi(blok.pk_awal.judul, blok.pk_awal.id_analisis, 3))
                    tingkat = 4 if gabungan else 3
                    isi.append(
                        EntriIsi(
                            f"Sasaran {blok.sasaran.nomor}: {blok.sasaran.teks}", blok.id, tingkat
                        )
                    )
    isi.append(EntriIsi("LAMPIRAN", "lampiran"))
    for b in lampiran:
        isi.append(EntriIsi(f"Lampiran {b.huruf}. {b.judul}", b.id, 1))
    return isi


# --- Page numbers -----------------------------------------------------------------------------


def jangkar_global(segmen: list) -> dict[str, tuple[int, float]]:
    """Every anchor's (page index in the whole report, top offset) across laid-out segments
    (each with `jangkar` and `jumlah_halaman`); the first one wins."""
    hasil: dict[str, tuple[int, float]] = {}
    awal = 0
    for s in segmen:
        for nama, (i, y) in s.jangkar.items():
            hasil.setdefault(nama, (awal + i, y))
        awal += s.jumlah_halaman
    return hasil


@dataclass(frozen=True)
class NomorHalaman:
    """The printed numbers of the laid-out pages: `depan` for the front matter ("" on the cover,
    then "i", "ii" …), `isi` for the body from BAB I ("1", "2" …), and `jangkar` the printed
    page number of each anchor (heading, table, figure)."""

    depan: list[str]
    isi: list[str]
    jangkar: dict[str, str]

    def bernomor(self, daftar: list) -> list:
        """Daftar Isi entries, tables or figures with the page number they are printed on."""
        return [replace(x, halaman=self.jangkar.get(x.id, "")) for x in daftar]


def nomor_halaman(depan, isi: list) -> NomorHalaman:
    """The page numbers of the front-matter segment `depan` and the body segments `isi`."""
    label_depan = [""] + [romawi_kecil(i) for i in range(1, depan.jumlah_halaman)]
    label_isi = [str(i) for i in range(1, sum(s.jumlah_halaman for s in isi) + 1)]
    label_jangkar = {nama: label_depan[i] for nama, (i, _y) in depan.jangkar.items()}
    for nama, (i, _y) in jangkar_global(isi).items():
        label_jangkar.setdefault(nama, label_isi[i])
    return NomorHalaman(label_depan, label_isi, label_jangkar)


def cap_halaman(n_depan: int, n_daftar: int, n_isi: int) -> list[int | None]:
    """Report page → page of the number overlay (which numbers the front matter, then the
    body): the cover and the Daftar pages (which print their own numbers) are not stamped."""
    return [None, *range(1, n_depan), *([None] * n_daftar), *range(n_depan, n_depan + n_isi)]


# --- PDF page labels and bookmarks ------------------------------------------------------------


@dataclass(frozen=True)
class Penanda:
    """A PDF bookmark: its title, level (0 = top) and the anchor it opens."""

    judul: str
    tingkat: int
    jangkar: str


@dataclass(frozen=True)
class RentangLabel:
    """PDF page labels for pages [mulai, akhir]: style "/r" (roman) or "/D" (arabic) from 1,
    or only a prefix (the cover)."""

    mulai: int
    akhir: int
    gaya: str | None = None
    awalan: str | None = None


def label_halaman(awal_isi: int, n_isi: int) -> list[RentangLabel]:
    """The page labels viewers show as printed: the cover, the front matter in lower-roman up
    to the body's first page `awal_isi`, the body in arabic from 1."""
    return [
        RentangLabel(0, 0, awalan="Sampul"),
        RentangLabel(1, awal_isi - 1, gaya="/r"),
        RentangLabel(awal_isi, awal_isi + n_isi - 1, gaya="/D"),
    ]


def penanda(isi: list[EntriIsi]) -> list[Penanda]:
    """The PDF's bookmarks: the Daftar Isi, level for level."""
    return [Penanda(e.judul, e.tingkat, e.id) for e in isi]
