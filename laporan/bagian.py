"""The narrative sections of a report, in order, and how each one's text is chosen.

Each section has a key, a title, the chapter it belongs to and a draft function in
laporan/draf/ that writes it from a `DataLaporan`. Per sasaran there are the seven analyses of
BAB III.A. What is printed: the staff's text when they wrote one (sumber=staf), otherwise the
current draft. A staff text whose draft has changed since they wrote it is flagged `usang`.
"""

import hashlib
from dataclasses import dataclass

from . import draf
from .data import DataLaporan, SasaranLaporan
from .models import Bagian, SumberBagian
from .teks import ke_html


@dataclass(frozen=True)
class JenisBagian:
    kunci: str
    judul: str
    bab: str
    draf: object  # callable(data) -> str


BAGIAN_UMUM = [
    JenisBagian("kata_pengantar", "Kata Pengantar", "awal", draf.kata_pengantar),
    JenisBagian("ikhtisar", "Ikhtisar Eksekutif", "awal", draf.ikhtisar),
    JenisBagian("bab1.latar_belakang", "Latar Belakang", "bab1", draf.latar_belakang),
    JenisBagian("bab1.maksud_tujuan", "Maksud dan Tujuan", "bab1", draf.maksud_tujuan),
    JenisBagian("bab1.tugas_fungsi", "Tugas, Fungsi, dan Wewenang", "bab1", draf.tugas_fungsi),
    JenisBagian("bab1.organisasi", "Struktur Organisasi", "bab1", draf.organisasi),
    JenisBagian("bab1.isu_strategis", "Isu Strategis", "bab1", draf.isu_strategis),
    JenisBagian("bab1.sistematika", "Sistematika Penyajian", "bab1", draf.sistematika),
    JenisBagian("bab2.pengantar", "Rencana Strategis", "bab2", draf.perencanaan),
    JenisBagian("bab3.pengantar", "Pengukuran Capaian Kinerja", "bab3", draf.pengukuran),
    JenisBagian("bab3.anggaran", "Realisasi Anggaran", "bab3", draf.anggaran),
    JenisBagian("bab4.kesimpulan", "Kesimpulan", "bab4", draf.kesimpulan),
    JenisBagian("bab4.saran", "Saran dan Rekomendasi", "bab4", draf.saran),
]

ANALISIS = [
    ("a1", "Perbandingan realisasi dengan target tahun ini", draf.analisis_target),
    ("a2", "Perbandingan dengan tahun-tahun sebelumnya", draf.analisis_tahun_lalu),
    ("a3", "Perbandingan dengan target jangka menengah Renstra", draf.analisis_renstra),
    ("a4", "Perbandingan dengan standar nasional", draf.analisis_nasional),
    ("a5", "Penyebab keberhasilan atau kegagalan dan solusinya", draf.analisis_penyebab),
    ("a6", "Efisiensi penggunaan sumber daya", draf.analisis_efisiensi),
    ("a7", "Program dan kegiatan yang menunjang", draf.analisis_program),
]


def kunci_analisis(sasaran: SasaranLaporan, kode: str) -> str:
    return f"sasaran.{sasaran.kunci}.{kode}"


@dataclass
class BagianTampil:
    kunci: str
    judul: str
    teks: str  # Markdown printed in the report
    draf: str  # Markdown drafted from the current data
    sumber: str
    usang: bool  # staff text written against a draft that has changed since

    @property
    def html(self) -> str:
        return ke_html(self.teks)

    @property
    def dicetak(self) -> bool:
        """A section with no text (a draft with nothing to say from the data, and no staff
        text) is left out of the report."""
        return bool(self.teks.strip())

    @property
    def draf_html(self) -> str:
        return ke_html(self.draf)

    @property
    def hash_draf(self) -> str:
        return hash_teks(self.draf)


def hash_teks(teks: str) -> str:
    return hashlib.sha256(teks.encode()).hexdigest()


def semua_jenis(data: DataLaporan) -> list[tuple[JenisBagian, SasaranLaporan | None]]:
    """Every section of this report in print order (analyses per sasaran included)."""
    hasil = [(j, None) for j in BAGIAN_UMUM]
    for s in data.sasaran:
        for kode, judul, fungsi in ANALISIS:
            hasil.append((JenisBagian(kunci_analisis(s, kode), judul, "bab3", fungsi), s))
    return hasil


def susun(data: DataLaporan) -> dict[str, BagianTampil]:
    """The text of every section: staff text where written, else the current draft."""
    tersimpan = {b.kunci: b for b in data.laporan.bagian.all()}
    hasil = {}
    for jenis, sasaran in semua_jenis(data):
        teks_draf = jenis.draf(data, sasaran) if sasaran else jenis.draf(data)
        b = tersimpan.get(jenis.kunci)
        if b is not None and b.sumber == SumberBagian.STAF:
            hasil[jenis.kunci] = BagianTampil(
                jenis.kunci,
                jenis.judul,
                b.teks,
                teks_draf,
                SumberBagian.STAF,
                usang=b.hash_draf != hash_teks(teks_draf),
            )
        else:
            hasil[jenis.kunci] = BagianTampil(
                jenis.kunci, jenis.judul, teks_draf, teks_draf, SumberBagian.DRAF, usang=False
            )
    return hasil


def cari_jenis(data: DataLaporan, kunci: str) -> JenisBagian | None:
    return next((j for j, _ in semua_jenis(data) if j.kunci == kunci), None)


__all__ = ["Bagian", "BagianTampil", "susun", "semua_jenis", "cari_jenis", "kunci_analisis"]
