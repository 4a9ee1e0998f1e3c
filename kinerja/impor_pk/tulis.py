"""Writing a PK import: `impor_pk` plans the workbook (rencana.py) and writes the plan in one
transaction, or nothing at all.

Each satker-year-kind (`Kelompok`) is written in turn: its Renstra and PK when the workbook
brings the first ones, its sasaran, indicators, PK items and quarterly targets, then its
realisasi, through the quarter page's own service so that their history and versions are kept.
Anything refused while writing (`_Batal`) rolls the whole import back and is reported with its
row.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from satker.kunci import DataTerkunci, periksa_data_terbuka
from satker.models import Satker

from .. import capaian
from ..models import (
    Indikator,
    ItemPK,
    JenisNilai,
    JenisPK,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    Sasaran,
    TargetTriwulan,
)
from ..selectors_pk import kode_indikator_berikut, renstra_nasional, teks_nilai
from ..selectors_realisasi import pesan_galat
from ..services import kebijakan_pastikan
from ..services_pk import renstra_mengacu, sisipkan_item
from ..services_realisasi import NARASI, BarisMasukan, realisasi_simpan_triwulan
from ..xlsx import GalatBaris
from .hasil import TETAP, HasilImporPK, Item, Kelompok
from .kolom import REALISASI_TW
from .rencana import rencanakan_kelompok


class _Batal(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def impor_pk(
    berkas, *, user=None, satker_boleh: Callable[[Satker], bool] | None = None, sidik: str = ""
) -> HasilImporPK:
    """Import a PK workbook: every row, in one transaction, or nothing. When `sidik` is given
    and the plan differs from the one previewed (the data changed meanwhile), nothing is
    written and the new plan is returned with diterapkan False."""
    try:
        with transaction.atomic():
            hasil, kelompok = rencanakan_kelompok(berkas, satker_boleh)
            if not hasil.ok or (sidik and sidik != hasil.sidik):
                return hasil
            for k in kelompok:
                _tulis_kelompok(k, user)
    except _Batal as exc:
        hasil.galat.extend(exc.galat)
        return hasil
    except DataTerkunci as exc:
        hasil.galat.append(GalatBaris(0, "", " ".join(exc.messages)))
        return hasil
    except (ValidationError, IntegrityError) as exc:
        # Another write got in between the plan and this one (the same PK created twice, a
        # policy missing): nothing was written, and the user may simply import again.
        pesan = " ".join(exc.messages) if isinstance(exc, ValidationError) else ""
        hasil.galat.append(
            GalatBaris(
                0,
                "",
                pesan
                or "Data berubah selama impor; tidak ada yang disimpan. Unggah berkasnya lagi.",
            )
        )
        return hasil
    hasil.diterapkan = True
    return hasil


def _simpan(obj, nomor: int):
    try:
        obj.full_clean()
    except ValidationError as exc:
        raise _Batal([GalatBaris(nomor, "", p) for p in pesan_galat(exc)]) from exc
    obj.save()
    return obj


def _tulis_kelompok(k: Kelompok, user) -> None:
    if not any(i.rencana.status != TETAP or i.rencana.perubahan for i in k.item):
        return
    periksa_data_terbuka(k.satker, k.tahun, k.jenis)
    nomor_awal = k.item[0].baris.nomor
    renstra = k.renstra or _renstra_baru(k.satker, k.tahun, nomor_awal)
    pk = k.pk or _pk_baru(k, renstra, nomor_awal)
    _tulis_sasaran(k, renstra)
    kode_terpakai = set(
        Indikator.objects.filter(sasaran__renstra=renstra).values_list("kode", flat=True)
    )
    baru: list[ItemPK] = []
    for urutan, rencana in enumerate(k.item, start=1):
        _tulis_indikator(k, rencana, kode_terpakai)
        _tulis_item(k, pk, rencana, urutan, baru)
    if baru and k.pk is not None:
        sisipkan_item(pk, baru)
    _tulis_realisasi(k, pk, user)


def _tulis_sasaran(k: Kelompok, renstra: Renstra) -> None:
    """Sasaran: new ones created, changed texts written."""
    for no, (teks, nomor) in k.sasaran_teks.items():
        sasaran = k.sasaran.get(no)
        if sasaran is None:
            k.sasaran[no] = _simpan(Sasaran(renstra=renstra, nomor=no, teks=teks), nomor)
        elif " ".join(sasaran.teks.split()) != teks:
            sasaran.teks = teks
            _simpan(sasaran, nomor)


def _tulis_indikator(k: Kelompok, rencana: Item, kode_terpakai: set) -> None:
    """A new indicator gets its sasaran and a free code; a changed one is saved."""
    nomor = rencana.baris.nomor
    indikator = rencana.indikator
    if indikator.id is None:
        indikator.sasaran = k.sasaran[rencana.baris.no_sasaran]
        if not indikator.kode or indikator.kode in kode_terpakai:
            indikator.kode = kode_indikator_berikut(indikator.sasaran.nomor, kode_terpakai)
        kode_terpakai.add(indikator.kode)
        if indikator.jenis_nilai != JenisNilai.PREDIKAT:
            indikator.skala_nilai = None
        _simpan(indikator, nomor)
    elif rencana.ubah_indikator:
        _simpan(indikator, nomor)


def _tulis_item(k: Kelompok, pk: PerjanjianKinerja, rencana: Item, urutan: int, baru: list):
    """The PK item of the row (created when new, and added to `baru`) with its targets."""
    nomor = rencana.baris.nomor
    item = rencana.item
    if item is None:
        # A new PK takes the workbook's order; in an existing one, new items are placed
        # after their sasaran's below.
        item = ItemPK(
            pk_induk=pk, indikator=rencana.indikator, urutan=urutan if k.pk is None else 0
        )
        baru.append(item)
        rencana.item_baru = True
    if rencana.ubah_item:
        if rencana.target is not None:
            item.target, item.target_predikat = rencana.target
        if rencana.target_kegiatan is not None:
            item.target_kegiatan, item.satuan_kegiatan = rencana.target_kegiatan
        item.indikator = rencana.indikator
        _simpan(item, nomor)
        # An existing item's quarterly targets came with its PK (dengan_item); a new has none.
        simpan_tw = {} if rencana.item_baru else {t.triwulan: t for t in item.target_triwulan.all()}
        for tw, (angka, predikat) in rencana.target_tw.items():
            t = simpan_tw.get(tw) or TargetTriwulan(item=item, triwulan=tw)
            t.target, t.target_predikat = angka, predikat
            _simpan(t, nomor)
    rencana.item = item


def _tulis_realisasi(k: Kelompok, pk: PerjanjianKinerja, user) -> None:
    """Realisasi of items this import creates are inserted at once (no one else can have
    written them: the items did not exist); the others go through the quarter page's service,
    one quarter at a time, with its row locks and versions, keeping their narratives."""
    _realisasi_item_baru([r for r in k.item if r.item_baru], user)
    for tw in capaian.TRIWULAN:
        daftar = [r for r in k.item if tw in r.realisasi_tw and not r.item_baru]
        if daftar:
            _realisasi_triwulan(pk, tw, daftar, user)


def _realisasi_triwulan(pk: PerjanjianKinerja, tw: int, daftar: list[Item], user) -> None:
    lama = {
        r.item_id: r
        for r in Realisasi.objects.filter(item__in=[d.item for d in daftar], triwulan=tw)
    }
    masukan = [_masukan(rencana, tw, lama.get(rencana.item.id)) for rencana in daftar]
    per_item = {rencana.item.id: rencana.baris.nomor for rencana in daftar}
    pk = PerjanjianKinerja.objects.get(id=pk.id)  # its items as now written
    hasil = realisasi_simpan_triwulan(pk=pk, triwulan=tw, baris=masukan, user=user)
    if not hasil.disimpan:
        galat = [
            GalatBaris(per_item[b.item.id], REALISASI_TW[tw], pesan)
            for b in hasil.baris
            for pesan in b.galat or (["Diubah pengguna lain; muat ulang."] if b.konflik else [])
        ]
        raise _Batal(galat or [GalatBaris(0, "", "Realisasi tidak dapat disimpan.")])


def _masukan(rencana: Item, tw: int, sekarang: Realisasi | None) -> BarisMasukan:
    """The quarter page's input for one item: the new value over the stored version and
    narratives."""
    return BarisMasukan(
        item_id=rencana.item.id,
        nilai=teks_nilai(rencana.indikator, *rencana.realisasi_tw[tw]),
        versi=sekarang.versi if sekarang else 0,
        **{n: getattr(sekarang, n) if sekarang else "" for n in NARASI},
    )


def _realisasi_item_baru(daftar: list[Item], user) -> None:
    """Checked by the model's own rules (clean: the value fits the indicator), written in bulk
    with their history rows (django-simple-history's bulk_create_with_history)."""
    objek = []
    for rencana in daftar:
        for tw, (angka, predikat) in sorted(rencana.realisasi_tw.items()):
            r = Realisasi(
                item=rencana.item,
                triwulan=tw,
                nilai=angka,
                nilai_predikat=predikat,
                diisi_oleh=user,
            )
            try:
                # The item was just created and the quarter is 1–4: the foreign keys, the
                # uniqueness and the check constraints need no query.
                r.full_clean(
                    exclude=["item", "diisi_oleh"],
                    validate_unique=False,
                    validate_constraints=False,
                )
            except ValidationError as exc:
                raise _Batal(
                    [GalatBaris(rencana.baris.nomor, REALISASI_TW[tw], p) for p in pesan_galat(exc)]
                ) from exc
            objek.append(r)
    if objek:
        bulk_create_with_history(objek, Realisasi, batch_size=500, default_user=user)


def _renstra_baru(satker: Satker, tahun: int, nomor: int) -> Renstra:
    """A Renstra of the satker's own for sasaran the workbook brings: the national period and
    vision when there is a national Renstra for the year (without its sasaran), else the year."""
    nasional = renstra_nasional(tahun)
    if nasional is not None and nasional.satker_id != satker.id:
        renstra = renstra_mengacu(satker, nasional)
    else:
        renstra = Renstra(
            satker=satker,
            tahun_mulai=tahun,
            tahun_selesai=tahun,
            nama=f"Rencana Strategis {satker.nama} {tahun}",
        )
    return _simpan(renstra, nomor)


def _pk_baru(k: Kelompok, renstra: Renstra, nomor: int) -> PerjanjianKinerja:
    """A PK created by the import: the signatory's office is known from the kind, the name is
    left for the PK page (the report prints dotted lines until it is filled)."""
    jabatan = "Ketua" if k.jenis == JenisPK.LEMBAGA else "Sekretaris"
    pk = PerjanjianKinerja(
        satker=k.satker,
        tahun=k.tahun,
        jenis=k.jenis,
        revisi=0,
        renstra=renstra,
        tempat_ttd=k.satker.kota_ttd,
        pihak_pertama_jabatan=f"{jabatan} {k.satker.nama}",
    )
    pk = _simpan(pk, nomor)
    kebijakan_pastikan(satker=k.satker, tahun=k.tahun)
    return pk
