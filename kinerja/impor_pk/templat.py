"""The PK workbook written out: `templat_xlsx` gives the headers, a satker-year's PKs in force
(one row per indicator, in the form the import reads back, so that importing an unchanged export
changes nothing) and a sheet of instructions.
"""

import io
from decimal import Decimal

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from satker.models import Satker

from .. import xlsx
from ..models import Indikator, ItemPK, JenisNilai, PerjanjianKinerja
from ..selectors_pk import teks_nilai
from .baca import teks_kegiatan
from .kolom import (
    AGREGASI,
    BATAS_BARIS,
    INDIKATOR,
    JENIS_NILAI,
    JENIS_PK,
    K_SATKER,
    KODE_INDIKATOR,
    KOLOM,
    LEBAR_KOLOM,
    NAMA_LEMBAR,
    NAMA_LEMBAR_PETUNJUK,
    NO_SASARAN,
    PILIHAN_AGREGASI,
    POLARITAS,
    REALISASI,
    REALISASI_TW,
    RUMUS_NEGATIF,
    SASARAN,
    SATUAN,
    TAHUN,
    TARGET,
    TARGET_KEGIATAN,
    TARGET_TW,
)


def templat_xlsx(satker: Satker | None = None, tahun: int | None = None) -> bytes:
    """The PK workbook: headers, the satker-year's PKs in force when there are any (every
    indicator with its targets and realisasi), and a sheet of instructions."""
    buku = openpyxl.Workbook()
    lembar = buku.active
    lembar.title = NAMA_LEMBAR
    xlsx.tulis_judul(lembar, [(k, LEBAR_KOLOM.get(k, 11)) for k in KOLOM], bungkus=True)
    posisi = {k: i for i, k in enumerate(KOLOM, start=1)}
    nomor = 2
    if satker is not None and tahun is not None:
        pk_list = (
            PerjanjianKinerja.objects.dengan_item()
            .untuk_satker_tahun(satker, tahun)
            .terkini()
            .order_by("jenis")
        )
        for pk in pk_list:
            for item in pk.item.all():
                for kolom, nilai in _baris_templat(pk, item).items():
                    sel = lembar.cell(row=nomor, column=posisi[kolom])
                    if isinstance(nilai, Decimal | int):
                        sel.value = nilai
                        sel.number_format = "0" if kolom in (TAHUN, NO_SASARAN) else "#,##0.####"
                    else:
                        xlsx.tulis_teks(sel, nilai)
                        sel.number_format = "@"
                nomor += 1
    for kolom in (K_SATKER, KODE_INDIKATOR):
        lembar.column_dimensions[get_column_letter(posisi[kolom])].number_format = "@"
    for kolom, pilihan in (
        (JENIS_PK, "lembaga,sekretariat"),
        (JENIS_NILAI, "angka,predikat,opini,ya/tidak"),
        (POLARITAS, "positif,negatif"),
        (RUMUS_NEGATIF, "selisih,rasio"),
        (AGREGASI, "kumulatif,nilai akhir,rata-rata"),
    ):
        huruf = get_column_letter(posisi[kolom])
        validasi = DataValidation(type="list", formula1=f'"{pilihan}"', allow_blank=True)
        validasi.error = f"Pilih salah satu: {pilihan.replace(',', ', ')}."
        validasi.add(f"{huruf}2:{huruf}{BATAS_BARIS + 1}")
        lembar.add_data_validation(validasi)
    _petunjuk(buku.create_sheet(NAMA_LEMBAR_PETUNJUK))
    keluaran = io.BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _nilai_sel(indikator: Indikator, angka, predikat):
    """A value as the import reads it back: numbers as numbers, grades and ya/tidak as text."""
    if predikat or indikator.jenis_nilai != JenisNilai.ANGKA:
        return teks_nilai(indikator, angka, predikat)
    return xlsx.angka_sel(angka)


def _baris_templat(pk: PerjanjianKinerja, item: ItemPK) -> dict:
    ind = item.indikator
    if ind.jenis_nilai == JenisNilai.PREDIKAT:
        jenis_nilai = (
            "opini" if ind.skala_nilai and ind.skala_nilai.kode == "opini-bpk" else "predikat"
        )
    else:
        jenis_nilai = {"angka": "angka", "ya_tidak": "ya/tidak"}[ind.jenis_nilai]
    baris = {
        K_SATKER: pk.satker.kode,
        TAHUN: pk.tahun,
        JENIS_PK: pk.jenis,
        NO_SASARAN: ind.sasaran.nomor,
        SASARAN: ind.sasaran.teks,
        KODE_INDIKATOR: ind.kode,
        INDIKATOR: ind.nama,
        SATUAN: ind.satuan,
        JENIS_NILAI: jenis_nilai,
        POLARITAS: ind.polaritas,
        RUMUS_NEGATIF: ind.rumus_negatif,
        AGREGASI: {v.value: k for k, v in PILIHAN_AGREGASI.items()}[ind.agregasi],
        TARGET: _nilai_sel(ind, item.target, item.target_predikat),
        TARGET_KEGIATAN: teks_kegiatan(item.target_kegiatan, item.satuan_kegiatan),
    }
    for t in item.target_triwulan.all():
        baris[TARGET_TW[t.triwulan]] = _nilai_sel(ind, t.target, t.target_predikat)
    for r in item.realisasi.all():
        baris[REALISASI_TW[r.triwulan]] = _nilai_sel(ind, r.nilai, r.nilai_predikat)
    return {k: v for k, v in baris.items() if v is not None and v != ""}


def _petunjuk(lembar) -> None:
    baris = [
        ("Petunjuk pengisian Perjanjian Kinerja", ""),
        ("", ""),
        (
            "Cara mengisi",
            f"Isi lembar “{NAMA_LEMBAR}”: satu baris untuk setiap indikator. Judul kolom ada di "
            "baris 1 (urutan bebas, huruf besar/kecil tidak berpengaruh, kolom lain diabaikan). "
            "Satu berkas boleh memuat beberapa satker, tahun dan jenis PK. Baris kosong "
            f"dilewati; paling banyak {xlsx._ribuan(BATAS_BARIS)} baris, ukuran berkas paling "
            f"besar {xlsx.BATAS_BYTE // (1024 * 1024)} MB. Sel yang dikosongkan tidak mengubah "
            "apa pun: target triwulan dan realisasi yang sudah tersimpan tidak dihapus oleh sel "
            "kosong (hapus lewat halaman PK atau halaman realisasi). Indikator yang tidak ada di "
            "berkas tidak dihapus dari PK.",
        ),
        ("", ""),
        ("Kolom", "Keterangan"),
        *_petunjuk_kolom(),
        ("", ""),
        (
            "Catatan",
            "Sebelum disimpan, aplikasi menampilkan pratinjau: indikator baru, sel yang berubah "
            "dan yang tetap, serta setiap kesalahan beserta baris dan kolomnya. Impor disimpan "
            "seluruhnya atau tidak sama sekali. Bila berisi rumus, nilai hasil rumus yang "
            "tersimpan yang dibaca; simpan berkas di Excel sebelum diunggah. Jangan gabungkan "
            "sel (merge).",
        ),
    ]
    xlsx.tulis_petunjuk(lembar, baris, tebal={"Kolom", "Cara mengisi", "Catatan", *KOLOM})


def _petunjuk_kolom() -> list[tuple[str, str]]:
    """What each column of the PK sheet holds."""
    wajib = "wajib"
    return [
        (K_SATKER, f"{wajib}; kode wilayah satker, contoh 18.03 (tulis sebagai teks)"),
        (TAHUN, f"{wajib}; tahun PK, contoh 2023"),
        (JENIS_PK, f"{wajib}; lembaga atau sekretariat"),
        (NO_SASARAN, f"{wajib}; nomor sasaran strategis, contoh 1"),
        (SASARAN, f"{wajib}; teks sasaran; satu nomor sasaran satu teks"),
        (
            KODE_INDIKATOR,
            "boleh kosong; kode indikator pada Renstra (contoh 1.2). Bila diisi, indikator dicari "
            "menurut kodenya, sehingga namanya boleh diubah; bila kosong, menurut namanya",
        ),
        (INDIKATOR, f"{wajib}; nama indikator kinerja"),
        (SATUAN, f"{wajib}; contoh %, dokumen, orang, predikat"),
        (JENIS_NILAI, "angka (bawaan), predikat (AA–D), opini (WTP, WDP, TW, TMP) atau ya/tidak"),
        (POLARITAS, "positif (bawaan; makin tinggi makin baik) atau negatif"),
        (RUMUS_NEGATIF, "untuk polaritas negatif: selisih (bawaan) atau rasio"),
        (AGREGASI, "kumulatif, nilai akhir (bawaan) atau rata-rata realisasi triwulan"),
        (
            TARGET,
            f"{wajib}; target tahunan. Angka boleh angka Excel atau teks seperti 66,23 atau "
            "0,16 % atau 1.250 (titik pemisah ribuan, koma desimal); predikat dengan kodenya "
            "(mis. BB); ya/tidak dengan ya atau tidak",
        ),
        (TARGET_KEGIATAN, "boleh kosong; contoh 5 atau 5 orang"),
        ("Target TW I … IV", "boleh kosong; target per triwulan, aturan nilai sama dengan Target"),
        ("Realisasi TW I … IV", "boleh kosong; realisasi per triwulan"),
        (
            REALISASI,
            "boleh kosong; realisasi tahun ini bila realisasi triwulan tidak diisi (dicatat "
            "sebagai realisasi TW IV). Bila triwulan diisi, harus sama dengan hasil agregasinya",
        ),
    ]
