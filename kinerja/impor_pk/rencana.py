"""Working out the plan of a PK import (hasil.py): what each row would change, without writing.

`rencanakan_kelompok` also groups the plan by satker-year-kind (`Kelompok`, one `Item` per row)
for tulis.py. A row is planned by a sequence of small checks: the sasaran text, the indicator
(found, or new), its definition one column at a time, then its value cells one column at a time
against what is stored.
"""

from collections.abc import Callable

from satker.kunci import DataTerkunci, periksa_data_terbuka
from satker.models import Satker

from .. import xlsx
from ..models import (
    Agregasi,
    Indikator,
    ItemPK,
    JenisNilai,
    JenisPK,
    PerjanjianKinerja,
    Polaritas,
    RumusNegatif,
)
from ..selectors_pk import renstra_satker
from ..xlsx import GalatBaris
from .baca import (
    Baris,
    BarisDitolak,
    Galat,
    NilaiBaris,
    Pembaca,
    nilai_baris,
    tampil,
    teks_kegiatan,
)
from .hasil import BARU, BERUBAH, BarisRencana, HasilImporPK, Item, Kelompok, Perubahan, nama_normal
from .kolom import (
    AGREGASI,
    BATAS_BARIS,
    INDIKATOR,
    JENIS_NILAI,
    KODE_INDIKATOR,
    KOLOM,
    KOLOM_WAJIB,
    NAMA_LEMBAR,
    POLARITAS,
    REALISASI_TW,
    RUMUS_NEGATIF,
    SASARAN,
    SATUAN,
    TARGET,
    TARGET_KEGIATAN,
    TARGET_TW,
)

# --- Planning a workbook --------------------------------------------------------------------


def rencanakan(berkas, *, satker_boleh: Callable[[Satker], bool] | None = None) -> HasilImporPK:
    """Read a PK workbook and work out what importing it would change, writing nothing.
    `satker_boleh(satker)` says whether the user may change that satker's PKs (None: any).
    Never raises for a bad file."""
    hasil, _ = rencanakan_kelompok(berkas, satker_boleh)
    return hasil


def rencanakan_kelompok(berkas, satker_boleh) -> tuple[HasilImporPK, list[Kelompok]]:
    """The plan, and the same plan grouped by satker-year-kind for writing."""
    hasil = HasilImporPK()
    try:
        lembar = xlsx.baca_lembar(
            berkas, nama_lembar=NAMA_LEMBAR, kolom=KOLOM, wajib=KOLOM_WAJIB, batas_baris=BATAS_BARIS
        )
    except xlsx.GalatBuku as exc:
        hasil.galat.append(GalatBaris(0, "", str(exc)))
        return hasil, []
    hasil.catatan.extend(lembar.catatan)
    hasil.dibaca = len(lembar.baris)
    pembaca = Pembaca(satker_boleh)
    kelompok: dict[tuple, Kelompok] = {}
    for nomor, isi in lembar.baris:
        rumus = [k for (n, k) in lembar.rumus if n == nomor]
        if rumus:
            hasil.galat.extend(GalatBaris(nomor, k, f"{k} {xlsx.PESAN_RUMUS}.") for k in rumus)
            continue
        _rencanakan_isi(pembaca, kelompok, nomor, isi, hasil)
    hasil.catatan.extend(_catatan_pk_baru(kelompok.values()))
    hasil.galat.sort(key=lambda g: (g.baris, KOLOM.index(g.kolom) if g.kolom in KOLOM else -1))
    return hasil, list(kelompok.values())


def _rencanakan_isi(pembaca: Pembaca, kelompok: dict, nomor: int, isi: dict, hasil) -> None:
    """One row read, put in its group and planned; what is wrong with it goes to `hasil`."""
    try:
        baris = pembaca.baca(nomor, isi)
    except BarisDitolak as exc:
        hasil.galat.extend(exc.galat)
        return
    kunci = (baris.satker.id, baris.tahun, baris.jenis)
    if kunci not in kelompok:
        try:
            kelompok[kunci] = _kelompok(baris)
        except DataTerkunci as exc:
            hasil.galat.append(GalatBaris(nomor, "", " ".join(exc.messages)))
            return
    try:
        _rencanakan_baris(kelompok[kunci], baris, hasil)
    except Galat as exc:
        hasil.galat.append(GalatBaris(nomor, exc.kolom, exc.pesan))
    except BarisDitolak as exc:
        hasil.galat.extend(exc.galat)


def _catatan_pk_baru(kelompok) -> list[str]:
    return [
        f"Perjanjian Kinerja {JenisPK(k.jenis).label} {k.satker.nama} tahun {k.tahun} "
        "belum ada: PK dibuat oleh impor ini. Lengkapi penandatangannya di halaman PK."
        for k in kelompok
        if k.pk is None and k.item
    ]


def _kelompok(baris: Baris) -> Kelompok:
    satker, tahun, jenis = baris.satker, baris.tahun, baris.jenis
    periksa_data_terbuka(satker, tahun, jenis)
    pk = (
        PerjanjianKinerja.objects.dengan_item()
        .filter(satker=satker, tahun=tahun, jenis=jenis)
        .terkini()
        .first()
    )
    renstra = pk.renstra if pk else renstra_satker(satker, tahun)
    sasaran = {}
    if renstra is not None:
        sasaran = {
            s.nomor: s
            for s in renstra.sasaran.prefetch_related(
                "indikator__skala_nilai__nilai", "indikator__sasaran"
            )
        }
    return Kelompok(satker, tahun, jenis, pk, renstra, sasaran)


# --- Planning a row -------------------------------------------------------------------------


def _rencanakan_baris(k: Kelompok, baris: Baris, hasil: HasilImporPK) -> None:
    pertama = _periksa_teks_sasaran(k, baris)
    ada = _periksa_indikator(k, baris)
    rencana = BarisRencana(
        nomor=baris.nomor,
        satker=f"{k.satker.kode} {k.satker.nama}",
        tahun=k.tahun,
        jenis=JenisPK(k.jenis).label,
        sasaran=str(baris.no_sasaran),
        indikator=baris.indikator,
    )
    sasaran = k.sasaran.get(baris.no_sasaran)
    _banding_sasaran(rencana, sasaran, baris, pertama)
    if ada is None:
        indikator = _definisi_baru(sasaran, baris, rencana)
    else:
        indikator = _definisi_lama(ada, baris, rencana)
    rencana.indikator = f"{indikator.kode} {baris.indikator}" if indikator.kode else baris.indikator
    if indikator.jenis_nilai == JenisNilai.PREDIKAT and indikator.skala_nilai is None:
        raise Galat(JENIS_NILAI, "Indikator predikat memerlukan skala: isi Jenis Nilai.")
    ubah_indikator = any(p.kolom != SASARAN for p in rencana.perubahan)
    item = k.item_indikator.get(ada.id) if ada is not None else None
    rencana_item = Item(baris, rencana, indikator, item, sasaran, ubah_indikator=ubah_indikator)
    nilai = nilai_baris(indikator, baris)
    for banding in _BANDING:
        banding(rencana_item, nilai)
    rencana_item.ubah_item = item is None or any(p.kolom in _KOLOM_ITEM for p in rencana.perubahan)
    _tetapkan_status(rencana, item)
    k.item.append(rencana_item)
    hasil.baris.append(rencana)


def _tetapkan_status(rencana: BarisRencana, item: ItemPK | None) -> None:
    if rencana.status != BARU:
        if item is None:
            rencana.status = BARU  # an indicator of the Renstra that enters the PK
        elif rencana.perubahan:
            rencana.status = BERUBAH


def _periksa_teks_sasaran(k: Kelompok, baris: Baris) -> tuple[str, int]:
    """One text per sasaran number within the file: the (text, row) where it first appears."""
    pertama = k.sasaran_teks.setdefault(baris.no_sasaran, (baris.sasaran, baris.nomor))
    if pertama[0] != baris.sasaran:
        raise Galat(
            SASARAN,
            f"Sasaran {baris.no_sasaran} sudah bertuliskan lain di baris {pertama[1]}; satu nomor "
            "sasaran hanya boleh satu teks.",
        )
    return pertama


def _periksa_indikator(k: Kelompok, baris: Baris) -> Indikator | None:
    """The stored indicator of the row (None: a new one); each indicator once per file."""
    ada = _cari_indikator(k, baris)
    kunci = (
        ada.id
        if ada is not None
        else (baris.no_sasaran, baris.kode_indikator or nama_normal(baris.indikator))
    )
    if kunci in k.terpakai:
        raise Galat(INDIKATOR, f"Indikator ini sudah ada di baris {k.terpakai[kunci]}.")
    k.terpakai[kunci] = baris.nomor
    return ada


def _cari_indikator(k: Kelompok, baris: Baris) -> Indikator | None:
    if baris.kode_indikator:
        ind = k.indikator_kode.get(baris.kode_indikator)
        if ind is not None and ind.sasaran.nomor != baris.no_sasaran:
            raise Galat(
                KODE_INDIKATOR,
                f"Indikator {ind.kode} termasuk sasaran {ind.sasaran.nomor}, bukan sasaran "
                f"{baris.no_sasaran}.",
            )
        return ind
    return k.indikator_nama.get((baris.no_sasaran, nama_normal(baris.indikator)))


def _banding_sasaran(rencana: BarisRencana, sasaran, baris: Baris, pertama) -> None:
    if sasaran is not None and " ".join(sasaran.teks.split()) != baris.sasaran:
        rencana.perubahan.append(Perubahan(SASARAN, sasaran.teks, baris.sasaran))
    elif sasaran is None and pertama[1] == baris.nomor:
        # A new sasaran, on its first row.
        rencana.perubahan.append(Perubahan(SASARAN, "", baris.sasaran))


# --- The indicator's definition, one column at a time ---------------------------------------

# Column, attribute of Indikator, attribute of Baris, and the choices that label the value.
_DEFINISI = (
    (INDIKATOR, "nama", "indikator", None),
    (SATUAN, "satuan", "satuan", None),
    (JENIS_NILAI, "jenis_nilai", "jenis_nilai", JenisNilai),
    (POLARITAS, "polaritas", "polaritas", Polaritas),
    (RUMUS_NEGATIF, "rumus_negatif", "rumus_negatif", RumusNegatif),
    (AGREGASI, "agregasi", "agregasi", Agregasi),
)


def _definisi_baru(sasaran, baris: Baris, rencana: BarisRencana) -> Indikator:
    """A new indicator defined by the row; the preview lists what it will be, so that it can
    be checked against the PK."""
    indikator = Indikator(
        sasaran=sasaran,
        kode=baris.kode_indikator,
        nama=baris.indikator,
        satuan=baris.satuan,
        jenis_nilai=baris.jenis_nilai or JenisNilai.ANGKA,
        skala_nilai=baris.skala,
        polaritas=baris.polaritas or Polaritas.POSITIF,
        rumus_negatif=baris.rumus_negatif or RumusNegatif.SELISIH,
        agregasi=baris.agregasi or Agregasi.NILAI_AKHIR,
    )
    rencana.status = BARU
    rencana.perubahan.append(Perubahan(SATUAN, "", baris.satuan))
    for kolom, _, attr_baris, pilihan in _DEFINISI[2:]:
        nilai = getattr(baris, attr_baris)
        if nilai is not None:
            rencana.perubahan.append(Perubahan(kolom, "", str(pilihan(nilai).label)))
    return indikator


def _definisi_lama(ada: Indikator, baris: Baris, rencana: BarisRencana) -> Indikator:
    """The stored indicator, with the row's definition written over it."""
    for kolom, attr, attr_baris, label in _DEFINISI:
        _ubah_atribut(ada, rencana.perubahan, kolom, attr, getattr(baris, attr_baris), label)
    _ubah_skala(ada, baris, rencana.perubahan)
    return ada


def _ubah_atribut(indikator: Indikator, ubah: list, kolom, attr, baru, label) -> None:
    """One column of the definition: an empty cell changes nothing."""
    lama = getattr(indikator, attr)
    if baru is None or " ".join(str(lama).split()) == baru:
        return
    teks = (lambda v: label(v).label) if label else str
    ubah.append(Perubahan(kolom, teks(lama), teks(baru)))
    setattr(indikator, attr, baru)


def _ubah_skala(indikator: Indikator, baris: Baris, ubah: list) -> None:
    """The grade scale follows Jenis Nilai (predikat or opini), when that column is filled."""
    if baris.jenis_nilai is None:
        return
    skala_baru = baris.skala if baris.jenis_nilai == JenisNilai.PREDIKAT else None
    if (skala_baru.id if skala_baru else None) == indikator.skala_nilai_id:
        return
    if not any(p.kolom == JENIS_NILAI for p in ubah):
        ubah.append(Perubahan(JENIS_NILAI, str(indikator.skala_nilai), str(skala_baru)))
    indikator.skala_nilai = skala_baru


# --- The value cells, one column at a time: only cells with a value count; each is compared
# with what is stored.


def _banding_target(r: Item, n: NilaiBaris) -> None:
    lama = (r.item.target, r.item.target_predikat) if r.item else None
    if n.target != lama:
        r.rencana.perubahan.append(
            Perubahan(TARGET, tampil(r.indikator, lama), tampil(r.indikator, n.target))
        )
        r.target = n.target


def _banding_target_kegiatan(r: Item, n: NilaiBaris) -> None:
    if n.kegiatan is None:
        return
    lama = (r.item.target_kegiatan, r.item.satuan_kegiatan) if r.item else (None, "")
    baru = (n.kegiatan[0], n.kegiatan[1] or lama[1])
    if lama[0] is None or (lama[0], lama[1]) != baru:
        r.rencana.perubahan.append(
            Perubahan(TARGET_KEGIATAN, teks_kegiatan(*lama), teks_kegiatan(*baru))
        )
        r.target_kegiatan = baru


def _banding_target_tw(r: Item, n: NilaiBaris) -> None:
    tersimpan = (
        {t.triwulan: (t.target, t.target_predikat) for t in r.item.target_triwulan.all()}
        if r.item
        else {}
    )
    _banding_triwulan(r, TARGET_TW, n.target_tw, tersimpan, r.target_tw)


def _banding_realisasi_tw(r: Item, n: NilaiBaris) -> None:
    """The year's realisasi without quarters is the TW IV realisasi."""
    realisasi_tw = n.realisasi_tw
    if n.tahunan is not None and not any(v is not None for v in realisasi_tw.values()):
        realisasi_tw[4] = n.tahunan
    tersimpan = (
        {x.triwulan: (x.nilai, x.nilai_predikat) for x in r.item.realisasi.all()} if r.item else {}
    )
    _banding_triwulan(r, REALISASI_TW, realisasi_tw, tersimpan, r.realisasi_tw)


def _banding_triwulan(r: Item, kolom: dict, nilai_tw: dict, tersimpan: dict, tujuan: dict):
    """Quarter cells with a value that differ from the stored pair go into `tujuan`."""
    for tw, baru in nilai_tw.items():
        if baru is None:
            continue
        lama = tersimpan.get(tw)
        if lama != baru:
            r.rencana.perubahan.append(
                Perubahan(kolom[tw], tampil(r.indikator, lama), tampil(r.indikator, baru))
            )
            tujuan[tw] = baru


# In the order the preview lists them.
_BANDING = (_banding_target, _banding_target_kegiatan, _banding_target_tw, _banding_realisasi_tw)
# Columns whose change is written on the PK item.
_KOLOM_ITEM = (TARGET, TARGET_KEGIATAN, *TARGET_TW.values())
