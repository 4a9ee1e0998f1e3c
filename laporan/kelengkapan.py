"""What a report still lacks before it can be published, listed for the staff on its page.

The PDF speaks to its readers only: a draft with nothing to say leaves its part out, and text
addressed to the staff ("lengkapi …", "belum ada dalam sistem") must never be printed. What the
staff must still do is listed here instead, each item with a stable code, a level and a link to
the place to fix it:

- **galat** blocks submission and approval (laporan/alur.py): text addressed to the staff in a
  printed section, an incomplete signature;
- **peringatan** is shown but does not block: indicators without realisasi, parts left out of
  the PDF for lack of data, staff text written against a draft that has changed since, targets
  that differ between the PK and the Renstra, a budget that differs between the PK and the DIPA.

`periksa(data, bagian)` reads the gathered report (laporan/data.py) and its composed sections
(laporan/bagian.py) and runs no query; `kalimat_untuk_staf(teks)` is the phrase check, also used
by the tests that read the PDFs back.
"""

import re
from dataclasses import dataclass

from django.urls import reverse

from nilai import tulis_rupiah
from satker.models import Satker

from .bagian import ANALISIS, BAGIAN_UMUM, BagianTampil, kunci_analisis, susun
from .data import DataLaporan
from .pengumpul import kumpulkan

GALAT = "galat"
PERINGATAN = "peringatan"

# Phrases that address the staff or the application, never a reader. Each is what a draft of
# this product once printed (see the issue "A report a secretariat can publish exactly as it
# comes out"), or a common placeholder. Kept narrow, because a match blocks approval: "mohon
# maaf" or "melengkapi sarana" in a staff's own text must stay allowed.
KALIMAT_STAF: list[tuple[str, str]] = [
    (r"\bmohon\s+(staf|operator|penyusun)\b", "permintaan kepada staf"),
    (
        r"\b(staf|operator|penyusun)\s+(dapat|perlu|harus|diminta|melengkapi|mengisi)\b",
        "perintah kepada staf",
    ),
    (
        r"\b(dilengkapi|ditambahkan|diisi)\s+oleh\s+(staf|operator|penyusun)\b",
        "perintah kepada staf",
    ),
    # Imperatives opening a sentence or a list item ("Lengkapi target …"); not "Isi", which
    # also opens "Isi laporan ini menjadi tanggung jawab …".
    (r"(^|[;:]\s+|[-•*]\s+)(lengkapi|isilah|catat|unggah|periksa)\b", "kalimat perintah"),
    (r"\bperiksa\s+kembali\b", "kalimat perintah"),
    (r"\bgunakan\s+rumus\b", "kalimat perintah"),
    (r"\b(silakan|harap)\b", "kalimat perintah"),
    (
        r"\b(ada|tercatat|dicatat|dihubungkan|terhubung|dimasukkan)\s+(dalam|di|ke)\s+sistem\b",
        "menyebut aplikasi",
    ),
    (
        r"\bpada\s+halaman\s+(realisasi|perjanjian kinerja|anggaran|kebijakan|laporan)\b",
        "menyebut halaman aplikasi",
    ),
    (r"\b(pada|di)\s+kebijakan\s+capaian\b", "menyebut halaman aplikasi"),
    (r"\bhalaman\s+ini\s+akan\s+memuat\b", "menyebut isi yang belum ada"),
    (r"\bbelum\s+diisi\b", "menyebut isian yang kosong"),
    (r"\bdapat\s+diunggah\b", "menyebut unggahan"),
    (r"\btidak\s+(disajikan|disertakan|dicetak)\b", "menyebut bagian yang tidak dicetak"),
    (r"\bsebelum\s+laporan\s+difinalkan\b", "menyebut penyusunan laporan"),
    (r"…{2,}|\.{5,}", "titik-titik isian"),
    (r"\[[^\]]{0,40}\b(isi|diisi|nama|tanggal|tempat)\b[^\]]{0,40}\]", "isian dalam kurung siku"),
    (r"\b(TODO|lorem ipsum|xxx+)\b", "teks sementara"),
]
_POLA_STAF = [(re.compile(p, re.IGNORECASE | re.MULTILINE), k) for p, k in KALIMAT_STAF]
_AKHIR_KALIMAT = re.compile(r"(?<=[.!?])\s+|\n+")


def kalimat_untuk_staf(teks: str) -> list[str]:
    """The sentences of `teks` (Markdown or plain) that address the staff or the application,
    in order, each once. Markdown emphasis and list markers are ignored."""
    hasil = []
    for kalimat in _AKHIR_KALIMAT.split(teks or ""):
        bersih = re.sub(r"[*_>`]+", "", kalimat).strip()
        if bersih and any(p.search(bersih) for p, _ in _POLA_STAF) and bersih not in hasil:
            hasil.append(bersih)
    return hasil


@dataclass(frozen=True)
class Kekurangan:
    """One thing the report lacks: a stable code, galat or peringatan, a message in plain
    Indonesian with the numbers involved, and where to fix it."""

    kode: str
    tingkat: str
    pesan: str
    tautan: str = ""
    label_tautan: str = ""

    @property
    def galat(self) -> bool:
        return self.tingkat == GALAT


def _sebut(butir: list[str]) -> str:
    if len(butir) <= 2:
        return " dan ".join(butir)
    return f"{', '.join(butir[:-1])}, dan {butir[-1]}"


def _ringkas(kode: list[str], batas: int = 12) -> str:
    if len(kode) <= batas:
        return _sebut(kode)
    return f"{', '.join(kode[:batas])}, dan {len(kode) - batas} lainnya"


def _judul_bagian(data: DataLaporan, kunci: str, tampil: BagianTampil) -> str:
    for s in data.sasaran:
        for kode, judul, _fungsi in ANALISIS:
            if kunci_analisis(s, kode) == kunci:
                return f"{s.sebutan}, analisis “{judul}”"
    return f"“{tampil.judul}”"


def _ttd(data: DataLaporan) -> list[Kekurangan]:
    lap = data.laporan
    kurang = [
        nama
        for nama, ada in (
            ("tempat", lap.tempat_ttd.strip()),
            ("tanggal", lap.tanggal_ttd),
            ("nama penandatangan", lap.penandatangan_nama.strip()),
            ("jabatan penandatangan", lap.penandatangan_jabatan.strip()),
        )
        if not ada
    ]
    if not kurang:
        return []
    return [
        Kekurangan(
            "TTD_KURANG",
            GALAT,
            f"Penandatanganan Kata Pengantar dan Penutup belum lengkap: {_sebut(kurang)} belum "
            "diisi.",
            reverse("laporan_ubah", args=[lap.id]),
            "Isi penandatanganan",
        )
    ]


def _teks_staf(data: DataLaporan, bagian: dict[str, BagianTampil]) -> list[Kekurangan]:
    hasil = []
    for kunci, tampil in bagian.items():
        if not tampil.dicetak:
            continue
        kalimat = kalimat_untuk_staf(tampil.teks)
        if not kalimat:
            continue
        contoh = kalimat[0] if len(kalimat[0]) <= 160 else kalimat[0][:157] + "…"
        lagi = f" (dan {len(kalimat) - 1} kalimat lain)" if len(kalimat) > 1 else ""
        hasil.append(
            Kekurangan(
                "TEKS_UNTUK_STAF",
                GALAT,
                f"Bagian {_judul_bagian(data, kunci, tampil)} memuat kalimat yang ditujukan "
                f"kepada staf, bukan kepada pembaca laporan: “{contoh}”{lagi}. Ubah atau hapus "
                "kalimat itu.",
                reverse("bagian_ubah", args=[data.laporan.id, kunci]),
                "Ubah bagian",
            )
        )
    return hasil


def _realisasi(data: DataLaporan) -> list[Kekurangan]:
    hasil = []
    for p in data.pk_list:
        kosong = [i.kode for s in p.sasaran for i in s.indikator if not i.ada_realisasi]
        if not kosong:
            continue
        dari = f" {p.label}" if data.gabungan else ""
        hasil.append(
            Kekurangan(
                "REALISASI_KOSONG",
                PERINGATAN,
                f"Realisasi {len(kosong)} dari {p.jumlah_indikator} indikator{dari} belum diisi "
                f"(indikator {_ringkas(kosong)}); laporan mencetaknya sebagai “belum "
                "dilaporkan” dan capaiannya tidak dihitung.",
                reverse("realisasi_triwulan", args=[p.pk.id, 4]),
                "Isi realisasi",
            )
        )
    return hasil


def _tidak_dicetak(data: DataLaporan, bagian: dict[str, BagianTampil]) -> list[Kekurangan]:
    """Sections left out of the PDF because there is nothing to say from the data."""
    lap_id = data.laporan.id
    hasil = []
    for jenis in BAGIAN_UMUM:
        tampil = bagian[jenis.kunci]
        if not tampil.dicetak and jenis.bab in ("bab1", "bab4", "awal"):
            hasil.append(
                Kekurangan(
                    "BAGIAN_KOSONG",
                    PERINGATAN,
                    f"Bagian “{jenis.judul}” tidak dicetak karena datanya tidak ada dalam "
                    "aplikasi; tulis teksnya bila laporan memerlukannya.",
                    reverse("bagian_ubah", args=[lap_id, jenis.kunci]),
                    "Tulis bagian",
                )
            )
    penyebab = {
        "a2": "tidak ada capaian tahun sebelumnya (isi riwayat capaian indikator)",
        "a3": "target Renstra indikatornya belum diisi",
        "a4": "standar nasional indikatornya belum diisi",
        "a5": "penyebab dan solusi belum diisi pada realisasi indikatornya",
        "a6": "anggaran sasaran belum dihubungkan ke RO dan penyerapan keseluruhan belum ada",
        "a7": "program dan kegiatan pendukung belum diisi pada realisasi indikatornya",
    }
    for kode, judul, _fungsi in ANALISIS:
        if kode not in penyebab:
            continue
        kosong = [s for s in data.sasaran if not bagian[kunci_analisis(s, kode)].dicetak]
        if not kosong:
            continue
        sasaran = _ringkas([s.sebutan for s in kosong], 6)
        tautan, label = _tempat_data_analisis(data, kode)
        hasil.append(
            Kekurangan(
                f"ANALISIS_KOSONG_{kode.upper()}",
                PERINGATAN,
                f"Analisis “{judul}” tidak dicetak untuk {len(kosong)} dari {len(data.sasaran)} "
                f"sasaran ({sasaran}) karena {penyebab[kode]}; atau tulis analisisnya sendiri.",
                tautan or reverse("bagian_ubah", args=[lap_id, kunci_analisis(kosong[0], kode)]),
                label or "Tulis analisis",
            )
        )
    return hasil


def _tempat_data_analisis(data: DataLaporan, kode: str) -> tuple[str, str]:
    """Where the data an analysis is drafted from is entered ("" when it is only written)."""
    satker, tahun = data.satker.kode, data.tahun
    if kode == "a2":
        return reverse("riwayat_satker_tahun", args=[satker, tahun]), "Isi riwayat capaian"
    if kode in ("a5", "a7") and data.pk_list:
        return reverse("realisasi_triwulan", args=[data.pk_list[0].pk.id, 4]), "Isi realisasi"
    if kode == "a6":
        return reverse("anggaran_hubungan", args=[satker, tahun]), "Hubungkan RO"
    return "", ""


def _usang(data: DataLaporan, bagian: dict[str, BagianTampil]) -> list[Kekurangan]:
    usang = [(k, b) for k, b in bagian.items() if b.usang]
    if not usang:
        return []
    judul = _ringkas([_judul_bagian(data, k, b) for k, b in usang], 4)
    return [
        Kekurangan(
            "TEKS_USANG",
            PERINGATAN,
            f"Data berubah sejak teks staf ditulis pada {len(usang)} bagian ({judul}); "
            "bandingkan teks itu dengan draf terbaru.",
            reverse("bagian_ubah", args=[data.laporan.id, usang[0][0]]),
            "Bandingkan",
        )
    ]


def _target_renstra(data: DataLaporan) -> list[Kekurangan]:
    beda = []
    for i in (i for s in data.sasaran for i in s.indikator):
        renstra = (i.target_renstra or {}).get(data.tahun)
        if renstra and renstra not in ("—", i.target):
            beda.append(f"{i.kode} (PK {i.target}, Renstra {renstra})")
    if not beda:
        return []
    return [
        Kekurangan(
            "TARGET_BEDA",
            PERINGATAN,
            f"Target {len(beda)} indikator pada Perjanjian Kinerja berbeda dengan target tahun "
            f"{data.tahun} dalam Renstra: {_ringkas(beda, 5)}. Laporan menyebutkan keduanya.",
        )
    ]


def _anggaran(data: DataLaporan) -> list[Kekurangan]:
    hasil = []
    if not data.anggaran:
        hasil.append(
            Kekurangan(
                "ANGGARAN_KOSONG",
                PERINGATAN,
                "Anggaran belum diisi, baik DIPA maupun pagu program pada Perjanjian Kinerja; "
                "Bab III bagian B tidak memuat realisasi anggaran.",
                reverse("anggaran_satker", args=[data.satker.kode, data.tahun]),
                "Isi anggaran",
            )
        )
    elif data.total_realisasi_anggaran is None:
        hasil.append(
            Kekurangan(
                "REALISASI_ANGGARAN_KOSONG",
                PERINGATAN,
                "Realisasi anggaran belum diisi untuk sebagian atau seluruh program; penyerapan "
                "dan sisa anggaran tidak dihitung.",
                reverse("anggaran_satker", args=[data.satker.kode, data.tahun]),
                "Isi anggaran",
            )
        )
    if data.selisih_pagu_pk:
        hasil.append(
            Kekurangan(
                "PAGU_PK_BEDA_DIPA",
                PERINGATAN,
                f"Pagu pada Perjanjian Kinerja ({tulis_rupiah(data.total_pagu_pk)}) berbeda "
                f"{tulis_rupiah(abs(data.selisih_pagu_pk))} dengan pagu DIPA "
                f"({tulis_rupiah(data.total_pagu)}). Laporan memakai pagu DIPA dan menyebutkan "
                "selisihnya; pastikan kedua angka benar.",
                reverse("anggaran_satker", args=[data.satker.kode, data.tahun]),
                "Lihat anggaran",
            )
        )
    return hasil


def _skala(data: DataLaporan) -> list[Kekurangan]:
    if data.pita:
        return []
    return [
        Kekurangan(
            "SKALA_KOSONG",
            PERINGATAN,
            f"Skala kategori capaian tahun {data.tahun} belum dipilih; laporan tidak mencetak "
            "kategori capaian.",
            reverse("kebijakan_capaian", args=[data.satker.kode, data.tahun]),
            "Pilih skala",
        )
    ]


# "Tahun Anggaran 2023", "TA 2023", "T.A. 2023": a budget year named in the narrative.
_TAHUN_ANGGARAN = re.compile(r"\b(?:tahun\s+anggaran|T\.?\s?A\.?)\s+((?:19|20)\d{2})\b", re.I)


def _tahun_basi(data: DataLaporan, bagian: dict[str, BagianTampil]) -> list[Kekurangan]:
    """A budget year in a printed section that is not the report's year: text carried over from
    an earlier year's report ("Tahun Anggaran 2023" in the 2024 LKj)."""
    hasil = []
    for kunci, tampil in bagian.items():
        if not tampil.dicetak:
            continue
        lain = sorted({int(t) for t in _TAHUN_ANGGARAN.findall(tampil.teks)} - {data.tahun})
        if not lain:
            continue
        tahun = _sebut([str(t) for t in lain])
        hasil.append(
            Kekurangan(
                "TAHUN_BASI",
                PERINGATAN,
                f"Bagian {_judul_bagian(data, kunci, tampil)} menyebut tahun anggaran {tahun}, "
                f"padahal laporan ini tahun {data.tahun}: periksa apakah teks itu terbawa dari "
                "laporan tahun lain.",
                reverse("bagian_ubah", args=[data.laporan.id, kunci]),
                "Ubah bagian",
            )
        )
    return hasil


def pola_nama_wilayah(nama: list[str]) -> re.Pattern | None:
    """One pattern matching any of these region names as whole words, spacing and case aside,
    the longest first (so "Kabupaten Tapanuli Utara" is never read as "Kabupaten Tapanuli")."""
    daftar = sorted({" ".join(n.split()) for n in nama if n.strip()}, key=len, reverse=True)
    if not daftar:
        return None
    alternatif = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in daftar)
    return re.compile(rf"(?<![\w-])(?:{alternatif})(?![\w-])", re.IGNORECASE)


def pola_satker_lain(satker) -> re.Pattern | None:
    """The region names of every KPU Kabupaten/Kota ("Kabupaten Lampung Barat", "Kota Metro"),
    in one query. Provinces and KPU RI are left out (a report names its own province and KPU RI);
    the satker's own name stays in, so that a shorter name inside it never matches, and
    _satker_lain skips it."""
    nama = Satker.objects.kabkota().exclude(nama_wilayah="").values_list("nama_wilayah", flat=True)
    return pola_nama_wilayah(list(nama))


def _satker_lain(
    data: DataLaporan, bagian: dict[str, BagianTampil], pola: re.Pattern | None
) -> list[Kekurangan]:
    """Another Kab/Kota named in a printed section: most often a paragraph copied from another
    satker's report."""
    if pola is None:
        return []
    sendiri = " ".join((data.satker.nama_wilayah or "").lower().split())
    hasil = []
    for kunci, tampil in bagian.items():
        if not tampil.dicetak:
            continue
        disebut: list[str] = []
        for cocok in pola.finditer(tampil.teks):
            nama = " ".join(cocok.group(0).split())
            if nama.lower() != sendiri and nama.lower() not in (d.lower() for d in disebut):
                disebut.append(nama)
        if not disebut:
            continue
        hasil.append(
            Kekurangan(
                "SATKER_LAIN",
                PERINGATAN,
                f"Bagian {_judul_bagian(data, kunci, tampil)} menyebut {_sebut(disebut)}, bukan "
                f"{data.satker.nama_wilayah or data.satker.nama}: periksa apakah teks itu "
                "tersalin dari laporan satker lain.",
                reverse("bagian_ubah", args=[data.laporan.id, kunci]),
                "Ubah bagian",
            )
        )
    return hasil


def periksa(
    data: DataLaporan, bagian: dict[str, BagianTampil], *, satker_lain: re.Pattern | None = None
) -> list[Kekurangan]:
    """Everything the report lacks, galat first, in the order a penyusun would fix them.
    `satker_lain` is pola_satker_lain(satker), the names of the other Kab/Kota (one query, made
    by the caller so that this function runs none)."""
    hasil = [
        *_tahun_basi(data, bagian),
        *_satker_lain(data, bagian, satker_lain),
        *_teks_staf(data, bagian),
        *_ttd(data),
        *_realisasi(data),
        *_tidak_dicetak(data, bagian),
        *_usang(data, bagian),
        *_target_renstra(data),
        *_anggaran(data),
        *_skala(data),
    ]
    return sorted(hasil, key=lambda k: not k.galat)


def galat(kekurangan: list[Kekurangan]) -> list[Kekurangan]:
    return [k for k in kekurangan if k.galat]


def galat_laporan(laporan) -> list[Kekurangan]:
    """The galat of a report as it is in the database now (for the workflow's check)."""
    data = kumpulkan(laporan)
    return galat(periksa(data, susun(data), satker_lain=pola_satker_lain(laporan.satker)))


def periksa_laporan(laporan) -> list[Kekurangan]:
    """Every finding of a report as it is in the database now."""
    data = kumpulkan(laporan)
    return periksa(data, susun(data), satker_lain=pola_satker_lain(laporan.satker))
