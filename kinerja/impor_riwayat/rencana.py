"""The plan of a history import: what each row would change, worked out without writing.

`rencanakan` returns the PK import's `HasilImporPK` with one `BarisRencanaRiwayat` per row;
`rencanakan_rinci` also returns, per row, the `Rencana` (the history row as it will be) that
tulis.py writes. A row is planned by a sequence of small checks: its cells (baca.py), the
indicator and year once per file, the empty row, then target, realisasi and source one column
at a time against what is stored, and the year's rules when something changes.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from satker.kunci import pesan_riwayat_terkunci
from satker.models import Satker

from .. import capaian, xlsx
from ..impor_pk import BARU, BERUBAH, TETAP, HasilImporPK, Perubahan
from ..impor_pk.baca import BarisDitolak, Galat, PengumpulGalat
from ..models import Indikator, Renstra, RiwayatCapaian, item_pk_berlaku, pesan_tahun_riwayat
from ..selectors_pk import teks_nilai
from ..xlsx import GalatBaris
from .baca import (
    BATAS_BARIS,
    INDIKATOR,
    KODE_INDIKATOR,
    KOLOM,
    KOLOM_WAJIB,
    NAMA_LEMBAR,
    REALISASI,
    SUMBER,
    TAHUN,
    TARGET,
    BarisRiwayat,
    baca_baris,
)


@dataclass
class BarisRencanaRiwayat:
    """What importing one row does; `capaian` is the year's capaian after the import."""

    nomor: int
    indikator: str  # "1.4 Nilai Akuntabilitas Kinerja"
    tahun: int
    status: str = TETAP
    perubahan: list[Perubahan] = field(default_factory=list)
    capaian: str = ""


@dataclass
class Rencana:
    baris: BarisRencanaRiwayat
    indikator: Indikator
    riwayat: RiwayatCapaian  # the row as it will be (unsaved changes on a stored row)
    lama: RiwayatCapaian | None  # the stored row, None for a new year


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


class _Katalog:
    """The Renstra's indicators, by code and by name, and what is stored for them; looked up
    once so that planning stays linear in the number of rows."""

    def __init__(self, satker: Satker, renstra: Renstra):
        self.satker, self.renstra = satker, renstra
        indikator = list(
            Indikator.objects.filter(sasaran__renstra=renstra)
            .select_related("sasaran__renstra", "skala_nilai")
            .prefetch_related("skala_nilai__nilai")
        )
        self.per_kode: dict[str, list[Indikator]] = {}
        self.per_nama: dict[str, list[Indikator]] = {}
        for ind in indikator:
            self.per_kode.setdefault(ind.kode.strip().casefold(), []).append(ind)
            self.per_nama.setdefault(_normal(ind.nama), []).append(ind)
        per_id = {i.id: i for i in indikator}
        self.tersimpan: dict[tuple[int, int], RiwayatCapaian] = {}
        for r in RiwayatCapaian.objects.filter(indikator__in=indikator):
            r.indikator = per_id[r.indikator_id]
            self.tersimpan[(r.indikator_id, r.tahun)] = r
        self.pk: dict[tuple[int, int], object] = {}
        for item in (
            item_pk_berlaku().filter(indikator__in=indikator).select_related("pk_induk__satker")
        ):
            self.pk.setdefault((item.indikator_id, item.pk_induk.tahun), item.pk_induk)
        self._kunci: dict[int, str | None] = {}

    def cari(self, kode: str, nama: str) -> Indikator:
        if kode:
            daftar = self.per_kode.get(kode.casefold(), [])
            kolom, tertulis = KODE_INDIKATOR, kode
        else:
            daftar = self.per_nama.get(_normal(nama), [])
            kolom, tertulis = INDIKATOR, nama
        if not daftar:
            raise Galat(
                kolom,
                f"Indikator “{tertulis[:80]}” tidak ada dalam {self.renstra}. Gunakan kode "
                "indikator dari templat.",
            )
        if len(daftar) > 1:
            raise Galat(
                kolom,
                f"“{tertulis[:80]}” cocok dengan {len(daftar)} indikator; "
                + ("isi nama indikatornya." if kode else "isi kode indikatornya."),
            )
        ind = daftar[0]
        # The code decides and a reworded name is accepted, but not the name of another
        # indicator: the row was most likely given the wrong code.
        lain = self.per_nama.get(_normal(nama), []) if kode and nama else []
        if lain and ind not in lain:
            raise Galat(
                INDIKATOR,
                f"Kode {ind.kode} adalah “{ind.nama[:80]}”, tetapi nama di baris ini adalah "
                "indikator lain. Periksa kode indikatornya.",
            )
        return ind

    def kunci(self, tahun: int) -> str | None:
        if tahun not in self._kunci:
            self._kunci[tahun] = pesan_riwayat_terkunci(self.satker, tahun)
        return self._kunci[tahun]


def _tampil(indikator: Indikator, angka, predikat) -> str:
    return teks_nilai(indikator, angka, predikat)


def _teks_capaian(hasil: capaian.Capaian) -> str:
    if hasil.nilai is None:
        return f"— ({hasil.alasan})"
    return f"{hasil.tampil} ({hasil.aturan})"


# --- Planning a workbook --------------------------------------------------------------------


def rencanakan(berkas, *, satker: Satker, renstra: Renstra) -> HasilImporPK:
    """Read a history workbook of `satker`'s `renstra` and work out what importing it would
    change, writing nothing. Never raises for a bad file."""
    hasil, _ = rencanakan_rinci(berkas, satker, renstra)
    return hasil


def rencanakan_rinci(
    berkas, satker: Satker, renstra: Renstra
) -> tuple[HasilImporPK, list[Rencana]]:
    """The plan, and the `Rencana` of every row that is not skipped, for writing."""
    hasil = HasilImporPK()
    try:
        lembar = xlsx.baca_lembar(
            berkas, nama_lembar=NAMA_LEMBAR, kolom=KOLOM, wajib=KOLOM_WAJIB, batas_baris=BATAS_BARIS
        )
    except xlsx.GalatBuku as exc:
        hasil.galat.append(GalatBaris(0, "", str(exc)))
        return hasil, []
    if KODE_INDIKATOR not in lembar.kolom and INDIKATOR not in lembar.kolom:
        hasil.galat.append(
            GalatBaris(
                0,
                "",
                f"Lembar “{NAMA_LEMBAR}” tidak memiliki kolom “{KODE_INDIKATOR}” atau "
                f"“{INDIKATOR}”. Judul kolom ada di baris 1.",
            )
        )
        return hasil, []
    hasil.catatan.extend(lembar.catatan)
    hasil.dibaca = len(lembar.baris)
    rencana = _rencanakan_lembar(lembar, _Katalog(satker, renstra), hasil)
    hasil.galat.sort(key=lambda g: (g.baris, KOLOM.index(g.kolom) if g.kolom in KOLOM else -1))
    return hasil, rencana


def _rencanakan_lembar(lembar, katalog: _Katalog, hasil: HasilImporPK) -> list[Rencana]:
    rencana: list[Rencana] = []
    terpakai: dict[tuple[int, int], int] = {}
    kosong = 0
    for nomor, isi in lembar.baris:
        rumus = [k for (n, k) in lembar.rumus if n == nomor]
        if rumus:
            hasil.galat.extend(GalatBaris(nomor, k, f"{k} {xlsx.PESAN_RUMUS}.") for k in rumus)
            continue
        try:
            r = _rencanakan_baris(katalog, nomor, isi, terpakai)
        except BarisDitolak as exc:
            hasil.galat.extend(exc.galat)
            continue
        if r is None:
            kosong += 1
            continue
        rencana.append(r)
        hasil.baris.append(r.baris)
    if kosong:
        hasil.catatan.append(
            f"{kosong} baris tanpa target, realisasi dan sumber dilewati (tidak mengubah apa pun)."
        )
    return rencana


# --- Planning a row -------------------------------------------------------------------------


def _rencanakan_baris(katalog: _Katalog, nomor: int, isi: dict, terpakai: dict) -> Rencana | None:
    b = baca_baris(nomor, isi, katalog.cari)
    kunci = _periksa_ganda(b, terpakai)
    lama = katalog.tersimpan.get(kunci)
    if lama is None and b.target is None and b.realisasi is None:
        if not b.sumber:
            return None  # an empty row of the template: nothing to do
        raise BarisDitolak(
            [GalatBaris(nomor, TARGET, "Tahun baru memerlukan target, realisasi, atau keduanya.")]
        )
    baru = _salinan(lama, b)
    rencana = BarisRencanaRiwayat(
        nomor=nomor, indikator=f"{b.indikator.kode} {b.indikator.nama}", tahun=b.tahun
    )
    nilai = ((TARGET, "target", b.target), (REALISASI, "realisasi", b.realisasi))
    for kolom, nama_kolom, pasangan in nilai:
        _banding_nilai(rencana, baru, lama, kolom, nama_kolom, pasangan)
    if b.sumber and b.sumber != " ".join(baru.sumber.split()):
        rencana.perubahan.append(Perubahan(SUMBER, baru.sumber, b.sumber))
        baru.sumber = b.sumber
    rencana.status = BARU if lama is None else (BERUBAH if rencana.perubahan else TETAP)
    if rencana.status != TETAP:
        _periksa_tahun(katalog, baru, kunci, nomor)
    rencana.capaian = _teks_capaian(baru.hitung_capaian())
    return Rencana(rencana, b.indikator, baru, lama)


def _periksa_ganda(b: BarisRiwayat, terpakai: dict) -> tuple[int, int]:
    """Each indicator and year once per file."""
    kunci = (b.indikator.id, b.tahun)
    if kunci in terpakai:
        pesan = (
            f"Indikator {b.indikator.kode} tahun {b.tahun} sudah ada di baris {terpakai[kunci]}."
        )
        raise BarisDitolak([GalatBaris(b.nomor, TAHUN, pesan)])
    terpakai[kunci] = b.nomor
    return kunci


def _salinan(lama: RiwayatCapaian | None, b: BarisRiwayat) -> RiwayatCapaian:
    """The history row as stored (empty for a new year), to take the row's changes."""
    return RiwayatCapaian(
        id=lama.id if lama else None,
        indikator=b.indikator,
        tahun=b.tahun,
        target=lama.target if lama else None,
        target_predikat=lama.target_predikat if lama else "",
        realisasi=lama.realisasi if lama else None,
        realisasi_predikat=lama.realisasi_predikat if lama else "",
        sumber=lama.sumber if lama else "",
    )


def _banding_nilai(rencana, baru: RiwayatCapaian, lama, kolom, nama_kolom, pasangan) -> None:
    """Target or realisasi: an empty cell changes nothing; a new year lists every value."""
    if pasangan is None:
        return
    sebelum = (getattr(baru, nama_kolom), getattr(baru, f"{nama_kolom}_predikat"))
    if sebelum != pasangan or lama is None:
        indikator = baru.indikator
        rencana.perubahan.append(
            Perubahan(
                kolom,
                _tampil(indikator, *sebelum) if lama else "",
                _tampil(indikator, *pasangan),
            )
        )
        setattr(baru, nama_kolom, pasangan[0])
        setattr(baru, f"{nama_kolom}_predikat", pasangan[1])


def _periksa_tahun(katalog: _Katalog, baru: RiwayatCapaian, kunci, nomor: int) -> None:
    """A changed row: its values by the model's rules, and a year that may take history (no
    PK of the indicator, within the Renstra, begun, not locked by a later report)."""
    g = PengumpulGalat()
    for nama_kolom, kolom in (("target", TARGET), ("realisasi", REALISASI)):
        try:
            baru.periksa_nilai(nama_kolom, wajib=False)
        except ValidationError as exc:
            g.tambah(Galat(kolom, f"{kolom}: {' '.join(exc.messages)}"))
    pesan = pesan_tahun_riwayat(katalog.renstra, baru.tahun, katalog.pk.get(kunci))
    if pesan:
        g.tambah(Galat(TAHUN, pesan))
    elif pesan := katalog.kunci(baru.tahun):
        g.tambah(Galat("", pesan))
    g.periksa(nomor)
