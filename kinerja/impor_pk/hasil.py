"""The plan of a PK import as data. For the preview: one `BarisRencana` per row with its
`Perubahan` (changed cells) and status, and the `HasilImporPK` of the whole workbook (rows,
errors with their row and column, notes, and the fingerprint that guards applying a preview).
For writing: the rows grouped by satker-year-kind (`Kelompok`), one `Item` per row.
rencana.py fills them in; tulis.py writes them.
"""

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from satker.models import Satker

from ..models import Indikator, ItemPK, PerjanjianKinerja, Renstra, Sasaran
from ..xlsx import GalatBaris
from .baca import Baris

# --- The preview ----------------------------------------------------------------------------------

BARU, BERUBAH, TETAP = "baru", "berubah", "tetap"
STATUS = (BARU, BERUBAH, TETAP)


@dataclass(frozen=True)
class Perubahan:
    kolom: str
    lama: str
    baru: str


@dataclass
class BarisRencana:
    """What importing one row does."""

    nomor: int
    satker: str  # "18.03 KPU Kabupaten Lampung Utara"
    tahun: int
    jenis: str
    sasaran: str  # "1"
    indikator: str  # "1.2 Persentase …"
    status: str = TETAP
    perubahan: list[Perubahan] = field(default_factory=list)


@dataclass
class HasilImporPK:
    # The PK import's BarisRencana, or the history import's rows (which share this result).
    baris: list = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    dibaca: int = 0
    diterapkan: bool = False

    @property
    def ok(self) -> bool:
        return not self.galat

    def jumlah(self, status: str) -> int:
        return sum(1 for b in self.baris if b.status == status)

    @property
    def per_status(self) -> dict[str, int]:
        return {s: self.jumlah(s) for s in STATUS}

    @property
    def ada_perubahan(self) -> bool:
        return any(b.status != TETAP for b in self.baris)

    @property
    def sidik(self) -> str:
        """A fingerprint of the plan: applying checks it is still the plan that was previewed."""
        h = hashlib.sha256()
        for b in self.baris:
            h.update(
                repr((b.nomor, b.status, [tuple(vars(p).values()) for p in b.perubahan])).encode()
            )
        for c in self.catatan:
            h.update(c.encode())
        return h.hexdigest()[:32]


# --- The plan, grouped for writing ----------------------------------------------------------


@dataclass
class Item:
    """The plan for one row: the objects it touches (unsaved when new) and their new values."""

    baris: Baris
    rencana: BarisRencana
    indikator: Indikator
    item: ItemPK | None
    sasaran: Sasaran | None
    target: tuple[Decimal | None, str] | None = None
    target_kegiatan: tuple[Decimal, str] | None = None
    target_tw: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)
    realisasi_tw: dict[int, tuple[Decimal | None, str]] = field(default_factory=dict)
    ubah_indikator: bool = False
    ubah_item: bool = False
    item_baru: bool = False  # the item is created by this import


@dataclass
class Kelompok:
    """One satker-year-kind of the workbook."""

    satker: Satker
    tahun: int
    jenis: str
    pk: PerjanjianKinerja | None
    renstra: Renstra | None
    sasaran: dict[int, Sasaran]
    sasaran_teks: dict[int, tuple[str, int]] = field(default_factory=dict)
    item: list[Item] = field(default_factory=list)
    # Lookups built once, so that planning stays linear in the number of rows.
    indikator_kode: dict[str, Indikator] = field(default_factory=dict)
    indikator_nama: dict[tuple[int, str], Indikator] = field(default_factory=dict)
    item_indikator: dict[int, ItemPK] = field(default_factory=dict)
    terpakai: dict[object, int] = field(default_factory=dict)  # indicator key → first row

    def __post_init__(self):
        for s in self.sasaran.values():
            for ind in s.indikator.all():
                self.indikator_kode.setdefault(ind.kode, ind)
                self.indikator_nama.setdefault((s.nomor, nama_normal(ind.nama)), ind)
        if self.pk is not None:
            self.item_indikator = {i.indikator_id: i for i in self.pk.item.all()}


def nama_normal(teks: str) -> str:
    """A name as indicators are matched by: spaces collapsed, case folded."""
    return " ".join(teks.split()).casefold()
