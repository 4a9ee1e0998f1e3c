"""Writes of the Perjanjian Kinerja pages: the PK header, its items, revisions and budget.

Every public function takes keyword-only arguments, runs in one transaction, validates each row
with full_clean() and reports problems as Django ValidationError with Indonesian messages, so a
view only has to show them. Values typed by a person ("66,23", "B", "ya") are read here too, with
the rules of kinerja.capaian, so that forms and services read a value one way.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from nilai import NilaiTidakValid, SatuanTidakSesuai, baca_angka, tulis_angka_ringkas
from satker.kunci import periksa_data_terbuka, pesan_kunci
from satker.models import Satker, Tingkat
from satker.nip import normalisasi_nip

from . import capaian
from .models import (
    AnggaranPK,
    Bukti,
    Indikator,
    ItemPK,
    JenisNilai,
    JenisPK,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Sasaran,
    TargetRenstra,
    TargetTriwulan,
)
from .services import kebijakan_pastikan, nilai_ke_kolom

KODE_KPU_RI = "00"

# The header of a PK besides satker, year, kind and Renstra: what pk_buat and pk_ubah accept.
KOLOM_KEPALA = (
    "tempat_ttd",
    "tanggal_ttd",
    "pihak_pertama_nama",
    "pihak_pertama_jabatan",
    "pihak_pertama_nip",
    "pihak_kedua_nama",
    "pihak_kedua_jabatan",
    "pihak_kedua_nip",
)

# The indicator fields a satker fills in for an indicator of its own.
KOLOM_INDIKATOR = (
    "nama",
    "satuan",
    "jenis_nilai",
    "skala_nilai",
    "polaritas",
    "rumus_negatif",
    "agregasi",
    "boleh_melebihi_100",
    "definisi_operasional",
    "sumber_data",
)

# Fields copied when an indicator is adopted from the national Renstra.
_KOLOM_SALIN_INDIKATOR = (
    "kode",
    *KOLOM_INDIKATOR,
    "baseline",
    "baseline_predikat",
    "standar_nasional",
    "standar_nasional_predikat",
)

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}


# --- Reading typed values -------------------------------------------------------------------


_YA = {"ya", "y", "1", "tercapai", "true"}
_TIDAK = {"tidak", "t", "0", "tidak tercapai", "false"}


def baca_nilai(indikator: Indikator, nilai) -> tuple[Decimal | None, str]:
    """Turn a value of `indikator`, typed by a person or already typed, into its column pair.

    Text is read the Indonesian way: numbers with a decimal comma and, when a unit follows, only
    in the indicator's unit ("2 laporan" against "%" is refused); grades must be on the
    indicator's scale (look-alike Cyrillic or Greek letters are read as Latin); yes/no as
    "ya"/"tidak". Values that are already Decimal, bool or a grade code go through
    services.nilai_ke_kolom. Empty gives (None, "").
    """
    if isinstance(nilai, str):
        nilai = nilai.strip()
        if not nilai:
            return None, ""
        if indikator.jenis_nilai == JenisNilai.ANGKA:
            try:
                return nilai_ke_kolom(indikator, baca_angka(nilai, indikator.satuan))
            except SatuanTidakSesuai as exc:
                raise ValidationError(
                    f"'{nilai}' tidak sesuai dengan satuan indikator ({indikator.satuan}). "
                    f"Tulis angkanya saja dalam {indikator.satuan}, misalnya 66,23."
                ) from exc
            except NilaiTidakValid as exc:
                raise ValidationError(str(exc)) from exc
        if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
            kecil = nilai.lower()
            if kecil in _YA:
                nilai = True
            elif kecil in _TIDAK:
                nilai = False
            else:
                raise ValidationError(f"Isi 'ya' atau 'tidak', bukan '{nilai}'.")
    return nilai_ke_kolom(indikator, nilai)


def baca_angka_kegiatan(teks, satuan: str = "") -> Decimal | None:
    """A target kegiatan ("5", "5 orang" when the unit is orang); empty gives None."""
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None
    if not isinstance(teks, str):
        return Decimal(teks)
    try:
        return baca_angka(teks, satuan.strip() or None)
    except NilaiTidakValid as exc:
        raise ValidationError(str(exc)) from exc


def baca_rupiah(teks) -> Decimal:
    """An amount typed as printed ("Rp 2.647.529.000,-", "2.647.529.000" or "2647529000")."""
    if not isinstance(teks, str):
        return Decimal(teks)
    bersih = re.sub(r"^\s*rp\.?\s*", "", teks, flags=re.IGNORECASE)
    bersih = re.sub(r",-\s*$", "", bersih).strip()
    try:
        return baca_angka(bersih)
    except NilaiTidakValid as exc:
        raise ValidationError(f"Pagu '{teks.strip()}' bukan jumlah rupiah yang valid.") from exc


def teks_nilai(indikator: Indikator, angka: Decimal | None, predikat: str = "") -> str:
    """A stored value as a person would type it back: "66,23", "1.250", "BB", "ya"."""
    if predikat:
        return predikat
    if angka is None:
        return ""
    if indikator.jenis_nilai == JenisNilai.YA_TIDAK:
        return "ya" if angka else "tidak"
    return tulis_angka_ringkas(angka)


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _galat(kunci: str, exc: ValidationError) -> ValidationError:
    """Re-key a ValidationError on one form field (used for per-row errors)."""
    return ValidationError({kunci: exc.messages})


# --- Renstra --------------------------------------------------------------------------------


def renstra_satker(satker: Satker, tahun: int) -> Renstra | None:
    """The satker's own Renstra whose period covers `tahun`, if it has one."""
    return (
        Renstra.objects.filter(satker=satker, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun)
        .order_by("-tahun_mulai")
        .first()
    )


def renstra_nasional(tahun: int) -> Renstra | None:
    """KPU RI's Renstra (the national catalogue) covering `tahun`."""
    return (
        Renstra.objects.filter(
            satker__kode=KODE_KPU_RI, tahun_mulai__lte=tahun, tahun_selesai__gte=tahun
        )
        .order_by("-tahun_mulai")
        .first()
    )


def renstra_mengacu(satker: Satker, nasional: Renstra) -> Renstra:
    """A Renstra of `satker` (unsaved, without sasaran) over the national one's period, with
    its visi, misi and tujuan, pointing to it."""
    return Renstra(
        satker=satker,
        tahun_mulai=nasional.tahun_mulai,
        tahun_selesai=nasional.tahun_selesai,
        nama=f"Rencana Strategis {satker.nama} {nasional.tahun_mulai}–{nasional.tahun_selesai}",
        visi=nasional.visi,
        misi=nasional.misi,
        tujuan=nasional.tujuan,
        acuan=nasional,
    )


@transaction.atomic
def renstra_adopsi_nasional(*, satker: Satker, tahun: int) -> Renstra:
    """Give `satker` a Renstra for the period covering `tahun` by adopting KPU RI's.

    Visi, misi and tujuan are copied, and every sasaran and indicator with its medium-term
    targets; each copied indicator points (`acuan`) to the national one it came from, and the
    Renstra to the national Renstra. The satker can then reword or add its own. A satker that
    already has a Renstra for that year keeps it (it is returned unchanged).
    """
    sendiri = renstra_satker(satker, tahun)
    if sendiri is not None:
        return sendiri
    nasional = renstra_nasional(tahun)
    if nasional is None:
        raise ValidationError(
            f"Renstra nasional KPU RI yang mencakup tahun {tahun} belum tersedia. "
            "Hubungi admin KPU RI."
        )
    if satker.tingkat == Tingkat.RI or nasional.satker_id == satker.id:
        return nasional
    renstra = _simpan(renstra_mengacu(satker, nasional))
    sasaran_nasional = nasional.sasaran.prefetch_related(
        "indikator__target_renstra", "indikator__skala_nilai__nilai"
    )
    for s in sasaran_nasional:
        sasaran = _simpan(Sasaran(renstra=renstra, nomor=s.nomor, teks=s.teks))
        for asal in s.indikator.all():
            salinan = Indikator(sasaran=sasaran, acuan=asal)
            for kolom in _KOLOM_SALIN_INDIKATOR:
                setattr(salinan, kolom, getattr(asal, kolom))
            _simpan(salinan)
            for t in asal.target_renstra.all():
                _simpan(
                    TargetRenstra(
                        indikator=salinan,
                        tahun=t.tahun,
                        target=t.target,
                        target_predikat=t.target_predikat,
                    )
                )
    return renstra


# --- PK header ------------------------------------------------------------------------------


def pk_revisi_terbaru(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """The latest revision of the PK `pk` belongs to (itself when it is the latest)."""
    return (
        PerjanjianKinerja.objects.filter(satker_id=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis)
        .order_by("-revisi")
        .first()
        or pk
    )


def pk_daftar_revisi(pk: PerjanjianKinerja) -> list[PerjanjianKinerja]:
    """Every revision of the PK, oldest first."""
    return list(
        PerjanjianKinerja.objects.filter(
            satker_id=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis
        ).order_by("revisi")
    )


def pesan_pk_terkunci(pk: PerjanjianKinerja) -> str | None:
    """Why `pk` may not be changed (it has a newer revision), or None when it may."""
    terbaru = pk_revisi_terbaru(pk)
    if terbaru.revisi > pk.revisi:
        return (
            f"PK ini sudah direvisi: revisi {terbaru.revisi} yang berlaku. "
            "Revisi lama tetap tersimpan dan hanya dapat dibaca; ubah revisi terbaru."
        )
    return None


def pesan_laporan_terkunci(pk: PerjanjianKinerja) -> str | None:
    """Why the data of `pk` may not be changed (the report it feeds is submitted, approved or
    published), or None when it may."""
    return pesan_kunci(pk.satker, pk.tahun, pk.jenis)


def _periksa_terbuka(pk: PerjanjianKinerja) -> None:
    """Refuse a change to a superseded revision, or to a PK whose report is locked."""
    pesan = pesan_pk_terkunci(pk)
    if pesan:
        raise ValidationError(pesan)
    periksa_data_terbuka(pk.satker, pk.tahun, pk.jenis)


def _pesan_pk_ganda(satker: Satker, tahun: int, jenis: str) -> str:
    return (
        f"{satker.nama} sudah memiliki Perjanjian Kinerja {JenisPK(jenis).label} tahun {tahun}. "
        "Ubah PK yang ada, atau buat revisinya bila PK itu sudah ditandatangani."
    )


def _isi_kepala(pk: PerjanjianKinerja, kepala: Mapping) -> None:
    asing = set(kepala) - set(KOLOM_KEPALA)
    if asing:
        raise TypeError(f"Kolom kepala PK tidak dikenal: {', '.join(sorted(asing))}")
    for kolom in KOLOM_KEPALA:
        if kolom in kepala:
            nilai = kepala[kolom]
            setattr(pk, kolom, "" if nilai is None and kolom != "tanggal_ttd" else nilai)
    galat = {}
    for pihak in ("pihak_pertama", "pihak_kedua"):
        try:
            setattr(pk, f"{pihak}_nip", normalisasi_nip(getattr(pk, f"{pihak}_nip")))
        except ValidationError as exc:
            galat[f"{pihak}_nip"] = exc.messages
    if not pk.pihak_pertama_nama.strip():
        galat["pihak_pertama_nama"] = ["Nama pihak pertama wajib diisi."]
    if not pk.pihak_pertama_jabatan.strip():
        galat["pihak_pertama_jabatan"] = ["Jabatan pihak pertama wajib diisi."]
    kedua = [pk.pihak_kedua_nama, pk.pihak_kedua_jabatan, pk.pihak_kedua_nip]
    if any(v.strip() for v in kedua):
        if not pk.pihak_kedua_nama.strip():
            galat["pihak_kedua_nama"] = ["Isi nama pihak kedua, atau kosongkan semua isian."]
        if not pk.pihak_kedua_jabatan.strip():
            galat["pihak_kedua_jabatan"] = ["Isi jabatan pihak kedua."]
    if pk.tanggal_ttd and pk.tahun and pk.tanggal_ttd.year not in (pk.tahun - 1, pk.tahun):
        galat["tanggal_ttd"] = [
            f"PK tahun {pk.tahun} ditandatangani pada tahun {pk.tahun - 1} atau {pk.tahun}, "
            f"bukan {pk.tanggal_ttd.year}."
        ]
    if galat:
        raise ValidationError(galat)


def _simpan_pk(pk: PerjanjianKinerja) -> PerjanjianKinerja:
    """full_clean and save; a clash on satker-year-kind-revision becomes a ValidationError
    (also when another request won the race between the check and the insert)."""
    try:
        pk.full_clean()
    except ValidationError as exc:
        if (
            "__all__" in exc.message_dict
            and PerjanjianKinerja.objects.filter(
                satker_id=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis, revisi=pk.revisi
            )
            .exclude(id=pk.id)
            .exists()
        ):
            raise ValidationError(_pesan_pk_ganda(pk.satker, pk.tahun, pk.jenis)) from exc
        raise
    try:
        with transaction.atomic():
            pk.save()
    except IntegrityError as exc:
        raise ValidationError(_pesan_pk_ganda(pk.satker, pk.tahun, pk.jenis)) from exc
    return pk


@transaction.atomic
def pk_buat(
    *,
    satker: Satker,
    tahun: int,
    jenis: str,
    renstra: Renstra | None = None,
    **kepala,
) -> PerjanjianKinerja:
    """Create revision 0 of a PK. Without `renstra`, the satker's Renstra covering the year is
    used, and when it has none the national one is adopted (renstra_adopsi_nasional). A second
    PK of the same satker, year and kind is refused, and so is one whose report is locked."""
    periksa_data_terbuka(satker, tahun, jenis)
    if PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun, jenis=jenis).exists():
        raise ValidationError(_pesan_pk_ganda(satker, tahun, jenis))
    if renstra is not None and renstra.satker_id != satker.id:
        raise ValidationError({"renstra": "Pilih Renstra milik satker ini."})
    pk = PerjanjianKinerja(satker=satker, tahun=tahun, jenis=jenis, revisi=0)
    kepala.setdefault("tempat_ttd", satker.kota_ttd)
    _isi_kepala(pk, kepala)
    pk.renstra = renstra or renstra_adopsi_nasional(satker=satker, tahun=tahun)
    pk = _simpan_pk(pk)
    kebijakan_pastikan(satker=satker, tahun=tahun)
    return pk


@transaction.atomic
def pk_ubah(
    *, pk: PerjanjianKinerja, tahun: int | None = None, jenis: str | None = None, **kepala
) -> PerjanjianKinerja:
    """Change the header of a PK that has no newer revision. The year and kind may change only
    on revision 0 (a revision belongs to the PK it revises)."""
    _periksa_terbuka(pk)
    tahun = pk.tahun if tahun is None else tahun
    jenis = pk.jenis if jenis is None else jenis
    if (tahun, jenis) != (pk.tahun, pk.jenis):
        if pk.revisi:
            raise ValidationError(
                "Tahun dan jenis PK revisi tidak dapat diubah; ubah keduanya pada revisi 0."
            )
        if (
            PerjanjianKinerja.objects.filter(satker_id=pk.satker_id, tahun=tahun, jenis=jenis)
            .exclude(id=pk.id)
            .exists()
        ):
            raise ValidationError(_pesan_pk_ganda(pk.satker, tahun, jenis))
        periksa_data_terbuka(pk.satker, tahun, jenis)
        pk.tahun, pk.jenis = tahun, jenis
    _isi_kepala(pk, kepala)
    pk = _simpan_pk(pk)
    kebijakan_pastikan(satker=pk.satker, tahun=pk.tahun)
    return pk


def _salin_bukti(bukti: Bukti, realisasi: Realisasi) -> None:
    """Copy an evidence file for the new revision, so deleting one never breaks the other."""
    salinan = Bukti(
        realisasi=realisasi,
        nama_asli=bukti.nama_asli,
        jenis_mime=bukti.jenis_mime,
        ukuran=bukti.ukuran,
        diunggah_oleh_id=bukti.diunggah_oleh_id,
    )
    try:
        with bukti.berkas.open("rb") as f:
            isi = f.read()
    except (OSError, ValueError):
        salinan.berkas.name = bukti.berkas.name  # the file is missing: keep its reference
    else:
        salinan.berkas.save(bukti.nama_asli, ContentFile(isi), save=False)
    salinan.save()


@transaction.atomic
def pk_revisi(*, pk: PerjanjianKinerja, alasan: str) -> PerjanjianKinerja:
    """Revise a signed PK: revision n+1 with the reason, copying the header, the items with
    their quarterly targets, the realisasi entered so far (with narrative and evidence, so no
    work is lost) and the programme budget. The old revision stays unchanged and read-only."""
    _periksa_terbuka(pk)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan revisi wajib diisi."})
    if not pk.tanggal_ttd:
        raise ValidationError(
            "PK ini belum ditandatangani (tanggal penandatanganan kosong): ubah saja PK-nya, "
            "tidak perlu revisi."
        )
    baru = PerjanjianKinerja(
        satker_id=pk.satker_id,
        tahun=pk.tahun,
        jenis=pk.jenis,
        revisi=pk.revisi + 1,
        alasan_revisi=alasan,
        renstra_id=pk.renstra_id,
        **{kolom: getattr(pk, kolom) for kolom in KOLOM_KEPALA},
    )
    _simpan_pk(baru)
    for a in pk.anggaran.all():
        _simpan(
            AnggaranPK(pk_induk=baru, urutan=a.urutan, kode=a.kode, program=a.program, pagu=a.pagu)
        )
    items = pk.item.select_related("indikator__sasaran", "indikator__skala_nilai").prefetch_related(
        "indikator__skala_nilai__nilai", "target_triwulan", "realisasi__bukti"
    )
    for item in items:
        salinan = _simpan(
            ItemPK(
                pk_induk=baru,
                urutan=item.urutan,
                indikator=item.indikator,
                target=item.target,
                target_predikat=item.target_predikat,
                target_kegiatan=item.target_kegiatan,
                satuan_kegiatan=item.satuan_kegiatan,
            )
        )
        for t in item.target_triwulan.all():
            _simpan(
                TargetTriwulan(
                    item=salinan,
                    triwulan=t.triwulan,
                    target=t.target,
                    target_predikat=t.target_predikat,
                )
            )
        for r in item.realisasi.all():
            realisasi = _simpan(
                Realisasi(
                    item=salinan,
                    triwulan=r.triwulan,
                    nilai=r.nilai,
                    nilai_predikat=r.nilai_predikat,
                    satuan=r.satuan,
                    kegiatan=r.kegiatan,
                    penyebab=r.penyebab,
                    solusi=r.solusi,
                    program_pendukung=r.program_pendukung,
                    diisi_oleh_id=r.diisi_oleh_id,
                )
            )
            for b in r.bukti.all():
                _salin_bukti(b, realisasi)
    return baru


# --- Items ----------------------------------------------------------------------------------


def _urutan_kelompok(items: Sequence[ItemPK]) -> list[ItemPK]:
    """Items in display order with the items of one sasaran kept together: sasaran in the order
    of their first item, items within a sasaran in their own order."""
    kelompok: dict[int, list[ItemPK]] = {}
    for item in sorted(items, key=lambda i: (i.urutan, i.id or 0)):
        kelompok.setdefault(item.indikator.sasaran_id, []).append(item)
    return [item for daftar in kelompok.values() for item in daftar]


def _nomori_ulang(urut: Sequence[ItemPK]) -> None:
    """Number items 1..n in the given order, saving only the rows whose number changes."""
    for nomor, item in enumerate(urut, start=1):
        if item.urutan != nomor:
            item.urutan = nomor
            item.full_clean()
            item.save(update_fields=["urutan"])


def _item_pk(pk: PerjanjianKinerja) -> list[ItemPK]:
    return list(
        ItemPK.objects.filter(pk_induk=pk)
        .select_related("indikator__sasaran__renstra", "indikator__skala_nilai", "pk_induk")
        .order_by("urutan", "id")
    )


def sisipkan_item(pk: PerjanjianKinerja, baru: Sequence[ItemPK]) -> None:
    """Place new items at the end of their sasaran's rows (or at the end), then renumber."""
    id_baru = {b.id for b in baru}
    urut = _urutan_kelompok([i for i in _item_pk(pk) if i.id not in id_baru])
    for item in baru:
        sid = item.indikator.sasaran_id
        posisi = max(
            (n + 1 for n, i in enumerate(urut) if i.indikator.sasaran_id == sid), default=len(urut)
        )
        urut.insert(posisi, item)
    _nomori_ulang(urut)


def _target_item(item: ItemPK, target, kunci: str = "target") -> None:
    try:
        item.target, item.target_predikat = baca_nilai(item.indikator, target)
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


def indikator_katalog(pk: PerjanjianKinerja) -> list[Indikator]:
    """Indicators of the PK's Renstra not yet in the PK, by sasaran and code."""
    sudah = ItemPK.objects.filter(pk_induk=pk).values("indikator_id")
    return list(
        Indikator.objects.filter(sasaran__renstra_id=pk.renstra_id)
        .exclude(id__in=sudah)
        .select_related("sasaran", "skala_nilai")
        .prefetch_related("skala_nilai__nilai", "target_renstra")
        .order_by("sasaran__nomor", "id")
    )


def target_renstra_tahun(indikator: Indikator, tahun: int) -> str:
    """The Renstra's target of `indikator` for `tahun`, as typed text ("" when none)."""
    for t in indikator.target_renstra.all():
        if t.tahun == tahun:
            return teks_nilai(indikator, t.target, t.target_predikat)
    return ""


@transaction.atomic
def item_tambah_dari_katalog(
    *, pk: PerjanjianKinerja, pilihan: Iterable[tuple[Indikator, object]]
) -> list[ItemPK]:
    """Add several catalogue indicators to the PK at once, each with its yearly target (typed
    text or a typed value). Errors are keyed `target_<indikator id>`; nothing is added when any
    row fails."""
    _periksa_terbuka(pk)
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


def kode_indikator_berikut(nomor_sasaran: int, terpakai: set[str]) -> str:
    """The next indicator code under sasaran `nomor_sasaran`, after the highest in use ("3.4"
    after 3.1–3.3, and after 3.1 and 3.3): a code once used is not given to another indicator.
    `terpakai` may hold the codes of other sasaran too."""
    awalan = f"{nomor_sasaran}."
    nomor = [
        int(k[len(awalan) :])
        for k in terpakai
        if k.startswith(awalan) and k[len(awalan) :].isdigit()
    ]
    return f"{awalan}{max(nomor, default=0) + 1}"


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
    _periksa_terbuka(pk)
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
            angka, predikat = baca_nilai(item.indikator, target_triwulan.get(tw))
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
    _periksa_terbuka(item.pk_induk)
    _isi_target(item, target, target_kegiatan, satuan_kegiatan, target_triwulan or {})
    return item


def peringatan_target(item: ItemPK) -> list[str]:
    """Quarterly targets that disagree with the yearly one (DOMAIN section 7): the four quarters
    of a cumulative indicator should add up to the year and those of an averaged one average to
    it; otherwise the TW IV target should equal the year's. Warnings, not errors."""
    per_tw = {t.triwulan: t for t in item.target_triwulan.all()}
    indikator = item.indikator
    tahunan = teks_nilai(indikator, item.target, item.target_predikat)
    per_triwulan = indikator.agregasi != capaian.Agregasi.NILAI_AKHIR
    if indikator.jenis_nilai == JenisNilai.ANGKA and per_triwulan:
        if len(per_tw) < 4:
            return []
        total = sum((t.target for t in per_tw.values()), Decimal(0))
        if indikator.agregasi == capaian.Agregasi.KUMULATIF and total != item.target:
            return [
                f"Jumlah target TW I–IV ({tulis_angka_ringkas(total)}) berbeda dengan "
                f"target tahunan ({tahunan}); indikator ini dijumlahkan per triwulan."
            ]
        if indikator.agregasi == capaian.Agregasi.RATA_RATA and total / 4 != item.target:
            return [
                f"Rata-rata target TW I–IV ({tulis_angka_ringkas(total / 4)}) berbeda "
                f"dengan target tahunan ({tahunan}); indikator ini dirata-ratakan per triwulan."
            ]
        return []
    t4 = per_tw.get(4)
    if t4 and (t4.target, t4.target_predikat) != (item.target, item.target_predikat):
        return [
            f"Target TW IV ({teks_nilai(indikator, t4.target, t4.target_predikat)}) berbeda "
            f"dengan target tahunan ({tahunan})."
        ]
    return []


@transaction.atomic
def item_hapus(*, item: ItemPK) -> None:
    """Remove an item that has no realisasi; the remaining rows are renumbered."""
    pk = item.pk_induk
    _periksa_terbuka(pk)
    triwulan = sorted(item.realisasi.values_list("triwulan", flat=True))
    if triwulan:
        daftar = ", ".join(f"TW {ROMAWI[t]}" for t in triwulan)
        raise ValidationError(
            f"Indikator “{item.indikator.nama}” tidak dapat dihapus karena sudah memiliki "
            f"realisasi ({daftar}). Hapus realisasinya lebih dulu di halaman realisasi, atau "
            "buat revisi PK bila indikator ini memang tidak lagi diperjanjikan."
        )
    item.delete()
    _nomori_ulang(_urutan_kelompok(_item_pk(pk)))


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
    _periksa_terbuka(pk)
    urut = _urutan_kelompok(_item_pk(pk))
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
    _periksa_terbuka(pk)
    urut = _urutan_kelompok(_item_pk(pk))
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


# --- Programme budget -----------------------------------------------------------------------


@transaction.atomic
def anggaran_tambah(*, pk: PerjanjianKinerja, kode: str = "", program: str, pagu) -> AnggaranPK:
    """Add a programme and its budget ceiling to the PK (pagu typed as "Rp 2.647.529.000")."""
    _periksa_terbuka(pk)
    try:
        pagu = baca_rupiah(pagu)
    except ValidationError as exc:
        raise _galat("pagu", exc) from exc
    urutan = (pk.anggaran.aggregate(n=Max("urutan"))["n"] or 0) + 1
    return _simpan(
        AnggaranPK(
            pk_induk=pk, urutan=urutan, kode=(kode or "").strip(), program=program, pagu=pagu
        )
    )


@transaction.atomic
def anggaran_hapus(*, anggaran: AnggaranPK) -> None:
    """Remove a programme from the PK's budget and renumber the rest."""
    pk = anggaran.pk_induk
    _periksa_terbuka(pk)
    anggaran.delete()
    for nomor, a in enumerate(pk.anggaran.order_by("urutan", "id"), start=1):
        if a.urutan != nomor:
            a.urutan = nomor
            a.save(update_fields=["urutan"])


@dataclass
class BarisDokumen:
    """One indicator row of the PK document; `sasaran_nomor`/`rowspan` only on a sasaran's
    first row (the sasaran cell spans its indicators, as in the signed documents); `terakhir`
    on its last row."""

    item: ItemPK
    sasaran: Sasaran
    sasaran_nomor: int | None
    rowspan: int
    terakhir: bool


def baris_dokumen(pk: PerjanjianKinerja) -> list[BarisDokumen]:
    """The rows of the PK table, sasaran numbered 1..n in PK order (uses prefetched items)."""
    kelompok: dict[int, list[ItemPK]] = {}
    for item in _urutan_kelompok(list(pk.item.all())):
        kelompok.setdefault(item.indikator.sasaran_id, []).append(item)
    baris = []
    for nomor, daftar in enumerate(kelompok.values(), start=1):
        for n, item in enumerate(daftar):
            baris.append(
                BarisDokumen(
                    item=item,
                    sasaran=item.indikator.sasaran,
                    sasaran_nomor=nomor if n == 0 else None,
                    rowspan=len(daftar) if n == 0 else 0,
                    terakhir=n == len(daftar) - 1,
                )
            )
    return baris
