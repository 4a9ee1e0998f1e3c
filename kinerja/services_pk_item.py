"""Writes of the rows of a Perjanjian Kinerja: adding indicators (from the Renstra catalogue or
new ones of the satker's own), their yearly, activity and quarterly targets, removing rows and
moving rows and sasaran. Same conventions as kinerja.services_pk: `<entity>_<action>`,
keyword-only arguments, one transaction, full_clean() and Indonesian ValidationError.
"""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from . import capaian
from .capaian import TW_ROMAWI
from .models import Indikator, ItemPK, JenisNilai, PerjanjianKinerja, Sasaran, TargetTriwulan
from .selectors_pk import kode_indikator_berikut, urutan_kelompok
from .services_pk import (
    KOLOM_INDIKATOR,
    _galat,
    _item_pk,
    _nomori_ulang,
    _simpan,
    baca_angka_kegiatan,
    periksa_pk_terbuka,
    sisipkan_item,
)


def _target_item(item: ItemPK, target, kunci: str = "target") -> None:
    try:
        item.target, item.target_predikat = item.indikator.baca(target).kolom
    except ValidationError as exc:
        raise _galat(kunci, exc) from exc
    if item.target is None and not item.target_predikat:
        raise ValidationError({kunci: "Target wajib diisi."})


def _simpan_item(item: ItemPK, kunci: str = "target") -> ItemPK:
    try:
        item.full_clean()
    except ValidationError as exc:
        pesan = exc.message_dict
        if "target" in pesan and kunci != "target":
            raise ValidationError({kunci: pesan.pop("target"), **pesan}) from exc
        raise
    item.save()
    return item


@transaction.atomic
def item_tambah_dari_katalog(
    *, pk: PerjanjianKinerja, pilihan: Iterable[tuple[Indikator, object]]
) -> list[ItemPK]:
    """Add several catalogue indicators to the PK at once, each with its yearly target (typed
    text or a typed value). Errors are keyed `target_<indikator id>`; nothing is added when any
    row fails."""
    periksa_pk_terbuka(pk)
    pilihan = list(pilihan)
    if not pilihan:
        raise ValidationError("Centang paling sedikit satu indikator.")
    sudah = set(ItemPK.objects.filter(pk_induk=pk).values_list("indikator_id", flat=True))
    galat: dict[str, list[str]] = {}
    baru = []
    for indikator, target in pilihan:
        kunci = f"target_{indikator.id}"
        if indikator.sasaran.renstra_id != pk.renstra_id:
            galat[kunci] = ["Indikator harus berasal dari Renstra yang diacu PK ini."]
            continue
        if indikator.id in sudah:
            galat[kunci] = ["Indikator ini sudah ada dalam PK."]
            continue
        item = ItemPK(pk_induk=pk, indikator=indikator, urutan=0)
        try:
            _target_item(item, target, kunci)
            baru.append(_simpan_item(item, kunci))
        except ValidationError as exc:
            galat.update(exc.message_dict)
        sudah.add(indikator.id)
    if galat:
        raise ValidationError(galat)
    sisipkan_item(pk, baru)
    return baru


@transaction.atomic
def item_tambah_indikator_baru(
    *,
    pk: PerjanjianKinerja,
    sasaran: Sasaran | None = None,
    sasaran_baru: str = "",
    indikator: Mapping,
    target,
    target_kegiatan=None,
    satuan_kegiatan: str = "",
    target_triwulan: Mapping[int, object] | None = None,
) -> ItemPK:
    """Add an indicator of the satker's own to the PK's Renstra (under an existing sasaran, or
    a new one typed in) and put it in the PK with its targets."""
    periksa_pk_terbuka(pk)
    sasaran_baru = (sasaran_baru or "").strip()
    if sasaran is None and not sasaran_baru:
        raise ValidationError({"sasaran": "Pilih sasaran, atau tulis sasaran baru."})
    if sasaran is not None and sasaran_baru:
        raise ValidationError({"sasaran_baru": "Pilih sasaran yang ada atau tulis yang baru."})
    if sasaran is not None and sasaran.renstra_id != pk.renstra_id:
        raise ValidationError({"sasaran": "Sasaran harus berasal dari Renstra yang diacu PK."})
    if sasaran is None:
        nomor = (pk.renstra.sasaran.aggregate(n=Max("nomor"))["n"] or 0) + 1
        sasaran = _simpan(Sasaran(renstra=pk.renstra, nomor=nomor, teks=sasaran_baru))
    asing = set(indikator) - set(KOLOM_INDIKATOR)
    if asing:
        raise TypeError(f"Kolom indikator tidak dikenal: {', '.join(sorted(asing))}")
    baru = Indikator(
        sasaran=sasaran,
        kode=kode_indikator_berikut(
            sasaran.nomor, set(sasaran.indikator.values_list("kode", flat=True))
        ),
        **indikator,
    )
    if baru.jenis_nilai != JenisNilai.PREDIKAT:
        baru.skala_nilai = None
    _simpan(baru)
    item = ItemPK(pk_induk=pk, indikator=baru, urutan=0)
    _isi_target(item, target, target_kegiatan, satuan_kegiatan, target_triwulan or {})
    sisipkan_item(pk, [item])
    return item


def _isi_target(item, target, target_kegiatan, satuan_kegiatan, target_triwulan) -> None:
    """Set and save the yearly, activity and quarterly targets of `item`. Every field is checked
    before anything is saved, so all problems are reported at once and nothing is half-written."""
    galat: dict[str, list[str]] = {}
    try:
        _target_item(item, target)
    except ValidationError as exc:
        galat.update(exc.message_dict)
    item.satuan_kegiatan = (satuan_kegiatan or "").strip()
    try:
        item.target_kegiatan = baca_angka_kegiatan(target_kegiatan, item.satuan_kegiatan)
    except ValidationError as exc:
        galat["target_kegiatan"] = exc.messages
    if item.target_kegiatan is None and item.satuan_kegiatan:
        galat["target_kegiatan"] = ["Isi target kegiatan, atau kosongkan satuannya."]
    if "target" not in galat:
        try:
            item.full_clean()
        except ValidationError as exc:
            for kunci, pesan in exc.message_dict.items():
                galat.setdefault(kunci, pesan)
    ada = {t.triwulan: t for t in TargetTriwulan.objects.filter(item=item)} if item.id else {}
    simpan, hapus = [], []
    for tw in capaian.TRIWULAN:
        kunci = f"target_tw{tw}"
        try:
            angka, predikat = item.indikator.baca(target_triwulan.get(tw)).kolom
            if angka is None and not predikat:
                if tw in ada:
                    hapus.append(ada[tw])
                continue
            t = ada.get(tw) or TargetTriwulan(triwulan=tw)
            if t.id and (t.target, t.target_predikat) == (angka, predikat):
                continue  # unchanged: no new history row
            t.item = item
            t.target, t.target_predikat = angka, predikat
            t.clean()
            simpan.append(t)
        except ValidationError as exc:
            galat[kunci] = exc.messages
    if galat:
        raise ValidationError(galat)
    item.save()
    for t in hapus:
        t.delete()
    for t in simpan:
        t.item = item  # a new item has its id only now
        _simpan(t)


@transaction.atomic
def item_ubah_target(
    *,
    item: ItemPK,
    target,
    target_kegiatan=None,
    satuan_kegiatan: str = "",
    target_triwulan: Mapping[int, object] | None = None,
) -> ItemPK:
    """Set the yearly target, the optional target kegiatan with its unit and the optional
    quarterly targets (an empty quarter removes that quarter's target)."""
    periksa_pk_terbuka(item.pk_induk)
    _isi_target(item, target, target_kegiatan, satuan_kegiatan, target_triwulan or {})
    return item


@transaction.atomic
def item_hapus(*, item: ItemPK) -> None:
    """Remove an item that has no realisasi; the remaining rows are renumbered."""
    pk = item.pk_induk
    periksa_pk_terbuka(pk)
    triwulan = sorted(item.realisasi.values_list("triwulan", flat=True))
    if triwulan:
        daftar = ", ".join(f"TW {TW_ROMAWI[t]}" for t in triwulan)
        raise ValidationError(
            f"Indikator “{item.indikator.nama}” tidak dapat dihapus karena sudah memiliki "
            f"realisasi ({daftar}). Hapus realisasinya lebih dulu di halaman realisasi, atau "
            "buat revisi PK bila indikator ini memang tidak lagi diperjanjikan."
        )
    item.delete()
    _nomori_ulang(urutan_kelompok(_item_pk(pk)))


def _geser(daftar: list, posisi: int, arah: str) -> list:
    if arah not in ("naik", "turun"):
        raise ValueError(f"arah harus 'naik' atau 'turun', bukan {arah!r}")
    tujuan = posisi - 1 if arah == "naik" else posisi + 1
    if not 0 <= tujuan < len(daftar):
        raise ValidationError(
            "Baris ini sudah paling atas." if arah == "naik" else "Baris ini sudah paling bawah."
        )
    daftar[posisi], daftar[tujuan] = daftar[tujuan], daftar[posisi]
    return daftar


@transaction.atomic
def item_geser(*, item: ItemPK, arah: str) -> None:
    """Move an indicator row one place up ("naik") or down ("turun") among the rows of its
    sasaran, then renumber the PK's rows 1..n."""
    pk = item.pk_induk
    periksa_pk_terbuka(pk)
    urut = urutan_kelompok(_item_pk(pk))
    sejenis = [i for i in urut if i.indikator.sasaran_id == item.indikator.sasaran_id]
    posisi = next(n for n, i in enumerate(sejenis) if i.id == item.id)
    try:
        sejenis = _geser(sejenis, posisi, arah)
    except ValidationError as exc:
        raise ValidationError(
            exc.messages[0].replace("Baris ini", "Indikator ini") + " dalam sasarannya."
        ) from exc
    tetap = iter(sejenis)
    _nomori_ulang(
        [next(tetap) if i.indikator.sasaran_id == item.indikator.sasaran_id else i for i in urut]
    )


@transaction.atomic
def sasaran_geser(*, pk: PerjanjianKinerja, sasaran: Sasaran, arah: str) -> None:
    """Move a sasaran with all its indicator rows one place up or down in the PK, then renumber
    the rows 1..n."""
    periksa_pk_terbuka(pk)
    urut = urutan_kelompok(_item_pk(pk))
    kelompok: dict[int, list[ItemPK]] = {}
    for i in urut:
        kelompok.setdefault(i.indikator.sasaran_id, []).append(i)
    if sasaran.id not in kelompok:
        raise ValidationError("Sasaran ini tidak memiliki indikator dalam PK.")
    urutan_sasaran = list(kelompok)
    try:
        urutan_sasaran = _geser(urutan_sasaran, urutan_sasaran.index(sasaran.id), arah)
    except ValidationError as exc:
        raise ValidationError(exc.messages[0].replace("Baris ini", "Sasaran ini")) from exc
    _nomori_ulang([i for sid in urutan_sasaran for i in kelompok[sid]])
