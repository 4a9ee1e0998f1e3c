"""Drafts of BAB III.A.2: the seven analyses printed for each sasaran, called as
`fungsi(data, sasaran)`: (1) against this year's target, (2) against earlier years, (3) against
the Renstra, (4) against the national standard, (5) causes and solutions, (6) efficiency,
(7) supporting programmes and activities. (5) and (7) quote the staff's realisasi entries."""

import re
from decimal import Decimal

from kinerja.capaian import hitung_status
from nilai import bulatkan, tulis_angka, tulis_persen

from ..data import DataLaporan, IndikatorLaporan, SasaranLaporan
from .umum import (
    SERATUS,
    ada,
    aturan,
    bersih,
    daftar,
    kalimat_status,
    kategori,
    kebijakan_batas,
    kode_indikator,
    nama_sasaran,
    nilai,
    paragraf,
    perubahan,
    riwayat_terakhir,
    tanpa_realisasi,
)

NAMA_NARASI = {
    "penyebab": "Penyebab",
    "solusi": "Solusi",
    "program_pendukung": "Program pendukung",
    "kegiatan": "Kegiatan",
}


def _status(nilai: Decimal | None) -> str | None:
    """ "melampaui target", "tepat mencapai target", "di bawah target" at displayed precision."""
    if nilai is None:
        return None
    tampil = bulatkan(nilai)
    if tampil > SERATUS:
        return "melampaui target"
    if tampil == SERATUS:
        return "tepat mencapai target"
    return "di bawah target"


def _nama_indikator(ind: IndikatorLaporan) -> str:
    return f"**{ind.kode}** {bersih(ind.nama)}"


def _narasi_butir(ind: IndikatorLaporan, jenis: str) -> list[str]:
    """Staff entries of one narrative field: "*Penyebab (TW IV):* …"."""
    hasil = []
    for teks in ind.narasi.get(jenis, []) if ind.narasi else []:
        teks = bersih(teks)
        if not teks:
            continue
        cocok = re.match(r"^(TW [IV]+):\s*(.*)$", teks)
        if cocok:
            hasil.append(f"*{NAMA_NARASI[jenis]} ({cocok.group(1)}):* {cocok.group(2)}")
        else:
            hasil.append(f"*{NAMA_NARASI[jenis]}:* {teks}")
    return hasil


def _ringkas_indikator(ind: IndikatorLaporan) -> str:
    """ "capaian 66,67 %, di bawah target" or "realisasi belum dilaporkan"."""
    if ind.capaian is not None:
        return f"capaian {ind.capaian_tampil}, {_status(ind.capaian)}"
    if not ind.ada_realisasi:
        return "realisasi belum dilaporkan"
    return "capaian tidak dapat dihitung"


def _sebut_sasaran(s: SasaranLaporan) -> str:
    """Short reference used inside an analysis (the sasaran's full name heads its section)."""
    return s.sebutan


def _catatan_tanpa_realisasi(daftar: list[IndikatorLaporan]) -> str | None:
    kosong = tanpa_realisasi(daftar)
    if not kosong:
        return None
    return f"Realisasi indikator {kode_indikator(kosong)} belum dilaporkan."


def _baris_target(data: DataLaporan, ind: IndikatorLaporan) -> str:
    bagian = []
    target = nilai(ind, ind.target)
    if target:
        keterangan = []
        kegiatan = bersih(ind.target_kegiatan)
        if ada(kegiatan) and kegiatan != target:
            keterangan.append(f"target kegiatan {kegiatan}")
        if ind.negatif:
            keterangan.append("makin rendah makin baik")
        tambahan = f" ({'; '.join(keterangan)})" if keterangan else ""
        bagian.append(f"target {target}{tambahan}")
    else:
        bagian.append("target belum ditetapkan")
    realisasi = nilai(ind, ind.realisasi) if ind.ada_realisasi else None
    if realisasi:
        bagian.append(f"realisasi {realisasi}")
    if ind.capaian is not None:
        bagian.append(
            f"capaian {ind.capaian_tampil}{kategori(ind.kategori)}, {_status(ind.capaian)}"
        )
        bagian.append(f"rumus {aturan(ind.hasil.aturan)}")
    elif ind.ada_realisasi and target:
        alasan = bersih(ind.hasil.alasan).rstrip(".")
        bagian.append(f"capaian tidak dihitung ({aturan(alasan)})" if alasan else "")
    return f"{_nama_indikator(ind)}: {'; '.join(b for b in bagian if b)}."


def analisis_target(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(1) Each indicator against its target, with the rule used; then the sasaran's mean."""
    if not sasaran.indikator:
        return ""
    jumlah = len(sasaran.indikator)
    pembuka = (
        f"{nama_sasaran(sasaran)} diukur dengan "
        f"{'satu indikator' if jumlah == 1 else f'{jumlah} indikator'}. Perbandingan "
        f"realisasi dengan target tahun {data.tahun}:"
    )
    kosong = tanpa_realisasi(sasaran.indikator)
    catatan = _catatan_tanpa_realisasi(sasaran.indikator)
    if sasaran.capaian is None:
        if kosong and len(kosong) == jumlah:
            penutup = (
                f"Capaian sasaran ini belum dapat dihitung karena realisasi indikator "
                f"{kode_indikator(kosong)} belum dilaporkan."
            )
            catatan = None
        else:
            penutup = "Capaian sasaran ini tidak dapat dihitung."
    elif jumlah == 1:
        penutup = (
            f"Capaian sasaran ini sama dengan capaian indikatornya, {sasaran.capaian_tampil}"
            f"{kategori(sasaran.kategori)}."
        )
    else:
        status = hitung_status(i.capaian for i in sasaran.indikator)
        penutup = (
            f"Rata-rata capaian sasaran ini adalah {sasaran.capaian_tampil}"
            f"{kategori(sasaran.kategori)}; {kebijakan_batas(data)}. "
            f"{kalimat_status(status)}"
        )
        if kosong:
            penutup += (
                f" Rata-rata ini belum mencakup indikator {kode_indikator(kosong)} yang "
                "realisasinya belum dilaporkan."
            )
            catatan = None
    return paragraf(
        pembuka,
        daftar(_baris_target(data, i) for i in sasaran.indikator),
        penutup,
        catatan,
    )


def analisis_tahun_lalu(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(2) This year's capaian against earlier years, per sasaran and per indicator."""
    lama_sasaran = sorted(
        (r for r in sasaran.riwayat if r.tahun < data.tahun and r.capaian is not None),
        key=lambda r: r.tahun,
    )
    per_indikator = {
        ind.kode: sorted(
            (
                r
                for r in ind.riwayat
                if r.tahun < data.tahun and (r.capaian is not None or ada(r.realisasi))
            ),
            key=lambda r: r.tahun,
        )
        for ind in sasaran.indikator
    }
    if not lama_sasaran and not any(per_indikator.values()):
        return ""
    blok = []
    if lama_sasaran:
        terakhir = lama_sasaran[-1]
        if sasaran.capaian is not None:
            berubah = perubahan(terakhir.capaian, terakhir.tahun, sasaran.capaian, data.tahun)
            blok.append(f"Capaian {_sebut_sasaran(sasaran)} {berubah}.")
        else:
            blok.append(
                f"Capaian {_sebut_sasaran(sasaran)} pada {terakhir.tahun} adalah "
                f"{terakhir.capaian_tampil}; capaian tahun {data.tahun} belum dapat dihitung."
            )
        if len(lama_sasaran) > 1:
            deret = ", ".join(f"{r.capaian_tampil} pada {r.tahun}" for r in lama_sasaran)
            blok.append(f"Capaian sasaran ini pada tahun-tahun sebelumnya: {deret}.")
    butir = []
    for ind in sasaran.indikator:
        lama = per_indikator[ind.kode]
        if not lama:
            continue
        terakhir = riwayat_terakhir(lama, data.tahun)
        if terakhir is not None and ind.capaian is not None:
            teks = f"capaian {perubahan(terakhir.capaian, terakhir.tahun, ind.capaian, data.tahun)}"
        elif terakhir is not None:
            sebab = "" if ind.ada_realisasi else " karena realisasinya belum dilaporkan"
            teks = (
                f"capaian pada {terakhir.tahun} sebesar {terakhir.capaian_tampil}; capaian tahun "
                f"{data.tahun} belum dapat dihitung{sebab}"
            )
        else:
            teks = "capaian tahun sebelumnya tidak dihitung"
        realisasi = [
            f"{nilai(ind, r.realisasi)}"
            + (
                f" terhadap target {nilai(ind, r.target)}"
                if ada(r.target)
                else (" tanpa target" if r.capaian is None else "")
            )
            + f" pada {r.tahun}"
            for r in lama
            if ada(r.realisasi)
        ]
        if realisasi and ind.ada_realisasi and ada(ind.realisasi):
            realisasi.append(f"{nilai(ind, ind.realisasi)} pada {data.tahun}")
        if realisasi:
            teks += f" (realisasi {', '.join(realisasi)})"
        butir.append(f"{_nama_indikator(ind)}: {teks}.")
    if butir:
        blok.append("Perbandingan per indikator:")
        blok.append(daftar(butir))
    blok.append(_catatan_tanpa_realisasi(sasaran.indikator))
    return paragraf(*blok)


def analisis_renstra(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(3) Realisasi against the Renstra's medium-term targets."""
    renstra = data.renstra
    akhir = renstra.tahun_selesai if renstra is not None else None
    butir = []
    tanpa = []
    for ind in sasaran.indikator:
        tahunan = {
            t: nilai(ind, v) for t, v in sorted((ind.target_renstra or {}).items()) if ada(v)
        }
        target_akhir = nilai(ind, ind.target_akhir_renstra)
        if not tahunan and not target_akhir:
            tanpa.append(ind)
            continue
        bagian = []
        if ada(ind.baseline):
            bagian.append(f"baseline {nilai(ind, ind.baseline)}")
        if tahunan:
            # Earlier years with a known result show it beside their Renstra target.
            hasil_lalu = {
                r.tahun: nilai(ind, r.realisasi)
                for r in ind.riwayat or []
                if r.tahun < data.tahun and ada(r.realisasi)
            }
            bagian.append(
                "target Renstra "
                + ", ".join(
                    f"{v} pada {t}" + (f" (realisasi {hasil_lalu[t]})" if t in hasil_lalu else "")
                    for t, v in tahunan.items()
                )
            )
        target_pk = nilai(ind, ind.target)
        target_tahun_ini = tahunan.get(data.tahun)
        if target_tahun_ini and target_pk:
            if target_tahun_ini == target_pk:
                bagian.append(f"target {data.tahun} sama dengan target Perjanjian Kinerja")
            else:
                bagian.append(
                    f"target {data.tahun} dalam Renstra ({target_tahun_ini}) berbeda dengan "
                    f"target Perjanjian Kinerja ({target_pk})"
                )
        realisasi = nilai(ind, ind.realisasi) if ind.ada_realisasi else None
        if target_akhir:
            if not (akhir and tahunan.get(akhir) == target_akhir):
                bagian.append(
                    f"target akhir Renstra{f' ({akhir})' if akhir else ''} {target_akhir}"
                )
            if realisasi and ind.capaian_thd_renstra is not None:
                bagian.append(
                    f"realisasi {data.tahun} sebesar {realisasi} setara "
                    f"{tulis_persen(ind.capaian_thd_renstra)} dari target akhir Renstra"
                )
        butir.append(f"{_nama_indikator(ind)}: {'; '.join(bagian)}.")
    periode = f" {renstra.tahun_mulai}–{renstra.tahun_selesai}" if renstra else ""
    if not butir:
        return ""
    blok = [
        f"Perbandingan {_sebut_sasaran(sasaran)} dengan target jangka menengah Renstra{periode}:",
        daftar(butir),
    ]
    blok.append(_catatan_tanpa_realisasi([i for i in sasaran.indikator if i not in tanpa]))
    return paragraf(*blok)


def analisis_nasional(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(4) Realisasi against the national standard, where one is recorded."""
    berstandar = [i for i in sasaran.indikator if ada(i.standar_nasional)]
    if not berstandar:
        return ""
    butir = []
    for ind in berstandar:
        teks = f"standar nasional {nilai(ind, ind.standar_nasional)}"
        realisasi = nilai(ind, ind.realisasi) if ind.ada_realisasi else None
        if realisasi:
            teks += f", realisasi {data.tahun} {realisasi}"
            if ind.capaian_thd_standar is not None:
                posisi = _status(ind.capaian_thd_standar).replace("target", "standar")
                teks += (
                    f", capaian terhadap standar nasional "
                    f"{tulis_persen(ind.capaian_thd_standar)} ({posisi})"
                )
        butir.append(f"{_nama_indikator(ind)}: {teks}.")
    blok = [
        f"Perbandingan realisasi {_sebut_sasaran(sasaran)} dengan standar nasional:",
        daftar(butir),
    ]
    blok.append(_catatan_tanpa_realisasi(berstandar))
    return paragraf(*blok)


def _analisis_narasi(
    sasaran: SasaranLaporan, jenis: tuple[str, ...]
) -> tuple[list[str], list[IndikatorLaporan]]:
    """Blocks quoting the staff's narrative fields per indicator, and the indicators without."""
    blok = []
    tanpa = []
    for ind in sasaran.indikator:
        butir = [b for j in jenis for b in _narasi_butir(ind, j)]
        if not butir:
            tanpa.append(ind)
            continue
        blok.append(f"Indikator {_nama_indikator(ind)} ({_ringkas_indikator(ind)}):")
        blok.append(daftar(butir))
    return blok, tanpa


def analisis_penyebab(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(5) Causes and solutions, quoted from the staff's realisasi entries."""
    blok, _tanpa = _analisis_narasi(sasaran, ("penyebab", "solusi"))
    if not blok:
        return ""
    return paragraf(
        f"Penyebab keberhasilan atau kegagalan {_sebut_sasaran(sasaran)} dan solusinya:", *blok
    )


def analisis_efisiensi(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(6) Efficiency: capaian against the penyerapan of the budget serving the sasaran."""
    nama = _sebut_sasaran(sasaran)
    indeks = sasaran.indeks_efisiensi
    if indeks is not None:
        dibulatkan = bulatkan(indeks)
        if dibulatkan > 1:
            arti = "capaian lebih tinggi daripada proporsi anggaran yang digunakan"
        elif dibulatkan == 1:
            arti = "capaian sebanding dengan proporsi anggaran yang digunakan"
        else:
            arti = "capaian lebih rendah daripada proporsi anggaran yang digunakan"
        return (
            f"{nama} mencapai {sasaran.capaian_tampil} dengan penyerapan anggaran "
            f"{tulis_persen(sasaran.penyerapan)}. Indeks efisiensi (capaian dibagi penyerapan) "
            f"adalah {tulis_angka(indeks)}, artinya {arti}."
        )
    blok = []
    if sasaran.penyerapan is not None:
        blok.append(
            f"Penyerapan anggaran yang mendukung {nama} adalah "
            f"{tulis_persen(sasaran.penyerapan)}; indeks efisiensi belum dapat dihitung karena "
            "capaian sasaran belum terhitung."
        )
    elif data.penyerapan is not None and sasaran.capaian is not None:
        blok.append(
            f"Anggaran tidak dirinci per sasaran. Sebagai gambaran, {nama} mencapai "
            f"{sasaran.capaian_tampil}, sedangkan penyerapan anggaran keseluruhan tahun "
            f"{data.tahun} adalah {tulis_persen(data.penyerapan)}."
        )
    ada_rincian = any(
        "Rp" in teks for i in sasaran.indikator for teks in i.narasi.get("program_pendukung", [])
    )
    if ada_rincian and blok:
        blok.append(
            "Pagu dan realisasi kegiatan yang menunjang sasaran ini diuraikan pada analisis "
            "program dan kegiatan."
        )
    return paragraf(*blok)


def analisis_program(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(7) Supporting programmes and activities, quoted from the staff's realisasi entries."""
    blok, _tanpa = _analisis_narasi(sasaran, ("program_pendukung", "kegiatan"))
    if not blok:
        return ""
    return paragraf(
        f"Program dan kegiatan yang menunjang {_sebut_sasaran(sasaran)}:",
        *blok,
    )
