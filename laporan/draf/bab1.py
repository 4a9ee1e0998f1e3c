"""Drafts of BAB I Pendahuluan: latar belakang, maksud dan tujuan, tugas dan fungsi, struktur
organisasi, isu strategis and sistematika penyajian."""

from nilai import bulatkan, tulis_rupiah

from ..data import DataLaporan
from .umum import (
    PERPRES_SAKIP,
    ada_pk,
    bersih,
    daftar,
    di_bawah,
    kategori,
    kode_indikator,
    nama_pk,
    nama_sasaran,
    paragraf,
    perubahan,
    riwayat_terakhir,
    sasaran_di_bawah,
    sebut,
    semua_indikator,
    tanpa_realisasi,
)

UU_PEMILU = "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum"
UU_PILKADA = (
    "Undang-Undang Nomor 10 Tahun 2016 tentang Perubahan Kedua atas Undang-Undang Nomor 1 Tahun "
    "2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 "
    "tentang Pemilihan Gubernur, Bupati, dan Walikota Menjadi Undang-Undang"
)


def _jenis_sekretariat(data: DataLaporan) -> bool:
    return getattr(data.laporan, "jenis", "") == "sekretariat"


def _tingkat(data: DataLaporan) -> str:
    return getattr(data.satker, "tingkat", "") or ""


def _nama_lembaga(data: DataLaporan) -> str:
    """The commission of the report's level: "KPU Kabupaten/Kota", "KPU Provinsi" or "KPU"."""
    return {"kabkota": "KPU Kabupaten/Kota", "provinsi": "KPU Provinsi"}.get(_tingkat(data), "KPU")


def _nama_satker(data: DataLaporan) -> str:
    """The commission's own name ("KPU Kota Serang"), also for a secretariat's report."""
    return bersih(getattr(data.satker, "nama", "")) or data.nama_pemilik


def latar_belakang(data: DataLaporan) -> str:
    """Why the report exists, and the year's basis (Renstra, PK, budget) from the data."""
    satker = _nama_satker(data)
    wilayah = bersih(getattr(data.satker, "nama_wilayah", ""))
    if _tingkat(data) == "ri":
        peran = (
            "Komisi Pemilihan Umum (KPU) adalah lembaga penyelenggara Pemilu yang bersifat "
            f"nasional, tetap, dan mandiri sebagaimana diatur dalam {UU_PEMILU}."
        )
    else:
        di_wilayah = f" di {wilayah}" if wilayah else ""
        peran = (
            f"{satker} merupakan bagian dari Komisi Pemilihan Umum, lembaga penyelenggara "
            f"Pemilu yang bersifat nasional, tetap, dan mandiri menurut {UU_PEMILU}, dan "
            f"menyelenggarakan Pemilu serta Pemilihan{di_wilayah}."
        )
    if _jenis_sekretariat(data):
        peran += (
            f" {data.nama_pemilik} memberikan dukungan teknis dan administratif kepada {satker}."
        )
    kewajiban = (
        f"Sebagai instansi pemerintah yang menggunakan anggaran negara, {data.nama_pemilik} wajib "
        f"melaporkan kinerjanya sesuai {PERPRES_SAKIP}. Laporan Kinerja Tahun {data.tahun} ini "
        "menyajikan perbandingan antara kinerja yang direncanakan dan kinerja yang dicapai."
    )
    dasar = []
    renstra = data.renstra
    if renstra is not None:
        dasar.append(
            f"Kinerja tahun {data.tahun} mengacu pada {bersih(renstra.nama)} "
            f"(periode {renstra.tahun_mulai} sampai dengan {renstra.tahun_selesai})"
        )
    if ada_pk(data):
        dasar.append(
            f"dijabarkan dalam {nama_pk(data)} yang memuat {len(data.sasaran)} sasaran "
            f"strategis dan {data.jumlah_indikator} indikator kinerja"
        )
    kalimat_dasar = ""
    if dasar:
        kalimat_dasar = " dan ".join(dasar) + "."
        kalimat_dasar = kalimat_dasar[0].upper() + kalimat_dasar[1:]
    if data.anggaran:
        program = sebut([bersih(a.program) for a in data.anggaran])
        kalimat_dasar += (
            f" Pelaksanaannya didukung pagu anggaran sebesar {tulis_rupiah(data.total_pagu)} "
            f"pada {len(data.anggaran)} program, yaitu {program}."
        )
    return paragraf(peran, kewajiban, kalimat_dasar)


def maksud_tujuan(data: DataLaporan) -> str:
    """Purpose of the report, worded for this satker and year."""
    nama = data.nama_pemilik
    return paragraf(
        f"Laporan Kinerja ini dimaksudkan sebagai pertanggungjawaban {nama} atas pencapaian "
        f"sasaran strategis yang ditetapkan dalam {nama_pk(data)}.",
        "Tujuan penyusunan laporan ini adalah:",
        daftar(
            [
                f"menyajikan capaian setiap indikator kinerja tahun {data.tahun} dibandingkan "
                "dengan targetnya;",
                "menjelaskan penyebab keberhasilan atau kegagalan pencapaian sasaran beserta "
                "langkah perbaikannya;",
                "menyajikan realisasi anggaran yang mendukung pencapaian sasaran;",
                "menjadi bahan evaluasi dan perbaikan perencanaan kinerja tahun berikutnya.",
            ]
        ),
    )


def tugas_fungsi(data: DataLaporan) -> str:
    """The legal basis of the duties (the satker's own description is the staff's to write; the
    completeness list asks for it)."""
    lembaga = _nama_lembaga(data)
    kalimat = [
        f"Tugas, wewenang, dan kewajiban {lembaga} dalam penyelenggaraan Pemilu diatur dalam "
        f"{UU_PEMILU}, sedangkan dalam penyelenggaraan Pemilihan Gubernur, Bupati, dan Walikota "
        f"diatur dalam {UU_PILKADA}."
    ]
    sekretariat = {
        "kabkota": "Sekretariat KPU Kabupaten/Kota",
        "provinsi": "Sekretariat KPU Provinsi",
    }.get(_tingkat(data), "Sekretariat Jenderal KPU")
    kalimat.append(
        f"Tugas dan fungsi {sekretariat} dalam memberikan dukungan teknis dan administratif "
        "kepada KPU diatur dalam Peraturan KPU tentang Organisasi dan Tata Kerja Sekretariat "
        "Jenderal Komisi Pemilihan Umum, Sekretariat Komisi Pemilihan Umum Provinsi, dan "
        "Sekretariat Komisi Pemilihan Umum Kabupaten/Kota."
    )
    return paragraf(" ".join(kalimat))


def organisasi(data: DataLaporan) -> str:
    """Nothing: the structure and the staff are not in the data, so the section is printed only
    once the staff have written it (the completeness list asks for it)."""
    return ""


def isu_strategis(data: DataLaporan) -> str:
    """Issues read from the data: sasaran below target, missing realisasi, falling indicators."""
    butir = []
    for s in sasaran_di_bawah(data):
        lemah = [i for i in s.indikator if di_bawah(i.capaian)]
        rincian = f"; indikator di bawah target: {kode_indikator(lemah)}" if lemah else ""
        butir.append(
            f"{nama_sasaran(s)} baru mencapai {s.capaian_tampil}{kategori(s.kategori)}{rincian}."
        )
    semua = semua_indikator(data)
    kosong = tanpa_realisasi(semua)
    if kosong:
        butir.append(
            f"Realisasi {len(kosong)} dari {len(semua)} indikator belum dilaporkan "
            f"(indikator {kode_indikator(kosong)})."
        )
    for ind in semua:
        lalu = riwayat_terakhir(ind.riwayat, data.tahun)
        if lalu is None or ind.capaian is None:
            continue
        if bulatkan(ind.capaian) < bulatkan(lalu.capaian):
            butir.append(
                f"Capaian indikator {ind.kode} ({bersih(ind.nama)}) "
                f"{perubahan(lalu.capaian, lalu.tahun, ind.capaian, data.tahun)}."
            )
    if data.anggaran and data.penyerapan is None:
        butir.append("Realisasi anggaran belum dilaporkan; penyerapannya belum dapat dinilai.")
    pembuka = (
        f"Berdasarkan hasil pengukuran kinerja tahun {data.tahun}, isu yang perlu mendapat "
        f"perhatian {data.nama_pemilik} adalah sebagai berikut:"
    )
    if not butir:
        return paragraf(
            f"Hasil pengukuran kinerja tahun {data.tahun} tidak menunjukkan sasaran di bawah "
            "target, indikator tanpa realisasi, maupun indikator yang capaiannya turun "
            "dibandingkan tahun sebelumnya."
        )
    return paragraf(pembuka, daftar(butir))


def sistematika(data: DataLaporan) -> str:
    """The chapters of this report; the budget parts only where there is a budget."""
    ada_anggaran = bool(data.anggaran)
    ikhtisar = "ringkasan capaian kinerja" + (" dan penyerapan anggaran" if ada_anggaran else "")
    rencana = "Perjanjian Kinerja, serta rencana anggaran" if ada_anggaran else "Perjanjian Kinerja"
    bab3 = "capaian kinerja organisasi, berisi tabel pengukuran dan analisis setiap sasaran"
    if ada_anggaran:
        bab3 = f"(A) {bab3}; (B) realisasi anggaran"
    return paragraf(
        f"Laporan Kinerja {data.nama_pemilik} Tahun {data.tahun} disusun dengan sistematika "
        "berikut:",
        daftar(
            [
                f"**Ikhtisar Eksekutif**: {ikhtisar}.",
                "**BAB I Pendahuluan**: latar belakang, maksud dan tujuan, tugas dan fungsi "
                "organisasi, isu strategis, serta sistematika penyajian.",
                "**BAB II Perencanaan Kinerja**: ringkasan Rencana Strategis (visi, misi, "
                f"tujuan, sasaran, dan target) dan {rencana}.",
                f"**BAB III Akuntabilitas Kinerja**: {bab3}.",
                "**BAB IV Penutup**: kesimpulan serta saran dan rekomendasi.",
                f"**Lampiran**: {nama_pk(data)} beserta rencana aksinya.",
            ]
        ),
    )
