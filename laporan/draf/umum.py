"""The phrase helpers every chapter's drafts share, and the legal references they cite.

Joining blocks (`paragraf`, `daftar`, `sebut`), staff text and values as printed (`bersih`,
`ada`, `nilai`), names of indicators, sasaran and the PK, comparisons at displayed precision
(`di_bawah`, `perubahan`, `kategori`) and the sentences several chapters print alike
(`kebijakan_batas`, `kalimat_status`).
"""

import re
from collections.abc import Iterable
from decimal import Decimal

from nilai import bulatkan, tulis_persen

from ..data import DataLaporan, IndikatorLaporan, RiwayatTahun, SasaranLaporan

SERATUS = Decimal(100)
BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
PERPRES_SAKIP = (
    "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
    "Pemerintah"
)
PERMENPAN_LKJ = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 "
    "tentang Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas "
    "Laporan Kinerja Instansi Pemerintah"
)
KOSONG = {"", "—", "-", "None", "nan"}


def paragraf(*bagian: str | None) -> str:
    """Blocks (paragraphs or lists) joined by blank lines; empty blocks are left out."""
    return "\n\n".join(b.strip() for b in bagian if b and b.strip())


def daftar(butir: Iterable[str]) -> str:
    return "\n".join(f"- {b}" for b in butir)


def sebut(butir: list[str]) -> str:
    """ "a", "a dan b", "a, b, dan c"."""
    if len(butir) <= 2:
        return " dan ".join(butir)
    return f"{', '.join(butir[:-1])}, dan {butir[-1]}"


def _tanggal(tanggal) -> str:
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def bersih(teks: str | None) -> str:
    """Staff text on one line, without stray whitespace."""
    return " ".join((teks or "").split())


def ada(teks: str | None) -> bool:
    return teks is not None and str(teks).strip() not in KOSONG


def nilai(ind: IndikatorLaporan, teks: str | None) -> str | None:
    """A target or realisasi with its unit ("12 kali", "95 %", "BB"); None when absent."""
    if not ada(teks):
        return None
    teks = str(teks).strip()
    satuan = (ind.satuan or "").strip()
    if ind.jenis_nilai == "angka" and satuan and satuan != "%" and not teks.endswith(satuan):
        return f"{teks} {satuan}"
    return teks


def kode_indikator(daftar: list[IndikatorLaporan]) -> str:
    return sebut([i.kode for i in daftar])


def nama_sasaran(s: SasaranLaporan) -> str:
    return f"{s.sebutan} “{bersih(s.teks)}”"


def aturan(teks: str) -> str:
    teks = teks.strip()
    return teks[:1].lower() + teks[1:] if teks[:1].isupper() else teks


def di_bawah(nilai: Decimal | None) -> bool:
    return nilai is not None and bulatkan(nilai) < SERATUS


def perubahan(lama: Decimal, tahun_lama: int, baru: Decimal, tahun_baru: int) -> str:
    """ "naik dari 90,00 % pada 2022 menjadi 96,35 % pada 2023" (or turun / sama)."""
    a, b = bulatkan(lama), bulatkan(baru)
    if a == b:
        return (
            f"sama dengan capaian pada {tahun_lama}, yaitu {tulis_persen(baru)} pada {tahun_baru}"
        )
    arah = "naik" if b > a else "turun"
    return (
        f"{arah} dari {tulis_persen(lama)} pada {tahun_lama} menjadi "
        f"{tulis_persen(baru)} pada {tahun_baru}"
    )


def riwayat_terakhir(riwayat: list[RiwayatTahun], tahun: int) -> RiwayatTahun | None:
    """The latest earlier year that has a capaian."""
    lama = [r for r in riwayat if r.tahun < tahun and r.capaian is not None]
    return max(lama, key=lambda r: r.tahun) if lama else None


def kategori(label: str | None) -> str:
    return f" (kategori {label})" if label else ""


def semua_indikator(data: DataLaporan) -> list[IndikatorLaporan]:
    return [i for s in data.sasaran for i in s.indikator]


def tanpa_realisasi(daftar: Iterable[IndikatorLaporan]) -> list[IndikatorLaporan]:
    return [i for i in daftar if not i.ada_realisasi]


def ada_pk(data: DataLaporan) -> bool:
    return data.pk is not None or bool(data.sasaran)


def nama_pk(data: DataLaporan) -> str:
    """ "Perjanjian Kinerja Tahun 2024", or both PKs of a combined report."""
    if getattr(data, "gabungan", False):
        return f"Perjanjian Kinerja KPU dan Perjanjian Kinerja Sekretariat Tahun {data.tahun}"
    return f"Perjanjian Kinerja Tahun {data.tahun}"


def kebijakan_batas(data: DataLaporan) -> str:
    """The cap policy of rule 9 as a clause."""
    batas = (data.batas_rerata or "").strip()
    angka = re.search(r"\d+", batas)
    if batas.lower().startswith("dibatasi") and angka:
        return (
            f"capaian setiap indikator dibatasi paling tinggi {angka.group()} % "
            "sebelum dirata-ratakan"
        )
    return "capaian di atas 100 % ikut dirata-ratakan tanpa batas atas"


def _jumlah_status(status) -> str:
    """ "2 indikator melampaui target, 20 tepat mencapai target, dan 5 di bawah target"."""
    bagian = []
    if status.di_atas:
        bagian.append(f"{status.di_atas} indikator melampaui target")
    if status.sama:
        bagian.append(f"{status.sama} indikator tepat mencapai target")
    if status.di_bawah:
        bagian.append(f"{status.di_bawah} indikator di bawah target")
    if status.tanpa_nilai:
        bagian.append(f"{status.tanpa_nilai} indikator belum memiliki nilai capaian")
    return sebut(bagian)


def kalimat_status(status) -> str | None:
    """ "Dari 27 indikator, …" or "Seluruh 9 indikator belum memiliki nilai capaian"."""
    if not status.jumlah:
        return None
    if status.tanpa_nilai == status.jumlah:
        return f"Seluruh {status.jumlah} indikator belum memiliki nilai capaian."
    return f"Dari {status.jumlah} indikator, {_jumlah_status(status)}."


def sasaran_di_bawah(data: DataLaporan) -> list[SasaranLaporan]:
    return [s for s in data.sasaran if di_bawah(s.capaian)]
