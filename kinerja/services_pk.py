"""Writes of the Perjanjian Kinerja pages: the PK header, its revisions and budget, and the
Renstra a satker adopts; the rows of a PK are written by kinerja.services_pk_item and the reads
are in kinerja.selectors_pk.

Every public function that changes data is named `<entity>_<action>`, takes keyword-only
arguments, runs in one transaction, validates each row with full_clean() and reports problems as
Django ValidationError with Indonesian messages, so a view only has to show them. Values typed by
a person ("66,23", "B", "ya") are read here too, with the rules of kinerja.capaian, so that forms
and services read a value one way.
"""

import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from nilai import NilaiTidakValid, baca_angka
from satker.kunci import periksa_data_terbuka
from satker.models import Satker, Tingkat
from satker.nip import normalisasi_nip

from .models import (
    AnggaranPK,
    Bukti,
    Indikator,
    ItemPK,
    JenisPK,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Sasaran,
    TargetRenstra,
    TargetTriwulan,
)
from .selectors_pk import (
    pesan_pk_terkunci,
    renstra_nasional,
    renstra_satker,
    urutan_kelompok,
)
from .services import kebijakan_pastikan

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


# --- Reading typed values -------------------------------------------------------------------


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


# --- Shared by the writes -------------------------------------------------------------------


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _galat(kunci: str, exc: ValidationError) -> ValidationError:
    """Re-key a ValidationError on one form field (used for per-row errors)."""
    return ValidationError({kunci: exc.messages})


def periksa_pk_terbuka(pk: PerjanjianKinerja) -> None:
    """Refuse a change to a superseded revision, or to a PK whose report is locked."""
    pesan = pesan_pk_terkunci(pk)
    if pesan:
        raise ValidationError(pesan)
    periksa_data_terbuka(pk.satker, pk.tahun, pk.jenis)


# --- Renstra --------------------------------------------------------------------------------


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
    periksa_pk_terbuka(pk)
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
    periksa_pk_terbuka(pk)
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


# --- Row order ------------------------------------------------------------------------------


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
    urut = urutan_kelompok([i for i in _item_pk(pk) if i.id not in id_baru])
    for item in baru:
        sid = item.indikator.sasaran_id
        posisi = max(
            (n + 1 for n, i in enumerate(urut) if i.indikator.sasaran_id == sid), default=len(urut)
        )
        urut.insert(posisi, item)
    _nomori_ulang(urut)


# --- Programme budget -----------------------------------------------------------------------


@transaction.atomic
def anggaran_tambah(*, pk: PerjanjianKinerja, kode: str = "", program: str, pagu) -> AnggaranPK:
    """Add a programme and its budget ceiling to the PK (pagu typed as "Rp 2.647.529.000")."""
    periksa_pk_terbuka(pk)
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
    periksa_pk_terbuka(pk)
    anggaran.delete()
    for nomor, a in enumerate(pk.anggaran.order_by("urutan", "id"), start=1):
        if a.urutan != nomor:
            a.urutan = nomor
            a.save(update_fields=["urutan"])
