"""An indicator history (RiwayatCapaian) from and to an Excel workbook: one row per indicator
and earlier year, for one satker Renstra.

The workbook has a sheet "Riwayat" whose first row holds the headers (matched without regard to
case, surrounding spaces or order; other columns are ignored), and a sheet of instructions. It is
read with the PK import's machinery: kinerja.xlsx.baca_lembar for the file-level checks, the PK
import's cell reading (numbers typed the Indonesian way, grades of the indicator's scale,
ya/tidak), its result and preview types (HasilImporPK: new / changed / unchanged rows, every
error with its row and column, the plan's fingerprint). `rencanakan` works out what importing
would change without writing; `impor_riwayat` writes it through services_riwayat.riwayat_simpan
in one transaction, or nothing; `templat_xlsx` writes the indicators of the satker's PKs with the
years before the current one in the Renstra period, and the rows already entered, so that
importing an unchanged download changes nothing.

Rules: an indicator is found by "Kode Indikator", else by its name; a cell left empty changes
nothing (a stored value is cleared on the history page); a new year needs a target or a realisasi;
a year with a PK of the indicator, after the Renstra, or not begun yet is refused, and so is any
change to a year while a later report of the satker is submitted, approved or published.
"""

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from satker.models import Satker

from . import capaian, xlsx
from .impor_pk import BARU, BERUBAH, TETAP, HasilImporPK, Perubahan
from .impor_pk.baca import Galat, nilai_indikator
from .models import (
    Indikator,
    JenisNilai,
    Renstra,
    RiwayatCapaian,
    item_pk_berlaku,
    pesan_tahun_riwayat,
)
from .riwayat import indikator_riwayat
from .services_pk import teks_nilai
from .services_riwayat import pesan_riwayat_terkunci, riwayat_simpan
from .xlsx import GalatBaris

BATAS_BARIS = 5000
NAMA_LEMBAR = "Riwayat"
NAMA_LEMBAR_PETUNJUK = "Petunjuk"
PANJANG_SUMBER = 500

KODE_INDIKATOR = "Kode Indikator"
INDIKATOR = "Indikator"
SATUAN = "Satuan"
TAHUN = "Tahun"
TARGET = "Target"
REALISASI = "Realisasi"
SUMBER = "Sumber"
KOLOM = (KODE_INDIKATOR, INDIKATOR, SATUAN, TAHUN, TARGET, REALISASI, SUMBER)
KOLOM_WAJIB = (TAHUN, TARGET, REALISASI)
LEBAR_KOLOM = {
    KODE_INDIKATOR: 10,
    INDIKATOR: 60,
    SATUAN: 11,
    TAHUN: 8,
    TARGET: 11,
    REALISASI: 11,
    SUMBER: 40,
}


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
class _Rencana:
    baris: BarisRencanaRiwayat
    indikator: Indikator
    riwayat: RiwayatCapaian  # the row as it will be (unsaved changes on a stored row)
    lama: RiwayatCapaian | None  # the stored row, None for a new year


def _teks_bersih(nilai) -> str:
    return " ".join(xlsx.teks(nilai).split())


def _normal(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def _tahun(nilai) -> int:
    teks = xlsx.teks(nilai)
    if not teks:
        raise Galat(TAHUN, f"{TAHUN} wajib diisi.")
    if isinstance(nilai, bool) or not teks.isascii() or not teks.isdigit() or len(teks) != 4:
        raise Galat(TAHUN, f"{TAHUN} harus tahun empat angka, mis. 2022 (tertulis “{teks[:30]}”).")
    return int(teks)


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


def rencanakan(berkas, *, satker: Satker, renstra: Renstra) -> HasilImporPK:
    """Read a history workbook of `satker`'s `renstra` and work out what importing it would
    change, writing nothing. Never raises for a bad file."""
    hasil, _ = _rencanakan(berkas, satker, renstra)
    return hasil


def _rencanakan(berkas, satker: Satker, renstra: Renstra) -> tuple[HasilImporPK, list[_Rencana]]:
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
    katalog = _Katalog(satker, renstra)
    rencana: list[_Rencana] = []
    terpakai: dict[tuple[int, int], int] = {}
    kosong = 0
    for nomor, isi in lembar.baris:
        rumus = [k for (n, k) in lembar.rumus if n == nomor]
        if rumus:
            hasil.galat.extend(GalatBaris(nomor, k, f"{k} {xlsx.PESAN_RUMUS}.") for k in rumus)
            continue
        try:
            r = _rencanakan_baris(katalog, nomor, isi, terpakai)
        except _GalatBarisRiwayat as exc:
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
    hasil.galat.sort(key=lambda g: (g.baris, KOLOM.index(g.kolom) if g.kolom in KOLOM else -1))
    return hasil, rencana


class _GalatBarisRiwayat(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def _rencanakan_baris(katalog: _Katalog, nomor: int, isi: dict, terpakai: dict) -> _Rencana | None:
    galat: list[Galat] = []

    def ambil(fungsi, *args):
        try:
            return fungsi(*args)
        except Galat as exc:
            galat.append(exc)
            return None

    def gagal():
        return _GalatBarisRiwayat([GalatBaris(nomor, g.kolom, g.pesan) for g in galat])

    kode = _teks_bersih(isi.get(KODE_INDIKATOR))
    nama = _teks_bersih(isi.get(INDIKATOR))
    if not kode and not nama:
        galat.append(Galat(KODE_INDIKATOR, f"Isi {KODE_INDIKATOR} (atau {INDIKATOR})."))
        indikator = None
    else:
        indikator = ambil(katalog.cari, kode, nama)
    tahun = ambil(_tahun, isi.get(TAHUN))
    sumber = " ".join(xlsx.teks(isi.get(SUMBER)).split())
    if len(sumber) > PANJANG_SUMBER:
        galat.append(Galat(SUMBER, f"{SUMBER} paling panjang {PANJANG_SUMBER} karakter."))
    if indikator is None:
        raise gagal()
    satuan = _teks_bersih(isi.get(SATUAN))
    if satuan:
        try:
            capaian.periksa_satuan(satuan, indikator.satuan)
        except capaian.SatuanTidakSesuai as exc:
            galat.append(Galat(SATUAN, str(exc)))
    target = ambil(nilai_indikator, indikator, isi.get(TARGET), TARGET)
    realisasi = ambil(nilai_indikator, indikator, isi.get(REALISASI), REALISASI)
    if galat or tahun is None:
        raise gagal()
    kunci = (indikator.id, tahun)
    if kunci in terpakai:
        raise _GalatBarisRiwayat(
            [
                GalatBaris(
                    nomor,
                    TAHUN,
                    f"Indikator {indikator.kode} tahun {tahun} sudah ada di baris "
                    f"{terpakai[kunci]}.",
                )
            ]
        )
    terpakai[kunci] = nomor

    lama = katalog.tersimpan.get(kunci)
    if lama is None and target is None and realisasi is None:
        if not sumber:
            return None  # an empty row of the template: nothing to do
        raise _GalatBarisRiwayat(
            [GalatBaris(nomor, TARGET, "Tahun baru memerlukan target, realisasi, atau keduanya.")]
        )
    baru = RiwayatCapaian(
        id=lama.id if lama else None,
        indikator=indikator,
        tahun=tahun,
        target=lama.target if lama else None,
        target_predikat=lama.target_predikat if lama else "",
        realisasi=lama.realisasi if lama else None,
        realisasi_predikat=lama.realisasi_predikat if lama else "",
        sumber=lama.sumber if lama else "",
    )
    rencana = BarisRencanaRiwayat(
        nomor=nomor, indikator=f"{indikator.kode} {indikator.nama}", tahun=tahun
    )
    for kolom, nama_kolom, pasangan in (
        (TARGET, "target", target),
        (REALISASI, "realisasi", realisasi),
    ):
        if pasangan is None:
            continue
        sebelum = (getattr(baru, nama_kolom), getattr(baru, f"{nama_kolom}_predikat"))
        if sebelum != pasangan or lama is None:
            rencana.perubahan.append(
                Perubahan(
                    kolom,
                    _tampil(indikator, *sebelum) if lama else "",
                    _tampil(indikator, *pasangan),
                )
            )
            setattr(baru, nama_kolom, pasangan[0])
            setattr(baru, f"{nama_kolom}_predikat", pasangan[1])
    if sumber and sumber != " ".join(baru.sumber.split()):
        rencana.perubahan.append(Perubahan(SUMBER, baru.sumber, sumber))
        baru.sumber = sumber
    rencana.status = BARU if lama is None else (BERUBAH if rencana.perubahan else TETAP)

    if rencana.status != TETAP:
        for nama_kolom, kolom in (("target", TARGET), ("realisasi", REALISASI)):
            try:
                baru.periksa_nilai(nama_kolom, wajib=False)
            except ValidationError as exc:
                galat.append(Galat(kolom, f"{kolom}: {' '.join(exc.messages)}"))
        pesan = pesan_tahun_riwayat(katalog.renstra, tahun, katalog.pk.get(kunci))
        if pesan:
            galat.append(Galat(TAHUN, pesan))
        elif pesan := katalog.kunci(tahun):
            galat.append(Galat("", pesan))
        if galat:
            raise gagal()
    rencana.capaian = _teks_capaian(baru.hitung_capaian())
    return _Rencana(rencana, indikator, baru, lama)


# --- Writing --------------------------------------------------------------------------------


class _Batal(Exception):
    def __init__(self, galat: list[GalatBaris]):
        super().__init__(galat[0].pesan)
        self.galat = galat


def impor_riwayat(
    berkas, *, satker: Satker, renstra: Renstra, user=None, sidik: str = ""
) -> HasilImporPK:
    """Import a history workbook: every changed row, in one transaction, or nothing. When
    `sidik` is given and the plan differs from the one previewed (the data changed meanwhile),
    nothing is written and the new plan is returned with diterapkan False."""
    try:
        with transaction.atomic():
            hasil, rencana = _rencanakan(berkas, satker, renstra)
            if not hasil.ok or (sidik and sidik != hasil.sidik):
                return hasil
            for r in rencana:
                if r.baris.status == TETAP:
                    continue
                try:
                    riwayat_simpan(
                        indikator=r.indikator,
                        tahun=r.riwayat.tahun,
                        target=r.riwayat.nilai_dari("target"),
                        realisasi=r.riwayat.nilai_dari("realisasi"),
                        sumber=r.riwayat.sumber,
                        user=user,
                        riwayat=r.lama,
                    )
                except ValidationError as exc:  # includes LaporanTerkunci
                    raise _Batal([GalatBaris(r.baris.nomor, "", p) for p in exc.messages]) from exc
    except _Batal as exc:
        hasil.galat.extend(exc.galat)
        return hasil
    hasil.diterapkan = True
    return hasil


# --- The template ---------------------------------------------------------------------------


def _tahun_templat(renstra: Renstra) -> list[int]:
    """The years before the current one in the Renstra period."""
    akhir = min(renstra.tahun_selesai, timezone.localdate().year - 1)
    return list(range(renstra.tahun_mulai, akhir + 1))


def _nilai_sel(indikator: Indikator, angka, predikat):
    """A value as the import reads it back: numbers as number cells, grades and ya/tidak as
    text."""
    if predikat or indikator.jenis_nilai != JenisNilai.ANGKA:
        return teks_nilai(indikator, angka, predikat) or None
    return xlsx.angka_sel(angka)


def baris_templat(satker: Satker, renstra: Renstra) -> Iterable[tuple[Indikator, int, object]]:
    """(indicator, year, stored row or None) for every row of the template: the indicators of
    the satker's PKs with the years before the current one in the Renstra period that have no PK
    of the indicator, and every row already entered."""
    tahun_templat = _tahun_templat(renstra)
    daftar = indikator_riwayat(satker, renstra)
    pk_tahun = set(
        item_pk_berlaku()
        .filter(indikator__in=daftar)
        .values_list("indikator_id", "pk_induk__tahun")
    )
    for ind in daftar:
        tersimpan = {r.tahun: r for r in ind.riwayat_capaian.all()}
        tahun = {t for t in tahun_templat if (ind.id, t) not in pk_tahun} | set(tersimpan)
        for t in sorted(tahun):
            yield ind, t, tersimpan.get(t)


def templat_xlsx(satker: Satker, renstra: Renstra) -> bytes:
    """The history workbook of a satker Renstra: headers, one row per indicator and earlier
    year (with the values entered so far), grade lists on graded cells, and instructions."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = NAMA_LEMBAR
    xlsx.tulis_judul(lembar, [(k, LEBAR_KOLOM[k]) for k in KOLOM], bungkus=True)
    posisi = {k: i for i, k in enumerate(KOLOM, start=1)}
    validasi_skala: dict[str, DataValidation] = {}
    nomor = 2
    for ind, tahun, r in baris_templat(satker, renstra):
        isi = {
            KODE_INDIKATOR: ind.kode,
            INDIKATOR: ind.nama,
            SATUAN: ind.satuan,
            TAHUN: tahun,
            TARGET: _nilai_sel(ind, r.target, r.target_predikat) if r else None,
            REALISASI: _nilai_sel(ind, r.realisasi, r.realisasi_predikat) if r else None,
            SUMBER: r.sumber if r else "",
        }
        for kolom, nilai in isi.items():
            sel = lembar.cell(row=nomor, column=posisi[kolom])
            if isinstance(nilai, Decimal | int):
                sel.value = nilai
                sel.number_format = "0" if kolom == TAHUN else "#,##0.####"
            else:
                xlsx.tulis_teks(sel, nilai)
                sel.number_format = "@"
            sel.alignment = Alignment(wrap_text=kolom in (INDIKATOR, SUMBER), vertical="top")
        if ind.jenis_nilai == JenisNilai.PREDIKAT and ind.skala:
            kode_skala = ind.skala_nilai.kode
            if kode_skala not in validasi_skala:
                v = DataValidation(
                    type="list", formula1=f'"{",".join(ind.skala)}"', allow_blank=True
                )
                v.error = f"Pilih salah satu: {', '.join(ind.skala)}."
                validasi_skala[kode_skala] = v
                lembar.add_data_validation(v)
            for kolom in (TARGET, REALISASI):
                validasi_skala[kode_skala].add(f"{get_column_letter(posisi[kolom])}{nomor}")
        elif ind.jenis_nilai == JenisNilai.YA_TIDAK:
            if "ya_tidak" not in validasi_skala:
                v = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True)
                validasi_skala["ya_tidak"] = v
                lembar.add_data_validation(v)
            for kolom in (TARGET, REALISASI):
                validasi_skala["ya_tidak"].add(f"{get_column_letter(posisi[kolom])}{nomor}")
        nomor += 1
    lembar.column_dimensions[get_column_letter(posisi[KODE_INDIKATOR])].number_format = "@"
    lembar.page_setup.orientation = "landscape"
    lembar.page_setup.fitToWidth, lembar.page_setup.fitToHeight = 1, 0
    lembar.sheet_properties.pageSetUpPr.fitToPage = True
    lembar.print_title_rows = "1:1"
    _petunjuk(buku.create_sheet(NAMA_LEMBAR_PETUNJUK), satker, renstra)
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _petunjuk(lembar, satker: Satker, renstra: Renstra) -> None:
    wajib = "wajib"
    baris = [
        (f"Petunjuk pengisian riwayat capaian · {satker.nama}", ""),
        ("", ""),
        (
            "Untuk apa",
            "Laporan Kinerja membandingkan capaian tahun ini dengan tahun-tahun sebelumnya dan "
            "dengan target jangka menengah Renstra. Tahun yang Perjanjian Kinerjanya ada di "
            "aplikasi dihitung dari PK itu; lembar ini untuk tahun-tahun lain, diisi dari LKj "
            f"tahun-tahun tersebut. Renstra: {renstra}.",
        ),
        (
            "Cara mengisi",
            f"Isi lembar “{NAMA_LEMBAR}”: satu baris untuk setiap indikator dan tahun. Judul "
            "kolom ada di baris 1 (urutan bebas, huruf besar/kecil tidak berpengaruh, kolom lain "
            "diabaikan). Templat sudah berisi indikator PK satker dengan tahun-tahun sebelum "
            "tahun berjalan dalam periode Renstra yang belum memiliki PK di aplikasi, serta "
            "riwayat yang sudah tersimpan. Baris tanpa target, realisasi dan sumber dilewati. "
            "Sel yang dikosongkan tidak mengubah apa pun: untuk menghapus nilai yang tersimpan, "
            "gunakan halaman riwayat capaian.",
        ),
        ("", ""),
        ("Kolom", "Keterangan"),
        (KODE_INDIKATOR, f"{wajib} (atau {INDIKATOR}); kode indikator pada Renstra, mis. 1.4"),
        (INDIKATOR, "nama indikator; dipakai untuk mencari indikator bila kodenya kosong"),
        (SATUAN, "boleh kosong; bila diisi harus sama dengan satuan indikator"),
        (
            TAHUN,
            f"{wajib}; tahun empat angka, mis. 2022. Tahun yang sudah memiliki PK indikator ini, "
            "tahun sesudah periode Renstra dan tahun yang belum berjalan ditolak",
        ),
        (
            TARGET,
            "target tahun itu sebagaimana tercetak di LKj-nya. Angka boleh angka Excel atau teks "
            "seperti 66,23 (koma desimal, titik pemisah ribuan); predikat dengan kodenya (mis. "
            "BB); ya/tidak dengan ya atau tidak",
        ),
        (REALISASI, "realisasi tahun itu; aturan nilai sama dengan Target"),
        (
            SUMBER,
            f"boleh kosong; dari mana nilainya, mis. LKj 2023, Tabel 3.2 (paling panjang "
            f"{PANJANG_SUMBER} karakter)",
        ),
        ("", ""),
        (
            "Capaian",
            "Capaian tidak diisi: aplikasi menghitungnya dari target dan realisasi dengan aturan "
            "indikator (sama dengan capaian PK). Bila target atau realisasi tidak tercetak, isi "
            "yang ada saja; capaiannya ditampilkan “—” dengan alasannya.",
        ),
        (
            "Catatan",
            "Sebelum disimpan, aplikasi menampilkan pratinjau: baris baru, sel yang berubah dan "
            "yang tetap, serta setiap kesalahan beserta baris dan kolomnya. Impor disimpan "
            "seluruhnya atau tidak sama sekali. Selama laporan tahun berikutnya sedang direviu, "
            "disetujui atau terbit, riwayat tahun-tahun sebelumnya terkunci. Jangan gabungkan "
            "sel (merge).",
        ),
    ]
    xlsx.tulis_petunjuk(
        lembar, baris, tebal={"Kolom", "Untuk apa", "Cara mengisi", "Capaian", "Catatan", *KOLOM}
    )
