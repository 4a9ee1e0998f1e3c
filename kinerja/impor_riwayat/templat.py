"""The history workbook written out: `templat_xlsx` gives the indicators of the satker's PKs with
the years before the current one in the Renstra period and the rows already entered (in the form
the import reads back, so that importing an unchanged download changes nothing), grade lists on
graded cells, and a sheet of instructions.
"""

import io
from collections.abc import Iterable
from decimal import Decimal

import openpyxl
from django.utils import timezone
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from satker.models import Satker

from .. import xlsx
from ..models import Indikator, JenisNilai, Renstra, item_pk_berlaku
from ..riwayat import indikator_riwayat
from ..selectors_pk import teks_nilai
from .baca import (
    INDIKATOR,
    KODE_INDIKATOR,
    KOLOM,
    LEBAR_KOLOM,
    NAMA_LEMBAR,
    NAMA_LEMBAR_PETUNJUK,
    PANJANG_SUMBER,
    REALISASI,
    SATUAN,
    SUMBER,
    TAHUN,
    TARGET,
)


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
        _tulis_baris(lembar, posisi, nomor, _isi_baris(ind, tahun, r))
        _pilihan_nilai(lembar, validasi_skala, posisi, nomor, ind)
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


def _isi_baris(ind: Indikator, tahun: int, r) -> dict:
    return {
        KODE_INDIKATOR: ind.kode,
        INDIKATOR: ind.nama,
        SATUAN: ind.satuan,
        TAHUN: tahun,
        TARGET: _nilai_sel(ind, r.target, r.target_predikat) if r else None,
        REALISASI: _nilai_sel(ind, r.realisasi, r.realisasi_predikat) if r else None,
        SUMBER: r.sumber if r else "",
    }


def _tulis_baris(lembar, posisi: dict, nomor: int, isi: dict) -> None:
    for kolom, nilai in isi.items():
        sel = lembar.cell(row=nomor, column=posisi[kolom])
        if isinstance(nilai, Decimal | int):
            sel.value = nilai
            sel.number_format = "0" if kolom == TAHUN else "#,##0.####"
        else:
            xlsx.tulis_teks(sel, nilai)
            sel.number_format = "@"
        sel.alignment = Alignment(wrap_text=kolom in (INDIKATOR, SUMBER), vertical="top")


def _pilihan_nilai(lembar, validasi_skala: dict, posisi: dict, nomor: int, ind: Indikator):
    """A list of the grades (or ya/tidak) on the target and realisasi cells of a graded
    indicator; one validation per scale, shared by its rows."""
    if ind.jenis_nilai == JenisNilai.PREDIKAT and ind.skala_nilai and ind.skala:
        kode_skala = ind.skala_nilai.kode
        if kode_skala not in validasi_skala:
            v = DataValidation(type="list", formula1=f'"{",".join(ind.skala)}"', allow_blank=True)
            v.error = f"Pilih salah satu: {', '.join(ind.skala)}."
            validasi_skala[kode_skala] = v
            lembar.add_data_validation(v)
    elif ind.jenis_nilai == JenisNilai.YA_TIDAK:
        kode_skala = "ya_tidak"
        if kode_skala not in validasi_skala:
            v = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True)
            validasi_skala[kode_skala] = v
            lembar.add_data_validation(v)
    else:
        return
    for kolom in (TARGET, REALISASI):
        validasi_skala[kode_skala].add(f"{get_column_letter(posisi[kolom])}{nomor}")


def _petunjuk(lembar, satker: Satker, renstra: Renstra) -> None:
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
        *_petunjuk_kolom(),
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


def _petunjuk_kolom() -> list[tuple[str, str]]:
    """What each column of the history sheet holds."""
    wajib = "wajib"
    return [
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
    ]
