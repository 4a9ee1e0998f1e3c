"""Reads of the quarterly realisasi pages: reading a typed value, the live preview of a
quarter's capaian and the change history of a PK item. Nothing here writes; the writes are in
kinerja.services_realisasi. Numbers come from kinerja.capaian only; this module never computes a
capaian itself.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from nilai import (
    NilaiTerbaca,
    NilaiTidakValid,
    tulis_nilai,
)

from . import capaian
from .models import Agregasi, ItemPK, JenisNilai, Realisasi, TargetTriwulan

YA = ("ya", "1")
TIDAK = ("tidak", "0")


def pesan_galat(exc: ValidationError) -> list[str]:
    """The messages of a ValidationError as plain strings (field names dropped)."""
    return [str(m) for m in exc.messages]


def nama_pengguna(user) -> str:
    if user is None:
        return "sistem"
    return user.get_full_name() or user.get_username()


# --- Reading a typed value --------------------------------------------------------------------


def nilai_tampil(indikator, angka: Decimal | None, predikat: str) -> str:
    """A stored value for display ("66,23 %", "BB", "Ya")."""
    if predikat:
        return predikat
    if angka is None:
        return "—"
    if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
        return "Ya" if angka else "Tidak"
    return tulis_nilai(angka, indikator.satuan)


def baca_realisasi(item: ItemPK, teks: str) -> NilaiTerbaca:
    """Read what a user typed for `item`'s realisasi (Indikator.baca, as every page and file
    reads a value), then the realisasi's own rules (not negative, a share not above 100 %):
    ValidationError with an Indonesian message when either refuses it."""
    terbaca = item.indikator.baca(teks)
    if terbaca.kosong:
        return terbaca
    if terbaca.angka is not None:
        Realisasi._meta.get_field("nilai").run_validators(terbaca.angka)
    realisasi = Realisasi(item=item, nilai=terbaca.angka, nilai_predikat=terbaca.predikat)
    realisasi.periksa_nilai("nilai", wajib=True)
    return terbaca


# --- The capaian of one quarter ---------------------------------------------------------------


@dataclass
class Pratinjau:
    """The quarter's capaian for a (typed or stored) value, as the row shows it."""

    item: ItemPK
    triwulan: int
    target: object = None
    hasil: capaian.Capaian | None = None
    kategori: str | None = None
    realisasi_sd: object = None  # year-to-date realisasi (cumulative / mean indicators)
    galat: list[str] = field(default_factory=list)
    catatan: str = ""
    ada_nilai: bool = False

    @property
    def romawi(self) -> str:
        return capaian.TW_ROMAWI[self.triwulan]

    @property
    def agregasi_tampil(self) -> str:
        """Label of the year-to-date realisasi when the indicator aggregates quarters."""
        indikator = self.item.indikator
        if indikator.jenis_nilai != JenisNilai.ANGKA:
            return ""
        return {Agregasi.KUMULATIF: "jumlah", Agregasi.RATA_RATA: "rata-rata"}.get(
            indikator.agregasi, ""
        )

    @property
    def realisasi_sd_tampil(self) -> str:
        return tulis_nilai(self.realisasi_sd, self.item.indikator.satuan)


def _nilai_bertipe(item: ItemPK, terbaca: NilaiTerbaca):
    return Realisasi(item=item, nilai=terbaca.angka, nilai_predikat=terbaca.predikat).nilai_dari(
        "nilai"
    )


def hitung_triwulan(
    item: ItemPK, triwulan: int, terbaca: NilaiTerbaca, pita: list[capaian.Pita]
) -> Pratinjau:
    """The quarter's capaian as ItemPK.hitung_capaian(triwulan) computes it (year-to-date
    realisasi under the indicator's aggregation against the quarter's target), with this
    quarter's value replaced by `terbaca`. Earlier quarters come from `item.realisasi` (use the
    prefetch). An empty value has no capaian, even when earlier quarters have one."""
    target = item.target_untuk(triwulan)
    hasil_kosong = item.capaian_untuk(realisasi=None, target=target)
    pratinjau = Pratinjau(item=item, triwulan=triwulan, target=target, hasil=hasil_kosong)
    if terbaca.kosong:
        return pratinjau
    pratinjau.ada_nilai = True
    nilai = _nilai_bertipe(item, terbaca)
    try:
        agregat = item.realisasi_agregat(triwulan, nilai_triwulan=nilai)
        pratinjau.realisasi_sd = agregat
        pratinjau.hasil = item.capaian_untuk(realisasi=agregat, target=target)
    except NilaiTidakValid as exc:
        pratinjau.galat.append(str(exc))
        return pratinjau
    pratinjau.kategori = capaian.kategori(pratinjau.hasil.nilai, pita) if pita else None
    return pratinjau


def pratinjau_teks(item: ItemPK, triwulan: int, teks: str, pita: list[capaian.Pita]) -> Pratinjau:
    """The live preview of a typed value: its capaian, or the message explaining the refusal."""
    try:
        terbaca = baca_realisasi(item, teks)
    except ValidationError as exc:
        pratinjau = hitung_triwulan(item, triwulan, NilaiTerbaca(), pita)
        pratinjau.galat = pesan_galat(exc)
        return pratinjau
    pratinjau = hitung_triwulan(item, triwulan, terbaca, pita)
    pratinjau.catatan = terbaca.catatan
    return pratinjau


# --- History of a PK item ---------------------------------------------------------------------


@dataclass
class PerubahanKolom:
    label: str
    lama: str
    baru: str


@dataclass
class EntriRiwayat:
    pada: object
    oleh: str
    objek: str
    jenis: str  # "dibuat", "diubah", "dihapus"
    perubahan: list[PerubahanKolom]


# Not shown: keys, bookkeeping, and the row order (renumbered whenever rows are inserted).
_TIDAK_DITAMPILKAN = {
    "id",
    "pk_induk",
    "item",
    "indikator",
    "urutan",
    "versi",
    "diisi_oleh",
    "triwulan",
}


def _tampil_kolom(indikator, nama: str, nilai_kolom) -> str:
    if nilai_kolom is None or nilai_kolom == "":
        return "—"
    if nama in ("target", "nilai"):
        return nilai_tampil(indikator, nilai_kolom, "")
    if nama == "target_kegiatan":
        return tulis_nilai(nilai_kolom)
    return str(nilai_kolom)


def _label_kolom(model, nama: str) -> str:
    if nama.endswith("_predikat"):
        return f"{nama.removesuffix('_predikat').capitalize()} (predikat)"
    return capfirst(str(model._meta.get_field(nama).verbose_name))


def riwayat_item(item: ItemPK) -> list[EntriRiwayat]:
    """Every recorded change of `item`, its quarterly targets and its realisasi, newest first:
    who, when and each changed column's old → new value (django-simple-history diffs)."""
    indikator = item.indikator
    sumber = [
        (ItemPK, ItemPK.history.filter(id=item.id), lambda r: "Indikator PK"),
        (
            TargetTriwulan,
            TargetTriwulan.history.filter(item_id=item.id),
            lambda r: f"Target TW {capaian.TW_ROMAWI.get(r.triwulan, r.triwulan)}",
        ),
        (
            Realisasi,
            Realisasi.history.filter(item_id=item.id),
            lambda r: f"Realisasi TW {capaian.TW_ROMAWI.get(r.triwulan, r.triwulan)}",
        ),
    ]
    entri = []
    for model, qs, nama_objek in sumber:
        per_objek = defaultdict(list)
        for rekaman in qs.select_related("history_user").order_by("history_date", "history_id"):
            per_objek[rekaman.id].append(rekaman)
        kolom = [
            f.name
            for f in model._meta.concrete_fields
            if f.editable and f.name not in _TIDAK_DITAMPILKAN and f.name != "diperbarui_pada"
        ]
        for rekaman_list in per_objek.values():
            sebelumnya = None
            for rekaman in rekaman_list:
                if rekaman.history_type == "+" or sebelumnya is None:
                    jenis = "dibuat"
                    perubahan = [
                        PerubahanKolom(
                            _label_kolom(model, k),
                            "",
                            _tampil_kolom(indikator, k, getattr(rekaman, k)),
                        )
                        for k in kolom
                        if getattr(rekaman, k) not in (None, "")
                    ]
                elif rekaman.history_type == "-":
                    jenis, perubahan = "dihapus", []
                else:
                    jenis = "diubah"
                    delta = rekaman.diff_against(sebelumnya, included_fields=kolom)
                    perubahan = [
                        PerubahanKolom(
                            _label_kolom(model, c.field),
                            _tampil_kolom(indikator, c.field, c.old),
                            _tampil_kolom(indikator, c.field, c.new),
                        )
                        for c in delta.changes
                    ]
                    if not perubahan:
                        sebelumnya = rekaman
                        continue
                entri.append(
                    EntriRiwayat(
                        pada=rekaman.history_date,
                        oleh=nama_pengguna(rekaman.history_user),
                        objek=nama_objek(rekaman),
                        jenis=jenis,
                        perubahan=perubahan,
                    )
                )
                sebelumnya = rekaman
    entri.sort(key=lambda e: e.pada, reverse=True)
    return entri
