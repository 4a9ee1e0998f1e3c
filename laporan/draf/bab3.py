"""Drafts of BAB III Akuntabilitas Kinerja outside the per-sasaran analyses: the opening on how
capaian is measured (BAB III.A.1) and the budget narrative (BAB III.B)."""

from nilai import tulis_persen, tulis_rupiah

from ..data import DataLaporan
from .umum import (
    aturan,
    bersih,
    daftar,
    kebijakan_batas,
    paragraf,
    semua_indikator,
)


def pengukuran(data: DataLaporan) -> str:
    """BAB III intro: the rules used, rounding, roll-up, the category scale and cap policy."""
    semua = semua_indikator(data)
    if not semua:
        return ""
    per_aturan: dict[str, int] = {}
    for ind in semua:
        per_aturan[ind.hasil.aturan] = per_aturan.get(ind.hasil.aturan, 0) + 1
    if len(per_aturan) == 1:
        rumus = (
            f"Capaian seluruh {len(semua)} indikator dihitung dengan rumus "
            f"{aturan(next(iter(per_aturan)))}."
        )
    else:
        rumus = paragraf(
            f"Capaian {len(semua)} indikator dihitung sesuai jenis dan arah indikatornya, "
            "dengan rumus berikut:",
            daftar(f"{a} ({n} indikator)" for a, n in per_aturan.items()),
        )
    blok = [
        f"Pengukuran kinerja {data.nama_pemilik} tahun {data.tahun} membandingkan realisasi "
        f"setiap indikator dalam Perjanjian Kinerja dengan targetnya.",
        rumus,
        "Perhitungan dilakukan dengan presisi penuh; hasilnya ditampilkan dengan dua angka "
        "desimal menggunakan pembulatan setengah ke atas.",
        "Capaian sasaran adalah rata-rata capaian indikatornya, dan capaian keseluruhan adalah "
        f"rata-rata capaian seluruh indikator; {kebijakan_batas(data)}. Indikator yang "
        "capaiannya belum dapat dihitung tidak ikut dirata-ratakan.",
    ]
    if data.pita:
        judul = f"menurut {data.nama_skala}" if data.nama_skala else "berikut"
        blok.append(f"Setiap capaian dikategorikan {judul}:")
        blok.append(daftar(_pita_urut(data)))
        blok.append(
            "Kategori ditentukan dari capaian yang telah dibulatkan, sehingga capaian yang tampil "
            "tepat pada batas bawah suatu kategori termasuk dalam kategori tersebut."
        )
    return paragraf(*blok)


def _pita_urut(data: DataLaporan) -> list[str]:
    """Category bands high → low: "≥ 91,00 %: Sangat Baik" … "< 55,00 %: Gagal"."""
    pita = sorted(data.pita, key=lambda p: p.batas_bawah, reverse=True)
    butir = []
    for n, p in enumerate(pita):
        terakhir = n == len(pita) - 1
        if terakhir and p.batas_bawah == 0 and len(pita) > 1:
            batas = f"< {tulis_persen(pita[n - 1].batas_bawah)}"
        else:
            batas = f"≥ {tulis_persen(p.batas_bawah)}"
        butir.append(f"{batas}: {bersih(p.label)}")
    return butir


def anggaran(data: DataLaporan) -> str:
    """BAB III.B narrative: pagu per programme, total; realisasi only where entered."""
    if not data.anggaran:
        return ""
    butir = []
    for a in data.anggaran:
        nama = f"{a.kode} {bersih(a.program)}".strip()
        teks = f"{nama}: pagu {tulis_rupiah(a.pagu)}"
        if a.realisasi is not None:
            teks += f", realisasi {tulis_rupiah(a.realisasi)}"
            if a.penyerapan is not None:
                teks += f" (penyerapan {tulis_persen(a.penyerapan)})"
            teks += f", sisa {tulis_rupiah(a.sisa)}"
        butir.append(teks + ".")
    sumber = ""
    if getattr(data, "anggaran_dipa", False):
        revisi = getattr(data, "revisi_dipa", 0)
        sumber = " menurut DIPA" + (f" setelah {revisi} kali revisi" if revisi else "")
    blok = [
        f"Anggaran {data.nama_pemilik} tahun {data.tahun}{sumber} dialokasikan pada "
        f"{len(data.anggaran)} program dengan total pagu {tulis_rupiah(data.total_pagu)}:",
        daftar(butir),
    ]
    total = data.total_realisasi_anggaran
    if total is not None:
        kalimat = f"Total realisasi anggaran sebesar {tulis_rupiah(total)}"
        if data.penyerapan is not None:
            kalimat += f", atau penyerapan {tulis_persen(data.penyerapan)}"
        sisa = data.total_pagu - total
        if sisa < 0:
            kalimat += f"; realisasi melebihi pagu sebesar {tulis_rupiah(-sisa)}."
        else:
            kalimat += f", dengan sisa anggaran {tulis_rupiah(sisa)}."
        blok.append(kalimat)
    else:
        belum = [a for a in data.anggaran if a.realisasi is None]
        if len(belum) == len(data.anggaran):
            blok.append(
                "Realisasi anggaran belum dilaporkan, sehingga penyerapan dan sisa anggaran tidak "
                "dihitung."
            )
        else:
            blok.append(
                f"Realisasi anggaran {len(belum)} program belum dilaporkan, sehingga total "
                "penyerapan tidak dihitung."
            )
    return paragraf(*blok)
