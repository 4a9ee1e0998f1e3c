"""The budget tree and its sums, as plain data (no ORM), and amounts in words.

Rule 11 of DOMAIN.md: a parent's pagu and realisasi are the sums of its children's;
penyerapan = realisasi ÷ pagu × 100; sisa = pagu − realisasi. Amounts are Decimal rupiah. A
node whose children do not all have a realisasi has no realisasi (None) rather than a partial
sum that would look like a low absorption.

A node's code may be an assumption (`kode_asumsi`: the source did not print it, the demo data
filled it in); the tree carries the mark so that pages and the report can show such a row by its
name, with the code marked or left out.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from . import serapan

TINGKAT = ("program", "kegiatan", "kro", "ro")


@dataclass(frozen=True)
class BarisRO:
    """One RO row as entered or imported: its place in the hierarchy and its amounts."""

    program: str
    kegiatan: str
    kro: str
    ro: str
    nama: str
    pagu: Decimal
    realisasi: Decimal | None
    sumber_dana: str = "apbn"
    nama_program: str = ""
    nama_kegiatan: str = ""
    nama_kro: str = ""
    id: int | None = None  # the stored RO's id, when the row comes from the database
    # The levels (of TINGKAT) whose code is an assumption rather than printed by the source.
    kode_asumsi: frozenset[str] = frozenset()


@dataclass
class Simpul:
    """A node of the tree. Leaves (RO) carry amounts; every other node sums its children."""

    tingkat: str
    kode: str
    nama: str
    anak: list["Simpul"] = field(default_factory=list)
    pagu_ro: Decimal = Decimal(0)
    realisasi_ro: Decimal | None = None
    sumber_dana: str = ""
    id: int | None = None
    kode_asumsi: bool = False  # the code was not printed by the source: an assumption

    @property
    def pagu(self) -> Decimal:
        if not self.anak:
            return self.pagu_ro
        return serapan.jumlah(a.pagu for a in self.anak)

    @property
    def realisasi(self) -> Decimal | None:
        if not self.anak:
            return self.realisasi_ro
        nilai = [a.realisasi for a in self.anak]
        if any(n is None for n in nilai):
            return None
        return serapan.jumlah(nilai)

    @property
    def penyerapan(self) -> Decimal | None:
        return serapan.penyerapan(self.realisasi, self.pagu)

    @property
    def sisa(self) -> Decimal | None:
        return serapan.sisa(self.pagu, self.realisasi)

    @property
    def ada_kode_asumsi(self) -> bool:
        """Whether the code of this node or of any node below it is an assumption."""
        return self.kode_asumsi or any(a.ada_kode_asumsi for a in self.anak)

    def cari(self, *kode: str) -> "Simpul":
        """The descendant reached by these codes, one per level below this node."""
        simpul = self
        for k in kode:
            simpul = next(a for a in simpul.anak if a.kode == k)
        return simpul


def susun_pohon(baris: Iterable[BarisRO]) -> Simpul:
    """The tree of a satker-year's budget (a root above its programmes), in entry order.
    Rows of the same RO from different funding sources are separate leaves. A parent's code is
    an assumption when any row under it says so."""
    akar = Simpul("akar", "", "Jumlah")
    indeks: dict[tuple, Simpul] = {}
    for b in baris:
        induk = akar
        jalur: tuple = ()
        for tingkat, kode, nama in (
            ("program", b.program, b.nama_program),
            ("kegiatan", b.kegiatan, b.nama_kegiatan),
            ("kro", b.kro, b.nama_kro),
        ):
            jalur = (*jalur, kode)
            simpul = indeks.get(jalur)
            if simpul is None:
                simpul = Simpul(tingkat, kode, nama)
                indeks[jalur] = simpul
                induk.anak.append(simpul)
            simpul.kode_asumsi = simpul.kode_asumsi or tingkat in b.kode_asumsi
            induk = simpul
        induk.anak.append(
            Simpul(
                "ro",
                b.ro,
                b.nama,
                pagu_ro=b.pagu,
                realisasi_ro=b.realisasi,
                sumber_dana=b.sumber_dana,
                id=b.id,
                kode_asumsi="ro" in b.kode_asumsi,
            )
        )
    return akar
