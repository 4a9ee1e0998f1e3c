"""Drafts of the front matter: the Kata Pengantar and the Ikhtisar Eksekutif."""

from decimal import Decimal

from nilai import bulatkan, tulis_persen, tulis_rupiah

from ..data import DataLaporan
from .umum import (
    PERMENPAN_LKJ,
    PERPRES_SAKIP,
    ada,
    ada_pk,
    kalimat_status,
    kebijakan_batas,
    nama_pk,
    nama_sasaran,
    paragraf,
    perubahan,
    sebut,
    semua_indikator,
)


def kata_pengantar(data: DataLaporan) -> str:
    """A factual foreword: what the report is, its legal basis and what it contains."""
    nama = data.nama_pemilik
    semua = semua_indikator(data)
    # Only the comparisons the data allows are announced.
    banding = ["target tahun ini"]
    if any(r.tahun < data.tahun for i in semua for r in i.riwayat):
        banding.append("capaian tahun-tahun sebelumnya")
    if any(ada(v) for i in semua for v in (i.target_renstra or {}).values()):
        banding.append("target jangka menengah Rencana Strategis")
    if any(ada(i.standar_nasional) for i in semua):
        banding.append("standar nasional")
    isi = (
        f"Laporan ini menyajikan capaian {data.jumlah_indikator} indikator kinerja dari "
        f"{len(data.sasaran)} sasaran strategis yang ditetapkan dalam {nama_pk(data)}. "
        f"Capaian tersebut dibandingkan dengan {sebut(banding)}"
        + (", disertai realisasi anggaran." if data.anggaran else ".")
    )
    if not ada_pk(data):
        isi = f"Laporan ini menyajikan perencanaan kinerja tahun {data.tahun}."
    return paragraf(
        f"Laporan Kinerja {nama} Tahun {data.tahun} merupakan pertanggungjawaban atas pelaksanaan "
        f"tugas dan fungsi serta penggunaan anggaran {nama} selama tahun {data.tahun}. Laporan "
        f"ini disusun berdasarkan {PERPRES_SAKIP} dan {PERMENPAN_LKJ}.",
        isi,
        "Laporan ini menjadi bahan evaluasi atas pelaksanaan program dan kegiatan serta bahan "
        "perbaikan perencanaan kinerja tahun berikutnya.",
    )


def ikhtisar(data: DataLaporan) -> str:
    """Ikhtisar Eksekutif: overall result, counts, best and weakest sasaran, budget, trend."""
    nama = data.nama_pemilik
    if not ada_pk(data):
        return paragraf(_kalimat_anggaran(data))
    pembuka = (
        f"Laporan Kinerja {nama} Tahun {data.tahun} mengukur {data.jumlah_indikator} indikator "
        f"kinerja dari {len(data.sasaran)} sasaran strategis yang ditetapkan dalam "
        f"{nama_pk(data)}."
    )
    hasil = " ".join(k for k in (kalimat_status(data.status), _sasaran_ekstrem(data)) if k)
    kalimat = (_kalimat_anggaran(data), _kalimat_tahun_lalu(data), _riwayat_ikhtisar(data))
    penutup = " ".join(k for k in kalimat if k)
    return paragraf(f"{pembuka} {_kalimat_capaian(data)}", hasil, penutup)


def _sasaran_ekstrem(data: DataLaporan) -> str | None:
    """Sentences naming the best and the weakest sasaran (ties grouped)."""
    bernilai = [s for s in data.sasaran if s.capaian is not None]
    if len(bernilai) < 2:
        return None
    tertinggi = max(bulatkan(s.capaian) for s in bernilai)
    terendah = min(bulatkan(s.capaian) for s in bernilai)
    if tertinggi == terendah:
        return (
            f"Seluruh {len(bernilai)} sasaran yang telah terukur memiliki capaian yang sama, "
            f"yaitu {tulis_persen(tertinggi)}."
        )

    def pada(nilai: Decimal) -> str:
        kelompok = [s for s in bernilai if bulatkan(s.capaian) == nilai]
        if len(kelompok) == 1:
            return f"pada {nama_sasaran(kelompok[0])}"
        if len(kelompok) <= 3:
            return f"pada {sebut([s.sebutan for s in kelompok])}"
        return f"pada {len(kelompok)} sasaran"

    return (
        f"Capaian sasaran tertinggi sebesar {tulis_persen(tertinggi)} {pada(tertinggi)}, "
        f"sedangkan yang terendah sebesar {tulis_persen(terendah)} {pada(terendah)}."
    )


def _kalimat_anggaran(data: DataLaporan) -> str | None:
    if not data.anggaran:
        return None
    pagu = tulis_rupiah(data.total_pagu)
    if data.penyerapan is None:
        return (
            f"Total pagu anggaran tahun {data.tahun} sebesar {pagu}; realisasi anggaran belum "
            "dilaporkan."
        )
    return (
        f"Realisasi anggaran tahun {data.tahun} sebesar "
        f"{tulis_rupiah(data.total_realisasi_anggaran)} dari total pagu {pagu}, atau "
        f"penyerapan {tulis_persen(data.penyerapan)}."
    )


def _kalimat_tahun_lalu(data: DataLaporan) -> str | None:
    if data.capaian is not None and data.capaian_tahun_lalu is not None and data.tahun_lalu:
        berubah = perubahan(data.capaian_tahun_lalu, data.tahun_lalu, data.capaian, data.tahun)
        return f"Dibandingkan tahun sebelumnya, capaian keseluruhan {berubah}."
    if data.capaian_tahun_lalu is not None and data.tahun_lalu:
        return (
            f"Capaian keseluruhan pada {data.tahun_lalu} adalah "
            f"{tulis_persen(data.capaian_tahun_lalu)}."
        )
    return None


def _kalimat_capaian(data: DataLaporan) -> str:
    if data.capaian is None:
        return (
            f"Capaian kinerja keseluruhan tahun {data.tahun} belum dapat dihitung karena "
            "realisasi indikatornya belum dilaporkan."
        )
    kalimat = f"Capaian kinerja keseluruhan tahun {data.tahun} adalah {data.capaian_tampil}"
    if data.kategori and data.nama_skala:
        kalimat += f", kategori **{data.kategori}** menurut {data.nama_skala}"
    elif data.kategori:
        kalimat += f", kategori **{data.kategori}**"
    kalimat += f". Nilai ini adalah rata-rata capaian seluruh indikator; {kebijakan_batas(data)}."
    return kalimat


def _riwayat_ikhtisar(data: DataLaporan) -> str | None:
    """The indicators with a result in the previous year (from the indicator history), compared
    with this year where this year has one: "Dibandingkan tahun sebelumnya, capaian indikator
    1.4 naik …"; otherwise "Pada 2023, capaian indikator 1.4 dan 6.1 adalah 125,00 %." Only
    when the overall capaian of last year is not known from a PK in the application."""
    if data.capaian_tahun_lalu is not None:
        return None
    tahun_lalu = data.tahun - 1
    banding, per_nilai = [], {}
    for ind in semua_indikator(data):
        lalu = next(
            (r for r in ind.riwayat if r.tahun == tahun_lalu and r.capaian is not None), None
        )
        if lalu is None:
            continue
        if ind.capaian is not None:
            banding.append(
                f"indikator {ind.kode} "
                f"{perubahan(lalu.capaian, lalu.tahun, ind.capaian, data.tahun)}"
            )
        else:
            per_nilai.setdefault(lalu.capaian_tampil, []).append(ind.kode)
    kalimat = []
    if banding:
        kalimat.append(f"Dibandingkan tahun sebelumnya, capaian {sebut(banding)}.")
    if per_nilai:
        isi = sebut([f"indikator {sebut(kode)} {nilai}" for nilai, kode in per_nilai.items()])
        kalimat.append(f"Capaian tahun {tahun_lalu}: {isi}.")
    return " ".join(kalimat) or None
