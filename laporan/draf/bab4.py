"""Drafts of BAB IV Penutup: kesimpulan, and saran derived from the weaknesses found."""

from nilai import tulis_persen

from ..data import DataLaporan, IndikatorLaporan
from .umum import (
    ada_pk,
    daftar,
    di_bawah,
    kalimat_status,
    kategori,
    kode_indikator,
    nama_sasaran,
    nilai,
    paragraf,
    perubahan,
    sasaran_di_bawah,
    semua_indikator,
    tanpa_realisasi,
)


def kesimpulan(data: DataLaporan) -> str:
    """Overall result, counts and the sasaran below target by name."""
    if not ada_pk(data):
        return ""
    blok = []
    if data.capaian is not None:
        blok.append(
            f"Secara keseluruhan, capaian kinerja {data.nama_pemilik} Tahun {data.tahun} adalah "
            f"{data.capaian_tampil}{kategori(data.kategori)}, diukur dari "
            f"{data.jumlah_indikator} indikator pada {len(data.sasaran)} sasaran strategis."
        )
    else:
        blok.append(
            f"Capaian kinerja {data.nama_pemilik} Tahun {data.tahun} belum dapat disimpulkan "
            "karena realisasi indikatornya belum dilaporkan."
        )
    blok.append(kalimat_status(data.status))
    bawah = sasaran_di_bawah(data)
    tercapai = [s for s in data.sasaran if s.capaian is not None and not di_bawah(s.capaian)]
    if bawah:
        blok.append(
            f"Sebanyak {len(tercapai)} sasaran mencapai target, sedangkan {len(bawah)} sasaran "
            "berikut belum:"
            if tercapai
            else f"Seluruh {len(bawah)} sasaran yang terukur belum mencapai target:"
        )
        blok.append(
            daftar(f"{nama_sasaran(s)}: {s.capaian_tampil}{kategori(s.kategori)}." for s in bawah)
        )
    elif tercapai:
        blok.append(f"Seluruh {len(tercapai)} sasaran yang terukur mencapai targetnya.")
    belum = [s for s in data.sasaran if s.capaian is None]
    if belum:
        jumlah = (
            f"Seluruh {len(belum)} sasaran"
            if len(belum) == len(data.sasaran)
            else f"Sebanyak {len(belum)} sasaran"
        )
        blok.append(f"{jumlah} belum dapat dinilai karena realisasi indikatornya belum dilaporkan.")
    if data.capaian is not None and data.capaian_tahun_lalu is not None and data.tahun_lalu:
        berubah = perubahan(data.capaian_tahun_lalu, data.tahun_lalu, data.capaian, data.tahun)
        blok.append(f"Capaian keseluruhan {berubah}.")
    if data.penyerapan is not None:
        blok.append(f"Penyerapan anggaran mencapai {tulis_persen(data.penyerapan)}.")
    return paragraf(*blok)


def _rincian_lemah(ind: IndikatorLaporan) -> str:
    """ "indikator 1.1, realisasi 60 % dari target 90 %" (with the direction when lower is
    better)."""
    target = nilai(ind, ind.target)
    realisasi = nilai(ind, ind.realisasi) if ind.ada_realisasi else None
    if not (target and realisasi):
        return f"indikator {ind.kode}"
    arah = ", makin rendah makin baik" if ind.negatif else ""
    return f"indikator {ind.kode}, realisasi {realisasi} terhadap target {target}{arah}"


def saran(data: DataLaporan) -> str:
    """Recommendations derived from the data: one per weakness found, nothing generic."""
    blok = []
    bawah = sasaran_di_bawah(data)
    if bawah:
        butir = []
        for s in bawah:
            lemah = [i for i in s.indikator if di_bawah(i.capaian)]
            teks = f"{nama_sasaran(s)} ({s.capaian_tampil})"
            if lemah:
                teks += f": {'; '.join(_rincian_lemah(i) for i in lemah)}"
            if any(i.narasi.get("solusi") for i in lemah):
                teks += ". Pantau pelaksanaan solusi yang telah ditetapkan."
            else:
                teks += "."
            butir.append(teks)
        blok.append(
            f"**Perbaikan capaian.** Telaah kendala pada {len(bawah)} sasaran yang belum "
            "mencapai target dan tetapkan langkah perbaikan beserta penanggung jawabnya dalam "
            "rencana aksi tahun berikutnya:"
        )
        blok.append(daftar(butir))
    lain = [s for s in data.sasaran if not di_bawah(s.capaian)]
    lemah_lain = [i for s in lain for i in s.indikator if di_bawah(i.capaian)]
    if lemah_lain:
        blok.append(
            f"**Indikator di bawah target.** Telaah juga indikator {kode_indikator(lemah_lain)} "
            "yang masih di bawah target meskipun rata-rata sasarannya tercapai."
        )
    kosong = tanpa_realisasi(semua_indikator(data))
    if kosong:
        blok.append(
            f"**Pengukuran kinerja.** Realisasi indikator {kode_indikator(kosong)} belum "
            "dilaporkan. Tetapkan penanggung jawab, sumber data, dan jadwal pengukuran setiap "
            "indikator agar seluruh target Perjanjian Kinerja dapat diukur dan dievaluasi."
        )
    if not blok:
        return paragraf(
            f"Seluruh indikator tahun {data.tahun} mencapai atau melampaui target. Capaian ini "
            "perlu dipertahankan dengan menjaga konsistensi pelaksanaan rencana aksi, "
            "pemantauan triwulanan, dan ketersediaan data dukung setiap indikator."
        )
    return paragraf(
        f"Rekomendasi berikut diturunkan dari hasil pengukuran kinerja tahun {data.tahun}.",
        *blok,
    )
