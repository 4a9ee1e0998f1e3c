"""Writes on a satker-year's budget. Amounts go only on RO rows; parents are created as needed
and removed when their last RO goes. Keyword-only arguments, one transaction each."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.models import ItemPK, PerjanjianKinerja
from satker.kunci import periksa_data_terbuka

from . import serapan
from .models import KegiatanAnggaran, KroAnggaran, ProgramAnggaran, RevisiDipa, RoAnggaran
from .pohon import BarisRO, Simpul, susun_pohon

POLA_KODE = {
    "program": (re.compile(r"^\d{3}\.\d{2}\.[A-Z]{2}$"), "076.01.CQ"),
    "kegiatan": (re.compile(r"^\d{4}$"), "6639"),
    "kro": (re.compile(r"^[A-Z]{3}$"), "QGE"),
    "ro": (re.compile(r"^\d{3}$"), "001"),
}
NAMA_TINGKAT = {"program": "Program", "kegiatan": "Kegiatan", "kro": "KRO", "ro": "RO"}


def periksa_kode(tingkat: str, kode: str) -> str:
    """The code normalised (spaces removed, upper case), or a ValidationError saying the
    expected form: program 076.01.CQ, kegiatan 6639, KRO QGE, RO 001."""
    kode = re.sub(r"\s+", "", kode or "").upper()
    pola, contoh = POLA_KODE[tingkat]
    if not pola.match(kode):
        raise ValidationError(
            f"Kode {NAMA_TINGKAT[tingkat]} “{kode or '(kosong)'}” tidak sah; contoh: {contoh}."
        )
    return kode


def _simpan(obj):
    obj.full_clean()
    obj.save()
    return obj


def _induk(model, nama: str, kode_asumsi: bool, **kunci):
    obj = model.objects.filter(**kunci).first()
    if obj is None:
        if not nama.strip() and model is not KroAnggaran:
            raise ValidationError(
                f"Nama {model._meta.verbose_name} {kunci['kode']} wajib diisi (kode baru)."
            )
        return _simpan(model(nama=nama.strip(), kode_asumsi=kode_asumsi, **kunci))
    if nama and obj.nama != nama:
        obj.nama = nama
        _simpan(obj)
    return obj


@transaction.atomic
def ro_simpan(*, satker, tahun: int, baris: BarisRO, ro: RoAnggaran | None = None) -> RoAnggaran:
    """Create (or, with `ro`, change) one RO row and the parents it needs. Codes are checked,
    amounts must be zero or more; a RO already present under the same KRO, code and source
    is refused. The row's `kode_asumsi` marks only the nodes created here: an existing node
    keeps its mark, since changing amounts or names does not confirm a code."""
    periksa_data_terbuka(satker, tahun)
    kode = {t: periksa_kode(t, getattr(baris, t)) for t in ("program", "kegiatan", "kro", "ro")}
    if not baris.nama.strip():
        raise ValidationError("Nama RO wajib diisi.")
    for nama, nilai in (("Pagu", baris.pagu), ("Realisasi", baris.realisasi)):
        if nilai is not None and Decimal(nilai) < 0:
            raise ValidationError(f"{nama} tidak boleh negatif.")
    asumsi = baris.kode_asumsi
    program = _induk(
        ProgramAnggaran,
        baris.nama_program,
        "program" in asumsi,
        satker=satker,
        tahun=tahun,
        kode=kode["program"],
    )
    kegiatan = _induk(
        KegiatanAnggaran,
        baris.nama_kegiatan,
        "kegiatan" in asumsi,
        program=program,
        kode=kode["kegiatan"],
    )
    kro = _induk(KroAnggaran, baris.nama_kro, "kro" in asumsi, kegiatan=kegiatan, kode=kode["kro"])
    ganda = RoAnggaran.objects.filter(kro=kro, kode=kode["ro"], sumber_dana=baris.sumber_dana)
    if ro is not None:
        ganda = ganda.exclude(pk=ro.pk)
    if ganda.exists():
        raise ValidationError(
            f"RO {kode['kro']}.{kode['ro']} ({baris.sumber_dana.upper()}) sudah ada di kegiatan "
            f"{kode['kegiatan']}."
        )
    lama_kro = ro.kro if ro is not None else None
    ro = ro or RoAnggaran(kode_asumsi="ro" in asumsi)
    ro.kro, ro.kode, ro.nama, ro.sumber_dana = (
        kro,
        kode["ro"],
        baris.nama.strip(),
        baris.sumber_dana,
    )
    ro.pagu, ro.realisasi = baris.pagu, baris.realisasi
    _simpan(ro)
    if lama_kro is not None and lama_kro.pk != kro.pk:
        _pangkas(lama_kro)
    return ro


def _pangkas(kro: KroAnggaran) -> None:
    """Remove a KRO, kegiatan and programme left without any RO."""
    if kro.ro.exists():
        return
    kegiatan = kro.kegiatan
    kro.delete()
    if kegiatan.kro.exists():
        return
    program = kegiatan.program
    kegiatan.delete()
    if not program.kegiatan.exists():
        program.delete()


@transaction.atomic
def ro_hapus(*, ro: RoAnggaran) -> None:
    program = ro.kro.kegiatan.program
    periksa_data_terbuka(program.satker, program.tahun)
    kro = ro.kro
    ro.delete()
    _pangkas(kro)


@transaction.atomic
def revisi_dipa_tambah(*, satker, tahun: int, tanggal, keterangan: str = "") -> RevisiDipa:
    """Record the next DIPA revision of the year (numbered 1, 2, …)."""
    periksa_data_terbuka(satker, tahun)
    nomor = RevisiDipa.objects.filter(satker=satker, tahun=tahun).count() + 1
    return _simpan(
        RevisiDipa(satker=satker, tahun=tahun, nomor=nomor, tanggal=tanggal, keterangan=keterangan)
    )


def baris_satker(satker, tahun: int) -> list[BarisRO]:
    """Every RO row of the satker-year, in code order, as plain rows (with their ids)."""
    ro_qs = RoAnggaran.objects.filter(
        kro__kegiatan__program__satker=satker, kro__kegiatan__program__tahun=tahun
    ).select_related("kro__kegiatan__program")
    ro_qs = ro_qs.order_by(
        "kro__kegiatan__program__kode", "kro__kegiatan__kode", "kro__kode", "kode", "sumber_dana"
    )
    return [
        BarisRO(
            program=r.kro.kegiatan.program.kode,
            kegiatan=r.kro.kegiatan.kode,
            kro=r.kro.kode,
            ro=r.kode,
            nama=r.nama,
            pagu=r.pagu,
            realisasi=r.realisasi,
            sumber_dana=r.sumber_dana,
            nama_program=r.kro.kegiatan.program.nama,
            nama_kegiatan=r.kro.kegiatan.nama,
            nama_kro=r.kro.nama,
            id=r.id,
            kode_asumsi=frozenset(
                tingkat
                for tingkat, obj in (
                    ("program", r.kro.kegiatan.program),
                    ("kegiatan", r.kro.kegiatan),
                    ("kro", r.kro),
                    ("ro", r),
                )
                if obj.kode_asumsi
            ),
        )
        for r in ro_qs
    ]


def pohon_satker(satker, tahun: int) -> Simpul:
    """The budget tree of the satker-year with every parent's sums."""
    return susun_pohon(baris_satker(satker, tahun))


def item_pk_tahun(satker, tahun: int):
    """The indicators of the satker-year's PKs in force (both kinds), in print order."""
    pk = PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).terkini()
    return (
        ItemPK.objects.filter(pk_induk__in=pk)
        .select_related("indikator__sasaran", "pk_induk")
        .order_by("pk_induk__jenis", "indikator__sasaran__nomor", "urutan")
    )


@dataclass
class BarisHubungan:
    """One indicator on the link page: the ROs chosen for it and, on the first indicator of a
    sasaran, the budget the sasaran gets from all its indicators' ROs."""

    item: ItemPK
    terpilih: list[tuple[Simpul, Simpul, Simpul]]  # (kegiatan, KRO, RO) of each chosen RO
    sasaran_baru: bool = False
    anggaran: "AnggaranSasaran | None" = None


def hubungan_baris(items: list[ItemPK], pohon: Simpul) -> list[BarisHubungan]:
    """The rows of the link page from the PK items (with `ro_anggaran` prefetched) and the
    budget tree, with each sasaran's resulting budget."""
    ro = {r.id: (k, kro, r) for p in pohon.anak for k in p.anak for kro in k.anak for r in kro.anak}
    baris: list[BarisHubungan] = []
    per_sasaran: dict[tuple, list] = {}
    for item in items:
        kunci = (item.pk_induk_id, item.indikator.sasaran_id)
        pilihan = sorted(r.id for r in item.ro_anggaran.all())
        baris.append(
            BarisHubungan(item, [ro[i] for i in pilihan if i in ro], kunci not in per_sasaran)
        )
        per_sasaran.setdefault(kunci, []).append(item.id)
    anggaran = anggaran_per_sasaran(per_sasaran)
    for b in baris:
        if b.sasaran_baru:
            b.anggaran = anggaran.get((b.item.pk_induk_id, b.item.indikator.sasaran_id))
    return baris


@transaction.atomic
def hubungan_simpan(*, satker, tahun: int, pilihan: dict[int, list[int]]) -> int:
    """Set which ROs serve each PK indicator ({item id: [RO ids]}) for the whole satker-year
    at once; ids of other satker or years are refused. Returns the number of links."""
    periksa_data_terbuka(satker, tahun)
    item_sah = {i.id: i for i in item_pk_tahun(satker, tahun)}
    ro_sah = set(
        RoAnggaran.objects.filter(
            kro__kegiatan__program__satker=satker, kro__kegiatan__program__tahun=tahun
        ).values_list("id", flat=True)
    )
    for item_id, ro_ids in pilihan.items():
        if item_id not in item_sah or not set(ro_ids) <= ro_sah:
            raise ValidationError("Pilihan indikator atau RO tidak dikenal; muat ulang halaman.")
    jumlah = 0
    for item_id, item in item_sah.items():
        ro_ids = sorted(set(pilihan.get(item_id, [])))
        item.ro_anggaran.set(ro_ids)
        jumlah += len(ro_ids)
    return jumlah


@dataclass(frozen=True)
class AnggaranSasaran:
    """The budget of the ROs serving a sasaran's indicators (each RO counted once)."""

    pagu: Decimal
    realisasi: Decimal | None  # None while a linked RO has no realisasi
    # Some of these ROs also serve another sasaran, whose figures then count them too.
    bersama: bool = False

    @property
    def penyerapan(self) -> Decimal | None:
        return serapan.penyerapan(self.realisasi, self.pagu)


def anggaran_per_sasaran(item_per_sasaran: dict) -> dict:
    """{sasaran key: AnggaranSasaran} from {sasaran key: [PK item ids]}, for the sasaran with at
    least one linked RO. A RO serving several sasaran counts in full for each of them (its
    spending cannot be split without a key the DIPA does not give), and they are marked
    `bersama`. One query for every link."""
    semua = [i for daftar in item_per_sasaran.values() for i in daftar]
    ro_per_item: dict[int, set[int]] = {}
    nilai: dict[int, tuple[Decimal, Decimal | None]] = {}
    tautan = RoAnggaran.item_pk.through.objects.filter(itempk_id__in=semua).select_related(
        "roanggaran"
    )
    for t in tautan:
        ro_per_item.setdefault(t.itempk_id, set()).add(t.roanggaran_id)
        nilai[t.roanggaran_id] = (t.roanggaran.pagu, t.roanggaran.realisasi)
    ro_per_sasaran = {
        sasaran_id: set().union(*(ro_per_item.get(i, set()) for i in item_ids))
        for sasaran_id, item_ids in item_per_sasaran.items()
    }
    sasaran_per_ro: dict[int, int] = {}
    for ro in ro_per_sasaran.values():
        for r in ro:
            sasaran_per_ro[r] = sasaran_per_ro.get(r, 0) + 1
    hasil = {}
    for sasaran_id, ro in ro_per_sasaran.items():
        if not ro:
            continue
        realisasi = [nilai[r][1] for r in ro]
        hasil[sasaran_id] = AnggaranSasaran(
            pagu=serapan.jumlah(nilai[r][0] for r in ro),
            realisasi=None if None in realisasi else serapan.jumlah(realisasi),
            bersama=any(sasaran_per_ro[r] > 1 for r in ro),
        )
    return hasil
