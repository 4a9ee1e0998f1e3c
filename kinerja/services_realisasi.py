"""Writes of the quarterly realisasi pages: saving a whole quarter with optimistic locking, and
evidence files. Reading a typed value, the live preview and the change history of a PK item
are in kinerja.selectors_realisasi.

Writes run in `transaction.atomic` and validate with `full_clean()`. Numbers come from
kinerja.capaian only; this module never computes a capaian itself.

Locking design (no lost updates): every row of the quarter page carries the `versi` of the
realisasi it was loaded with (0 when there was none). `realisasi_simpan_triwulan` first checks
every row without touching the database; then, in one transaction, it locks the PK items being
written (SELECT ... FOR UPDATE, in id order, so two saves of the same quarter run one after the
other), reads the current realisasi and compares versions. A row whose version moved on (or that
someone else created or deleted) is a conflict unless the user left it as they loaded it. Any
conflict or invalid row means nothing is written. Otherwise each row is saved with `save()`
(so django-simple-history records the change and the user) with `versi` + 1.
"""

from dataclasses import dataclass, field
from decimal import Decimal

import filetype
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nilai import tulis_angka
from satker.kunci import periksa_data_terbuka

from . import capaian
from .models import BUKTI_JENIS, BUKTI_UKURAN_MAKS, Bukti, ItemPK, Realisasi
from .selectors_realisasi import (
    NilaiTerbaca,
    baca_realisasi,
    nama_pengguna,
    nilai_tampil,
    pesan_galat,
)
from .services_pk import periksa_pk_terbuka

NARASI = ("kegiatan", "penyebab", "solusi", "program_pendukung")


# --- Saving a quarter -------------------------------------------------------------------------


class Aksi:
    TETAP = "tetap"
    BARU = "baru"
    UBAH = "ubah"
    HAPUS = "hapus"


@dataclass
class BarisMasukan:
    """One row of the quarter form, as typed (strings), with the version it was loaded with."""

    item_id: int
    nilai: str = ""
    kegiatan: str = ""
    penyebab: str = ""
    solusi: str = ""
    program_pendukung: str = ""
    versi: int = 0
    hapus: bool = False

    @property
    def ada_narasi(self) -> bool:
        return any(_teks(getattr(self, n)) for n in NARASI)


def _teks(teks: str) -> str:
    return (teks or "").replace("\r\n", "\n").replace("\r", "\n").strip()


@dataclass(frozen=True)
class Keadaan:
    """The content of a realisasi that a user can change; compared to detect real changes."""

    angka: Decimal | None
    predikat: str
    kegiatan: str
    penyebab: str
    solusi: str
    program_pendukung: str

    @classmethod
    def dari(cls, obj) -> "Keadaan":
        """From a Realisasi or one of its historical records."""
        return cls(
            obj.nilai,
            obj.nilai_predikat,
            *(_teks(getattr(obj, n)) for n in NARASI),
        )


LABEL_KOLOM = {
    "nilai": "Nilai",
    "kegiatan": "Kegiatan",
    "penyebab": "Penyebab keberhasilan/kegagalan",
    "solusi": "Solusi",
    "program_pendukung": "Program pendukung",
}


@dataclass
class PerbedaanKonflik:
    kolom: str
    label: str
    milik_mereka: str
    milik_anda: str
    berubah_sejak_dimuat: bool


@dataclass
class Konflik:
    """What another user saved since this user loaded the row."""

    oleh: str
    pada: object
    dihapus: bool
    perbedaan: list[PerbedaanKonflik]
    versi_sekarang: int


@dataclass
class HasilBaris:
    item: ItemPK
    masukan: BarisMasukan
    terbaca: NilaiTerbaca | None = None
    aksi: str = Aksi.TETAP
    galat: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    konflik: Konflik | None = None
    objek: Realisasi | None = None
    versi_sekarang: int | None = None  # the version found under the lock
    terbaru: Realisasi | None = None  # set with pakai_terbaru
    pakai_terbaru: bool = False  # left untouched while another user changed it

    @property
    def keadaan_masukan(self) -> Keadaan | None:
        """The state the user asks for; None means "no realisasi"."""
        if self.masukan.hapus or self.terbaca is None or self.terbaca.kosong:
            return None
        return Keadaan(
            self.terbaca.angka,
            self.terbaca.predikat,
            *(_teks(getattr(self.masukan, n)) for n in NARASI),
        )


@dataclass
class HasilSimpan:
    triwulan: int
    baris: list[HasilBaris]
    disimpan: bool = False

    def per_item(self) -> dict[int, HasilBaris]:
        return {b.item.id: b for b in self.baris}

    @property
    def bermasalah(self) -> list[HasilBaris]:
        return [b for b in self.baris if b.galat]

    @property
    def berkonflik(self) -> list[HasilBaris]:
        return [b for b in self.baris if b.konflik]

    def jumlah(self, aksi: str) -> int:
        return sum(1 for b in self.baris if b.aksi == aksi)

    @property
    def catatan(self) -> list[tuple[ItemPK, str]]:
        return [(b.item, c) for b in self.baris for c in b.catatan]


class _Batal(Exception):
    """Raised inside the transaction to roll back every write of the quarter."""


def _periksa_baris(hb: HasilBaris) -> None:
    """Checks that need no database: the value itself and the emptying rules."""
    m = hb.masukan
    if m.hapus:
        if m.versi == 0:
            return
        hb.terbaca = NilaiTerbaca()
        return
    try:
        hb.terbaca = baca_realisasi(hb.item, m.nilai)
    except ValidationError as exc:
        hb.galat.extend(pesan_galat(exc))
        return
    if hb.terbaca.catatan:
        hb.catatan.append(hb.terbaca.catatan)
    if hb.terbaca.kosong and m.versi > 0:
        hb.galat.append(
            "Nilai dikosongkan. Untuk menghapus realisasi ini, centang “Hapus realisasi "
            "triwulan ini” di bagian narasi; untuk mempertahankannya, isi kembali nilainya."
        )
    elif hb.terbaca.kosong and m.ada_narasi:
        hb.galat.append("Isi nilai realisasi; narasi tanpa nilai tidak dapat disimpan.")


def realisasi_simpan_triwulan(*, pk, triwulan: int, baris: list[BarisMasukan], user) -> HasilSimpan:
    """Save the realisasi of `pk`'s items for `triwulan` all at once, or nothing at all.

    Rows are validated first (typed value, unit, scale, share ≤ 100 %, narrative without a
    value, a value cleared without ticking "hapus"); then, under row locks, each row's loaded
    `versi` is compared with the database. Invalid rows and conflicts are reported per row in the
    result and nothing is written. Unchanged rows are not written (no new version, no history).
    Raises ValidationError when `pk` is a superseded revision.
    """
    if triwulan not in capaian.TW_ROMAWI:
        raise ValueError(f"Triwulan harus 1 sampai 4, bukan {triwulan}.")
    periksa_pk_terbuka(pk)
    items = {item.id: item for item in pk.item.all()}
    hasil = HasilSimpan(triwulan=triwulan, baris=[])
    for masukan in baris:
        item = items.get(masukan.item_id)
        if item is None:
            raise ValueError(f"Indikator {masukan.item_id} bukan bagian dari {pk}.")
        hb = HasilBaris(item=item, masukan=masukan)
        _periksa_baris(hb)
        hasil.baris.append(hb)
    if hasil.bermasalah:
        return hasil
    try:
        with transaction.atomic():
            # Again under the report's row lock: it may have been submitted since the check.
            periksa_data_terbuka(pk.satker, pk.tahun, pk.jenis)
            _tulis(hasil, triwulan, user)
    except _Batal:
        _batalkan_aksi(hasil)
        return hasil
    except IntegrityError:
        # A row was created meanwhile by a writer that does not lock the items (e.g. the
        # admin): the same conflict as one detected under the lock.
        _batalkan_aksi(hasil)
        _tandai_konflik_terlambat(hasil, triwulan)
        return hasil
    hasil.disimpan = True
    return hasil


def _batalkan_aksi(hasil: HasilSimpan) -> None:
    for hb in hasil.baris:
        hb.aksi = Aksi.TETAP


def _tulis(hasil: HasilSimpan, triwulan: int, user) -> None:
    ids = sorted(hb.item.id for hb in hasil.baris)
    # Serialise concurrent saves of the same rows: lock the PK items in a fixed order.
    list(ItemPK.objects.select_for_update().filter(id__in=ids).order_by("id").values("id"))
    sekarang = {
        r.item_id: r
        for r in Realisasi.objects.select_for_update(of=("self",))
        .select_related("diisi_oleh")
        .prefetch_related("bukti")
        .filter(item_id__in=ids, triwulan=triwulan)
    }
    for hb in hasil.baris:
        _rencanakan(hb, sekarang.get(hb.item.id), triwulan, user)
    if hasil.bermasalah or hasil.berkonflik:
        raise _Batal
    berkas_dihapus = []
    for hb in hasil.baris:
        if hb.aksi in (Aksi.BARU, Aksi.UBAH):
            hb.objek._history_user = user
            hb.objek.save()
        elif hb.aksi == Aksi.HAPUS:
            berkas_dihapus += [(b.berkas.storage, b.berkas.name) for b in hb.objek.bukti.all()]
            hb.objek._history_user = user
            hb.objek.delete()
    if berkas_dihapus:
        transaction.on_commit(lambda: _hapus_berkas(berkas_dihapus))


def _hapus_berkas(daftar) -> None:
    for storage, nama in daftar:
        storage.delete(nama)


def _rencanakan(hb: HasilBaris, sekarang: Realisasi | None, triwulan: int, user) -> None:
    """Decide what to do with one row under the lock: nothing, a conflict, or a write."""
    keadaan_sekarang = Keadaan.dari(sekarang) if sekarang else None
    diminta = hb.keadaan_masukan
    versi_sekarang = sekarang.versi if sekarang else 0
    hb.versi_sekarang = versi_sekarang
    if diminta == keadaan_sekarang:
        return  # nothing to write (whoever saved it, the row already says this)
    if hb.masukan.versi != versi_sekarang:
        dimuat, dikenal = _keadaan_dimuat(hb.item, triwulan, hb.masukan.versi)
        if dikenal and diminta == dimuat:
            # The user left this row as loaded: keep the other user's newer data.
            hb.terbaru, hb.pakai_terbaru = sekarang, True
            hb.catatan.append(
                "Baris ini telah diubah pengguna lain sejak halaman dibuka; isian terbaru "
                "mereka dipertahankan."
            )
            return
        hb.konflik = _konflik(hb, sekarang, dimuat if dikenal else None, triwulan)
        return
    if diminta is None:
        hb.aksi, hb.objek = Aksi.HAPUS, sekarang
        return
    if sekarang is None:
        obj = Realisasi(item=hb.item, triwulan=triwulan)
        hb.aksi = Aksi.BARU
    else:
        obj = sekarang
        obj.item = hb.item  # the prefetched item: its indicator and scale need no query
        hb.aksi = Aksi.UBAH
    obj.nilai, obj.nilai_predikat = diminta.angka, diminta.predikat
    for nama in NARASI:
        setattr(obj, nama, getattr(diminta, nama))
    obj.satuan = ""
    obj.diisi_oleh = user
    obj.versi = versi_sekarang + 1
    try:
        obj.full_clean()
    except ValidationError as exc:
        hb.galat.extend(pesan_galat(exc))
        hb.aksi = Aksi.TETAP
        return
    hb.objek = obj


def _keadaan_dimuat(item: ItemPK, triwulan: int, versi: int) -> tuple[Keadaan | None, bool]:
    """The row as the user loaded it, from the history: (state, known)."""
    if versi == 0:
        return None, True
    catatan = (
        Realisasi.history.filter(item_id=item.id, triwulan=triwulan, versi=versi)
        .exclude(history_type="-")
        .order_by("-history_date", "-history_id")
        .first()
    )
    if catatan is None:
        return None, False
    return Keadaan.dari(catatan), True


def _konflik(
    hb: HasilBaris, sekarang: Realisasi | None, dimuat: Keadaan | None, triwulan: int
) -> Konflik:
    indikator = hb.item.indikator
    milik_anda = hb.keadaan_masukan
    milik_mereka = Keadaan.dari(sekarang) if sekarang else None

    def tampil(keadaan: Keadaan | None, kolom: str) -> str:
        if keadaan is None:
            return "(tidak ada realisasi)" if kolom == "nilai" else ""
        if kolom == "nilai":
            return nilai_tampil(indikator, keadaan.angka, keadaan.predikat)
        return getattr(keadaan, kolom)

    perbedaan = []
    for kolom, label in LABEL_KOLOM.items():
        mereka, anda = tampil(milik_mereka, kolom), tampil(milik_anda, kolom)
        if mereka != anda:
            perbedaan.append(
                PerbedaanKonflik(
                    kolom=kolom,
                    label=label,
                    milik_mereka=mereka,
                    milik_anda=anda,
                    berubah_sejak_dimuat=tampil(dimuat, kolom) != mereka,
                )
            )
    if sekarang is not None:
        oleh, pada = nama_pengguna(sekarang.diisi_oleh), sekarang.diperbarui_pada
    else:
        terakhir = (
            Realisasi.history.filter(item_id=hb.item.id, triwulan=triwulan)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
            .first()
        )
        oleh = nama_pengguna(terakhir.history_user) if terakhir else "pengguna lain"
        pada = terakhir.history_date if terakhir else None
    return Konflik(
        oleh=oleh,
        pada=pada,
        dihapus=sekarang is None,
        perbedaan=perbedaan,
        versi_sekarang=sekarang.versi if sekarang else 0,
    )


def _tandai_konflik_terlambat(hasil: HasilSimpan, triwulan: int) -> None:
    ids = [hb.item.id for hb in hasil.baris]
    sekarang = {
        r.item_id: r
        for r in Realisasi.objects.select_related("diisi_oleh").filter(
            item_id__in=ids, triwulan=triwulan
        )
    }
    for hb in hasil.baris:
        r = sekarang.get(hb.item.id)
        if r is not None and hb.masukan.versi != r.versi:
            dimuat, dikenal = _keadaan_dimuat(hb.item, triwulan, hb.masukan.versi)
            hb.konflik = _konflik(hb, r, dimuat if dikenal else None, triwulan)


# --- Evidence ---------------------------------------------------------------------------------


def jenis_berkas(berkas) -> str | None:
    """The MIME type of an uploaded file read from its content (never its name), when it is one
    of the accepted evidence types; None otherwise."""
    berkas.seek(0)
    kepala = berkas.read(8192)
    berkas.seek(0)
    tebakan = filetype.guess(kepala)
    if tebakan is None or tebakan.mime not in BUKTI_JENIS:
        return None
    return tebakan.mime


def _ukuran_tampil(ukuran: int) -> str:
    return f"{tulis_angka(Decimal(ukuran) / (1024 * 1024), 1)} MB"


def bukti_simpan(*, realisasi: Realisasi, berkas, user) -> Bukti:
    """Store an evidence file for `realisasi` under the satker's folder, after checking its size
    (≤ BUKTI_UKURAN_MAKS) and its type by content (PDF, JPEG, PNG, Word/Excel/PowerPoint)."""
    periksa_pk_terbuka(realisasi.item.pk_induk)
    if berkas.size > BUKTI_UKURAN_MAKS:
        raise ValidationError(
            f"Berkas terlalu besar ({_ukuran_tampil(berkas.size)}); "
            f"paling besar {_ukuran_tampil(BUKTI_UKURAN_MAKS)}."
        )
    if berkas.size == 0:
        raise ValidationError("Berkas kosong.")
    mime = jenis_berkas(berkas)
    if mime is None:
        raise ValidationError(
            f"Isi berkas '{berkas.name}' bukan PDF, gambar JPEG/PNG, atau dokumen "
            "Word/Excel/PowerPoint. Jenis berkas diperiksa dari isinya, bukan dari namanya."
        )
    ekstensi = filetype.get_type(mime=mime).extension
    bukti = Bukti(
        realisasi=realisasi,
        nama_asli=(berkas.name or "berkas").rsplit("/", 1)[-1][:255],
        jenis_mime=mime,
        ukuran=berkas.size,
        diunggah_oleh=user,
    )
    pk = realisasi.item.pk_induk
    with transaction.atomic():
        periksa_data_terbuka(pk.satker, pk.tahun, pk.jenis)
        bukti.berkas.save(f"bukti.{ekstensi}", berkas, save=False)
        try:
            bukti.full_clean()
            bukti.save()
        except Exception:
            bukti.berkas.storage.delete(bukti.berkas.name)
            raise
    return bukti


def bukti_hapus(*, bukti: Bukti, user) -> None:
    """Delete an evidence record and, once the transaction commits, its file."""
    pk = bukti.realisasi.item.pk_induk
    periksa_pk_terbuka(pk)
    storage, nama = bukti.berkas.storage, bukti.berkas.name
    with transaction.atomic():
        periksa_data_terbuka(pk.satker, pk.tahun, pk.jenis)
        bukti.delete()
        transaction.on_commit(lambda: storage.delete(nama))
