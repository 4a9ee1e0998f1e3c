"""The PK workbook's layout: the sheet, its columns (which are required, their widths) and the
words a person may write in the option columns, with the stored values they stand for.
"""

from ..capaian import TW_ROMAWI
from ..models import Agregasi, JenisNilai, JenisPK, Polaritas, RumusNegatif

BATAS_BARIS = 5000
NAMA_LEMBAR = "PK"
NAMA_LEMBAR_PETUNJUK = "Petunjuk"
PANJANG_TEKS = 2000

K_SATKER = "Kode Satker"
TAHUN = "Tahun"
JENIS_PK = "Jenis PK"
NO_SASARAN = "No Sasaran"
SASARAN = "Sasaran"
KODE_INDIKATOR = "Kode Indikator"
INDIKATOR = "Indikator"
SATUAN = "Satuan"
TARGET = "Target"
JENIS_NILAI = "Jenis Nilai"
POLARITAS = "Polaritas"
RUMUS_NEGATIF = "Rumus Negatif"
AGREGASI = "Agregasi"
TARGET_KEGIATAN = "Target Kegiatan"
TARGET_TW = {tw: f"Target TW {r}" for tw, r in TW_ROMAWI.items()}
REALISASI_TW = {tw: f"Realisasi TW {r}" for tw, r in TW_ROMAWI.items()}
REALISASI = "Realisasi"

KOLOM = (
    K_SATKER,
    TAHUN,
    JENIS_PK,
    NO_SASARAN,
    SASARAN,
    KODE_INDIKATOR,
    INDIKATOR,
    SATUAN,
    JENIS_NILAI,
    POLARITAS,
    RUMUS_NEGATIF,
    AGREGASI,
    TARGET,
    TARGET_KEGIATAN,
    *TARGET_TW.values(),
    *REALISASI_TW.values(),
    REALISASI,
)
KOLOM_WAJIB = (K_SATKER, TAHUN, JENIS_PK, NO_SASARAN, SASARAN, INDIKATOR, SATUAN, TARGET)
LEBAR_KOLOM = {SASARAN: 45, INDIKATOR: 55, K_SATKER: 12, KODE_INDIKATOR: 10, JENIS_NILAI: 12}

# What a person may write in the option columns, to the stored values.
PILIHAN_JENIS_PK = {
    "lembaga": JenisPK.LEMBAGA,
    "kpu": JenisPK.LEMBAGA,
    "kpu (lembaga)": JenisPK.LEMBAGA,
    "sekretariat": JenisPK.SEKRETARIAT,
}
# Jenis Nilai: (jenis_nilai, code of the grade scale)
PILIHAN_JENIS_NILAI = {
    "angka": (JenisNilai.ANGKA, ""),
    "predikat": (JenisNilai.PREDIKAT, "akip"),
    "opini": (JenisNilai.PREDIKAT, "opini-bpk"),
    "ya/tidak": (JenisNilai.YA_TIDAK, ""),
}
PILIHAN_POLARITAS = {"positif": Polaritas.POSITIF, "negatif": Polaritas.NEGATIF}
PILIHAN_RUMUS = {"selisih": RumusNegatif.SELISIH, "rasio": RumusNegatif.RASIO}
PILIHAN_AGREGASI = {
    "kumulatif": Agregasi.KUMULATIF,
    "nilai akhir": Agregasi.NILAI_AKHIR,
    "rata-rata": Agregasi.RATA_RATA,
}
