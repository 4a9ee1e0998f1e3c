"""Performance data: Renstra catalogue, Perjanjian Kinerja, realisasi and the scales they use.

A value of an indicator is stored in two columns so that each kind keeps its real type:
`<nama>` (Decimal) holds numbers and yes/no (1 = ya, 0 = tidak); `<nama>_predikat` holds a
grade code of the indicator's scale (e.g. "BB"). Exactly one of them is set for a value.

The models live in one module per topic; every public name is re-exported here, so
`from kinerja.models import X` works for all of them (the migrations refer to
`kinerja.models.NilaiMixin` and `kinerja.models.lokasi_bukti`). The modules are imported in the
order the models were defined, which keeps the app's model registration order.
"""

# Not sorted: the modules are imported in the order their models were defined.
# isort: off
from .nilai import (
    NILAI_DIGITS,
    RUPIAH_DIGITS,
    TRIWULAN_VALIDATORS,
    Agregasi,
    BatasRerata,
    JenisNilai,
    JenisPK,
    NilaiMixin,
    Polaritas,
    RumusNegatif,
)
from .skala import (
    KebijakanCapaian,
    KebijakanCapaianQuerySet,
    NilaiSkala,
    PitaKategori,
    SkalaKategori,
    SkalaKategoriQuerySet,
    SkalaNilai,
    SkalaNilaiQuerySet,
)
from .renstra import Indikator, Renstra, Sasaran, TargetRenstra
from .riwayat import (
    TAHUN_RIWAYAT_MIN,
    RiwayatCapaian,
    RiwayatCapaianQuerySet,
    item_pk_berlaku,
    pesan_tahun_riwayat,
)
from .pk import (
    AnggaranPK,
    ItemPK,
    PerjanjianKinerja,
    PerjanjianKinerjaQuerySet,
    TargetTriwulan,
)
from .realisasi import BUKTI_JENIS, BUKTI_UKURAN_MAKS, Bukti, Realisasi, lokasi_bukti
# isort: on

__all__ = [
    "AnggaranPK",
    "Agregasi",
    "BUKTI_JENIS",
    "BUKTI_UKURAN_MAKS",
    "BatasRerata",
    "Bukti",
    "Indikator",
    "ItemPK",
    "JenisNilai",
    "JenisPK",
    "KebijakanCapaian",
    "KebijakanCapaianQuerySet",
    "NILAI_DIGITS",
    "NilaiMixin",
    "NilaiSkala",
    "PerjanjianKinerja",
    "PerjanjianKinerjaQuerySet",
    "PitaKategori",
    "Polaritas",
    "RUPIAH_DIGITS",
    "Realisasi",
    "Renstra",
    "RiwayatCapaian",
    "RiwayatCapaianQuerySet",
    "RumusNegatif",
    "Sasaran",
    "SkalaKategori",
    "SkalaKategoriQuerySet",
    "SkalaNilai",
    "SkalaNilaiQuerySet",
    "TAHUN_RIWAYAT_MIN",
    "TRIWULAN_VALIDATORS",
    "TargetRenstra",
    "TargetTriwulan",
    "item_pk_berlaku",
    "lokasi_bukti",
    "pesan_tahun_riwayat",
]
