"""Drafts of the report's narrative sections, written from a `DataLaporan`.

Each function returns Markdown in Indonesian built only from the data it is given: no queries,
no invented claims. Numbers are formatted by kinerja.capaian (decimal comma, "96,35 %",
"Rp 51.412.431.000"); years are printed plainly ("2023"). The drafts are printed as they are, so
they speak to the report's readers and never to the staff: where data is missing, the part is
left out (an empty draft leaves the whole section out) or states a plain fact a reader needs
("realisasi belum dilaporkan"); what the staff must still fill in is listed on the report page
(laporan/kelengkapan.py), never printed. laporan/bagian.py calls the chapter sections as
`fungsi(data)` and the seven analyses of BAB III.A as `fungsi(data, sasaran)`.
"""

import re
from collections.abc import Iterable
from decimal import Decimal

from kinerja.capaian import hitung_status
from nilai import bulatkan, tulis_angka, tulis_persen, tulis_rupiah

from .data import DataLaporan, IndikatorLaporan, RiwayatTahun, SasaranLaporan

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
UU_PEMILU = "Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum"
UU_PILKADA = (
    "Undang-Undang Nomor 10 Tahun 2016 tentang Perubahan Kedua atas Undang-Undang Nomor 1 Tahun "
    "2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 "
    "tentang Pemilihan Gubernur, Bupati, dan Walikota Menjadi Undang-Undang"
)
KOSONG = {"", "—", "-", "None", "nan"}
NAMA_NARASI = {
    "penyebab": "Penyebab",
    "solusi": "Solusi",
    "program_pendukung": "Program pendukung",
    "kegiatan": "Kegiatan",
}


# --- Small helpers ---------------------------------------------------------------------------


def _paragraf(*bagian: str | None) -> str:
    """Blocks (paragraphs or lists) joined by blank lines; empty blocks are left out."""
    return "\n\n".join(b.strip() for b in bagian if b and b.strip())


def _daftar(butir: Iterable[str]) -> str:
    return "\n".join(f"- {b}" for b in butir)


def _sebut(butir: list[str]) -> str:
    """ "a", "a dan b", "a, b, dan c"."""
    if len(butir) <= 2:
        return " dan ".join(butir)
    return f"{', '.join(butir[:-1])}, dan {butir[-1]}"


def _tanggal(tanggal) -> str:
    return f"{tanggal.day} {BULAN[tanggal.month - 1]} {tanggal.year}"


def _bersih(teks: str | None) -> str:
    """Staff text on one line, without stray whitespace."""
    return " ".join((teks or "").split())


def _ada(teks: str | None) -> bool:
    return teks is not None and str(teks).strip() not in KOSONG


def _nilai(ind: IndikatorLaporan, teks: str | None) -> str | None:
    """A target or realisasi with its unit ("12 kali", "95 %", "BB"); None when absent."""
    if not _ada(teks):
        return None
    teks = str(teks).strip()
    satuan = (ind.satuan or "").strip()
    if ind.jenis_nilai == "angka" and satuan and satuan != "%" and not teks.endswith(satuan):
        return f"{teks} {satuan}"
    return teks


def _kode_indikator(daftar: list[IndikatorLaporan]) -> str:
    return _sebut([i.kode for i in daftar])


def _nama_indikator(ind: IndikatorLaporan) -> str:
    return f"**{ind.kode}** {_bersih(ind.nama)}"


def _nama_sasaran(s: SasaranLaporan) -> str:
    return f"{s.sebutan} “{_bersih(s.teks)}”"


def _aturan(teks: str) -> str:
    teks = teks.strip()
    return teks[:1].lower() + teks[1:] if teks[:1].isupper() else teks


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


def _di_bawah(nilai: Decimal | None) -> bool:
    return nilai is not None and bulatkan(nilai) < SERATUS


def _perubahan(lama: Decimal, tahun_lama: int, baru: Decimal, tahun_baru: int) -> str:
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


def _riwayat_terakhir(riwayat: list[RiwayatTahun], tahun: int) -> RiwayatTahun | None:
    """The latest earlier year that has a capaian."""
    lama = [r for r in riwayat if r.tahun < tahun and r.capaian is not None]
    return max(lama, key=lambda r: r.tahun) if lama else None


def _kategori(label: str | None) -> str:
    return f" (kategori {label})" if label else ""


def _semua_indikator(data: DataLaporan) -> list[IndikatorLaporan]:
    return [i for s in data.sasaran for i in s.indikator]


def _tanpa_realisasi(daftar: Iterable[IndikatorLaporan]) -> list[IndikatorLaporan]:
    return [i for i in daftar if not i.ada_realisasi]


def _jenis_sekretariat(data: DataLaporan) -> bool:
    return getattr(data.laporan, "jenis", "") == "sekretariat"


def _tingkat(data: DataLaporan) -> str:
    return getattr(data.satker, "tingkat", "") or ""


def _nama_lembaga(data: DataLaporan) -> str:
    """The commission of the report's level: "KPU Kabupaten/Kota", "KPU Provinsi" or "KPU"."""
    return {"kabkota": "KPU Kabupaten/Kota", "provinsi": "KPU Provinsi"}.get(_tingkat(data), "KPU")


def _nama_satker(data: DataLaporan) -> str:
    """The commission's own name ("KPU Kota Serang"), also for a secretariat's report."""
    return _bersih(getattr(data.satker, "nama", "")) or data.nama_pemilik


def _ada_pk(data: DataLaporan) -> bool:
    return data.pk is not None or bool(data.sasaran)


def _nama_pk(data: DataLaporan) -> str:
    """ "Perjanjian Kinerja Tahun 2024", or both PKs of a combined report."""
    if getattr(data, "gabungan", False):
        return f"Perjanjian Kinerja KPU dan Perjanjian Kinerja Sekretariat Tahun {data.tahun}"
    return f"Perjanjian Kinerja Tahun {data.tahun}"


def _kebijakan_batas(data: DataLaporan) -> str:
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
    return _sebut(bagian)


def _kalimat_status(status) -> str | None:
    """ "Dari 27 indikator, …" or "Seluruh 9 indikator belum memiliki nilai capaian"."""
    if not status.jumlah:
        return None
    if status.tanpa_nilai == status.jumlah:
        return f"Seluruh {status.jumlah} indikator belum memiliki nilai capaian."
    return f"Dari {status.jumlah} indikator, {_jumlah_status(status)}."


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
            return f"pada {_nama_sasaran(kelompok[0])}"
        if len(kelompok) <= 3:
            return f"pada {_sebut([s.sebutan for s in kelompok])}"
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
        perubahan = _perubahan(data.capaian_tahun_lalu, data.tahun_lalu, data.capaian, data.tahun)
        return f"Dibandingkan tahun sebelumnya, capaian keseluruhan {perubahan}."
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
    kalimat += f". Nilai ini adalah rata-rata capaian seluruh indikator; {_kebijakan_batas(data)}."
    return kalimat


def _sasaran_di_bawah(data: DataLaporan) -> list[SasaranLaporan]:
    return [s for s in data.sasaran if _di_bawah(s.capaian)]


def _narasi_butir(ind: IndikatorLaporan, jenis: str) -> list[str]:
    """Staff entries of one narrative field: "*Penyebab (TW IV):* …"."""
    hasil = []
    for teks in ind.narasi.get(jenis, []) if ind.narasi else []:
        teks = _bersih(teks)
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


# --- Front matter ----------------------------------------------------------------------------


def kata_pengantar(data: DataLaporan) -> str:
    """A factual foreword: what the report is, its legal basis and what it contains."""
    nama = data.nama_pemilik
    semua = _semua_indikator(data)
    # Only the comparisons the data allows are announced.
    banding = ["target tahun ini"]
    if any(r.tahun < data.tahun for i in semua for r in i.riwayat):
        banding.append("capaian tahun-tahun sebelumnya")
    if any(_ada(v) for i in semua for v in (i.target_renstra or {}).values()):
        banding.append("target jangka menengah Rencana Strategis")
    if any(_ada(i.standar_nasional) for i in semua):
        banding.append("standar nasional")
    isi = (
        f"Laporan ini menyajikan capaian {data.jumlah_indikator} indikator kinerja dari "
        f"{len(data.sasaran)} sasaran strategis yang ditetapkan dalam {_nama_pk(data)}. "
        f"Capaian tersebut dibandingkan dengan {_sebut(banding)}"
        + (", disertai realisasi anggaran." if data.anggaran else ".")
    )
    if not _ada_pk(data):
        isi = f"Laporan ini menyajikan perencanaan kinerja tahun {data.tahun}."
    return _paragraf(
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
    if not _ada_pk(data):
        return _paragraf(_kalimat_anggaran(data))
    pembuka = (
        f"Laporan Kinerja {nama} Tahun {data.tahun} mengukur {data.jumlah_indikator} indikator "
        f"kinerja dari {len(data.sasaran)} sasaran strategis yang ditetapkan dalam "
        f"{_nama_pk(data)}."
    )
    hasil = " ".join(k for k in (_kalimat_status(data.status), _sasaran_ekstrem(data)) if k)
    kalimat = (_kalimat_anggaran(data), _kalimat_tahun_lalu(data), _riwayat_ikhtisar(data))
    penutup = " ".join(k for k in kalimat if k)
    return _paragraf(f"{pembuka} {_kalimat_capaian(data)}", hasil, penutup)


def _riwayat_ikhtisar(data: DataLaporan) -> str | None:
    """The indicators with a result in the previous year (from the indicator history), compared
    with this year where this year has one: "Dibandingkan tahun sebelumnya, capaian indikator
    1.4 naik …"; otherwise "Pada 2023, capaian indikator 1.4 dan 6.1 adalah 125,00 %." Only
    when the overall capaian of last year is not known from a PK in the application."""
    if data.capaian_tahun_lalu is not None:
        return None
    tahun_lalu = data.tahun - 1
    banding, per_nilai = [], {}
    for ind in _semua_indikator(data):
        lalu = next(
            (r for r in ind.riwayat if r.tahun == tahun_lalu and r.capaian is not None), None
        )
        if lalu is None:
            continue
        if ind.capaian is not None:
            banding.append(
                f"indikator {ind.kode} "
                f"{_perubahan(lalu.capaian, lalu.tahun, ind.capaian, data.tahun)}"
            )
        else:
            per_nilai.setdefault(lalu.capaian_tampil, []).append(ind.kode)
    kalimat = []
    if banding:
        kalimat.append(f"Dibandingkan tahun sebelumnya, capaian {_sebut(banding)}.")
    if per_nilai:
        isi = _sebut([f"indikator {_sebut(kode)} {nilai}" for nilai, kode in per_nilai.items()])
        kalimat.append(f"Capaian tahun {tahun_lalu}: {isi}.")
    return " ".join(kalimat) or None


# --- BAB I Pendahuluan -----------------------------------------------------------------------


def latar_belakang(data: DataLaporan) -> str:
    """Why the report exists, and the year's basis (Renstra, PK, budget) from the data."""
    satker = _nama_satker(data)
    wilayah = _bersih(getattr(data.satker, "nama_wilayah", ""))
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
            f"Kinerja tahun {data.tahun} mengacu pada {_bersih(renstra.nama)} "
            f"(periode {renstra.tahun_mulai} sampai dengan {renstra.tahun_selesai})"
        )
    if _ada_pk(data):
        dasar.append(
            f"dijabarkan dalam {_nama_pk(data)} yang memuat {len(data.sasaran)} sasaran "
            f"strategis dan {data.jumlah_indikator} indikator kinerja"
        )
    kalimat_dasar = ""
    if dasar:
        kalimat_dasar = " dan ".join(dasar) + "."
        kalimat_dasar = kalimat_dasar[0].upper() + kalimat_dasar[1:]
    if data.anggaran:
        program = _sebut([_bersih(a.program) for a in data.anggaran])
        kalimat_dasar += (
            f" Pelaksanaannya didukung pagu anggaran sebesar {tulis_rupiah(data.total_pagu)} "
            f"pada {len(data.anggaran)} program, yaitu {program}."
        )
    return _paragraf(peran, kewajiban, kalimat_dasar)


def maksud_tujuan(data: DataLaporan) -> str:
    """Purpose of the report, worded for this satker and year."""
    nama = data.nama_pemilik
    return _paragraf(
        f"Laporan Kinerja ini dimaksudkan sebagai pertanggungjawaban {nama} atas pencapaian "
        f"sasaran strategis yang ditetapkan dalam {_nama_pk(data)}.",
        "Tujuan penyusunan laporan ini adalah:",
        _daftar(
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
    return _paragraf(" ".join(kalimat))


def organisasi(data: DataLaporan) -> str:
    """Nothing: the structure and the staff are not in the data, so the section is printed only
    once the staff have written it (the completeness list asks for it)."""
    return ""


def isu_strategis(data: DataLaporan) -> str:
    """Issues read from the data: sasaran below target, missing realisasi, falling indicators."""
    butir = []
    for s in _sasaran_di_bawah(data):
        lemah = [i for i in s.indikator if _di_bawah(i.capaian)]
        rincian = f"; indikator di bawah target: {_kode_indikator(lemah)}" if lemah else ""
        butir.append(
            f"{_nama_sasaran(s)} baru mencapai {s.capaian_tampil}{_kategori(s.kategori)}{rincian}."
        )
    semua = _semua_indikator(data)
    kosong = _tanpa_realisasi(semua)
    if kosong:
        butir.append(
            f"Realisasi {len(kosong)} dari {len(semua)} indikator belum dilaporkan "
            f"(indikator {_kode_indikator(kosong)})."
        )
    for ind in semua:
        lalu = _riwayat_terakhir(ind.riwayat, data.tahun)
        if lalu is None or ind.capaian is None:
            continue
        if bulatkan(ind.capaian) < bulatkan(lalu.capaian):
            butir.append(
                f"Capaian indikator {ind.kode} ({_bersih(ind.nama)}) "
                f"{_perubahan(lalu.capaian, lalu.tahun, ind.capaian, data.tahun)}."
            )
    if data.anggaran and data.penyerapan is None:
        butir.append("Realisasi anggaran belum dilaporkan; penyerapannya belum dapat dinilai.")
    pembuka = (
        f"Berdasarkan hasil pengukuran kinerja tahun {data.tahun}, isu yang perlu mendapat "
        f"perhatian {data.nama_pemilik} adalah sebagai berikut:"
    )
    if not butir:
        return _paragraf(
            f"Hasil pengukuran kinerja tahun {data.tahun} tidak menunjukkan sasaran di bawah "
            "target, indikator tanpa realisasi, maupun indikator yang capaiannya turun "
            "dibandingkan tahun sebelumnya."
        )
    return _paragraf(pembuka, _daftar(butir))


def sistematika(data: DataLaporan) -> str:
    """The chapters of this report; the budget parts only where there is a budget."""
    ada_anggaran = bool(data.anggaran)
    ikhtisar = "ringkasan capaian kinerja" + (" dan penyerapan anggaran" if ada_anggaran else "")
    rencana = "Perjanjian Kinerja, serta rencana anggaran" if ada_anggaran else "Perjanjian Kinerja"
    bab3 = "capaian kinerja organisasi, berisi tabel pengukuran dan analisis setiap sasaran"
    if ada_anggaran:
        bab3 = f"(A) {bab3}; (B) realisasi anggaran"
    return _paragraf(
        f"Laporan Kinerja {data.nama_pemilik} Tahun {data.tahun} disusun dengan sistematika "
        "berikut:",
        _daftar(
            [
                f"**Ikhtisar Eksekutif**: {ikhtisar}.",
                "**BAB I Pendahuluan**: latar belakang, maksud dan tujuan, tugas dan fungsi "
                "organisasi, isu strategis, serta sistematika penyajian.",
                "**BAB II Perencanaan Kinerja**: ringkasan Rencana Strategis (visi, misi, "
                f"tujuan, sasaran, dan target) dan {rencana}.",
                f"**BAB III Akuntabilitas Kinerja**: {bab3}.",
                "**BAB IV Penutup**: kesimpulan serta saran dan rekomendasi.",
                f"**Lampiran**: {_nama_pk(data)} beserta rencana aksinya.",
            ]
        ),
    )


# --- BAB II and III introductions ------------------------------------------------------------


def perencanaan(data: DataLaporan) -> str:
    """BAB II intro: the Renstra and what it holds (the chapter prints its visi, misi, tujuan
    and sasaran after this text, and describes each PK in its own part)."""
    blok = []
    renstra = data.renstra
    if renstra is not None:
        if renstra.tahun_mulai <= data.tahun <= renstra.tahun_selesai:
            kalimat = (
                f"Perencanaan kinerja {data.nama_pemilik} mengacu pada {_bersih(renstra.nama)} "
                f"yang berlaku untuk periode {renstra.tahun_mulai} sampai dengan "
                f"{renstra.tahun_selesai}; tahun {data.tahun} merupakan tahun ke-"
                f"{data.tahun - renstra.tahun_mulai + 1} dari periode tersebut."
            )
        else:
            kalimat = (
                f"Perencanaan kinerja {data.nama_pemilik} mengacu pada {_bersih(renstra.nama)} "
                f"(periode {renstra.tahun_mulai} sampai dengan {renstra.tahun_selesai})."
            )
        blok.append(kalimat)
        isi = ["visi"] if _bersih(renstra.visi) else []
        if data.misi:
            isi.append(f"{len(data.misi)} misi")
        if data.tujuan:
            isi.append(f"{len(data.tujuan)} tujuan")
        if data.sasaran_renstra:
            isi.append(f"{len(data.sasaran_renstra)} sasaran strategis")
        if isi:
            blok.append(f"Renstra tersebut memuat {_sebut(isi)} sebagai berikut.")
    return _paragraf(*blok)


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
        butir.append(f"{batas}: {_bersih(p.label)}")
    return butir


def pengukuran(data: DataLaporan) -> str:
    """BAB III intro: the rules used, rounding, roll-up, the category scale and cap policy."""
    semua = _semua_indikator(data)
    if not semua:
        return ""
    aturan: dict[str, int] = {}
    for ind in semua:
        aturan[ind.hasil.aturan] = aturan.get(ind.hasil.aturan, 0) + 1
    if len(aturan) == 1:
        rumus = (
            f"Capaian seluruh {len(semua)} indikator dihitung dengan rumus "
            f"{_aturan(next(iter(aturan)))}."
        )
    else:
        rumus = _paragraf(
            f"Capaian {len(semua)} indikator dihitung sesuai jenis dan arah indikatornya, "
            "dengan rumus berikut:",
            _daftar(f"{a} ({n} indikator)" for a, n in aturan.items()),
        )
    blok = [
        f"Pengukuran kinerja {data.nama_pemilik} tahun {data.tahun} membandingkan realisasi "
        f"setiap indikator dalam Perjanjian Kinerja dengan targetnya.",
        rumus,
        "Perhitungan dilakukan dengan presisi penuh; hasilnya ditampilkan dengan dua angka "
        "desimal menggunakan pembulatan setengah ke atas.",
        "Capaian sasaran adalah rata-rata capaian indikatornya, dan capaian keseluruhan adalah "
        f"rata-rata capaian seluruh indikator; {_kebijakan_batas(data)}. Indikator yang "
        "capaiannya belum dapat dihitung tidak ikut dirata-ratakan.",
    ]
    if data.pita:
        judul = f"menurut {data.nama_skala}" if data.nama_skala else "berikut"
        blok.append(f"Setiap capaian dikategorikan {judul}:")
        blok.append(_daftar(_pita_urut(data)))
        blok.append(
            "Kategori ditentukan dari capaian yang telah dibulatkan, sehingga capaian yang tampil "
            "tepat pada batas bawah suatu kategori termasuk dalam kategori tersebut."
        )
    return _paragraf(*blok)


def anggaran(data: DataLaporan) -> str:
    """BAB III.B narrative: pagu per programme, total; realisasi only where entered."""
    if not data.anggaran:
        return ""
    butir = []
    for a in data.anggaran:
        nama = f"{a.kode} {_bersih(a.program)}".strip()
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
        _daftar(butir),
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
    return _paragraf(*blok)


# --- BAB IV Penutup --------------------------------------------------------------------------


def kesimpulan(data: DataLaporan) -> str:
    """Overall result, counts and the sasaran below target by name."""
    if not _ada_pk(data):
        return ""
    blok = []
    if data.capaian is not None:
        blok.append(
            f"Secara keseluruhan, capaian kinerja {data.nama_pemilik} Tahun {data.tahun} adalah "
            f"{data.capaian_tampil}{_kategori(data.kategori)}, diukur dari "
            f"{data.jumlah_indikator} indikator pada {len(data.sasaran)} sasaran strategis."
        )
    else:
        blok.append(
            f"Capaian kinerja {data.nama_pemilik} Tahun {data.tahun} belum dapat disimpulkan "
            "karena realisasi indikatornya belum dilaporkan."
        )
    blok.append(_kalimat_status(data.status))
    bawah = _sasaran_di_bawah(data)
    tercapai = [s for s in data.sasaran if s.capaian is not None and not _di_bawah(s.capaian)]
    if bawah:
        blok.append(
            f"Sebanyak {len(tercapai)} sasaran mencapai target, sedangkan {len(bawah)} sasaran "
            "berikut belum:"
            if tercapai
            else f"Seluruh {len(bawah)} sasaran yang terukur belum mencapai target:"
        )
        blok.append(
            _daftar(
                f"{_nama_sasaran(s)}: {s.capaian_tampil}{_kategori(s.kategori)}." for s in bawah
            )
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
        perubahan = _perubahan(data.capaian_tahun_lalu, data.tahun_lalu, data.capaian, data.tahun)
        blok.append(f"Capaian keseluruhan {perubahan}.")
    if data.penyerapan is not None:
        blok.append(f"Penyerapan anggaran mencapai {tulis_persen(data.penyerapan)}.")
    return _paragraf(*blok)


def _rincian_lemah(ind: IndikatorLaporan) -> str:
    """ "indikator 1.1, realisasi 60 % dari target 90 %" (with the direction when lower is
    better)."""
    target = _nilai(ind, ind.target)
    realisasi = _nilai(ind, ind.realisasi) if ind.ada_realisasi else None
    if not (target and realisasi):
        return f"indikator {ind.kode}"
    arah = ", makin rendah makin baik" if ind.negatif else ""
    return f"indikator {ind.kode}, realisasi {realisasi} terhadap target {target}{arah}"


def saran(data: DataLaporan) -> str:
    """Recommendations derived from the data: one per weakness found, nothing generic."""
    blok = []
    bawah = _sasaran_di_bawah(data)
    if bawah:
        butir = []
        for s in bawah:
            lemah = [i for i in s.indikator if _di_bawah(i.capaian)]
            teks = f"{_nama_sasaran(s)} ({s.capaian_tampil})"
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
        blok.append(_daftar(butir))
    lain = [s for s in data.sasaran if not _di_bawah(s.capaian)]
    lemah_lain = [i for s in lain for i in s.indikator if _di_bawah(i.capaian)]
    if lemah_lain:
        blok.append(
            f"**Indikator di bawah target.** Telaah juga indikator {_kode_indikator(lemah_lain)} "
            "yang masih di bawah target meskipun rata-rata sasarannya tercapai."
        )
    kosong = _tanpa_realisasi(_semua_indikator(data))
    if kosong:
        blok.append(
            f"**Pengukuran kinerja.** Realisasi indikator {_kode_indikator(kosong)} belum "
            "dilaporkan. Tetapkan penanggung jawab, sumber data, dan jadwal pengukuran setiap "
            "indikator agar seluruh target Perjanjian Kinerja dapat diukur dan dievaluasi."
        )
    if not blok:
        return _paragraf(
            f"Seluruh indikator tahun {data.tahun} mencapai atau melampaui target. Capaian ini "
            "perlu dipertahankan dengan menjaga konsistensi pelaksanaan rencana aksi, "
            "pemantauan triwulanan, dan ketersediaan data dukung setiap indikator."
        )
    return _paragraf(
        f"Rekomendasi berikut diturunkan dari hasil pengukuran kinerja tahun {data.tahun}.",
        *blok,
    )


# --- BAB III.A: the seven analyses per sasaran -----------------------------------------------


def _sebut_sasaran(s: SasaranLaporan) -> str:
    """Short reference used inside an analysis (the sasaran's full name heads its section)."""
    return s.sebutan


def _catatan_tanpa_realisasi(daftar: list[IndikatorLaporan]) -> str | None:
    kosong = _tanpa_realisasi(daftar)
    if not kosong:
        return None
    return f"Realisasi indikator {_kode_indikator(kosong)} belum dilaporkan."


def _baris_target(data: DataLaporan, ind: IndikatorLaporan) -> str:
    bagian = []
    target = _nilai(ind, ind.target)
    if target:
        keterangan = []
        kegiatan = _bersih(ind.target_kegiatan)
        if _ada(kegiatan) and kegiatan != target:
            keterangan.append(f"target kegiatan {kegiatan}")
        if ind.negatif:
            keterangan.append("makin rendah makin baik")
        tambahan = f" ({'; '.join(keterangan)})" if keterangan else ""
        bagian.append(f"target {target}{tambahan}")
    else:
        bagian.append("target belum ditetapkan")
    realisasi = _nilai(ind, ind.realisasi) if ind.ada_realisasi else None
    if realisasi:
        bagian.append(f"realisasi {realisasi}")
    if ind.capaian is not None:
        bagian.append(
            f"capaian {ind.capaian_tampil}{_kategori(ind.kategori)}, {_status(ind.capaian)}"
        )
        bagian.append(f"rumus {_aturan(ind.hasil.aturan)}")
    elif ind.ada_realisasi and target:
        alasan = _bersih(ind.hasil.alasan).rstrip(".")
        bagian.append(f"capaian tidak dihitung ({_aturan(alasan)})" if alasan else "")
    return f"{_nama_indikator(ind)}: {'; '.join(b for b in bagian if b)}."


def analisis_target(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(1) Each indicator against its target, with the rule used; then the sasaran's mean."""
    if not sasaran.indikator:
        return ""
    jumlah = len(sasaran.indikator)
    pembuka = (
        f"{_nama_sasaran(sasaran)} diukur dengan "
        f"{'satu indikator' if jumlah == 1 else f'{jumlah} indikator'}. Perbandingan "
        f"realisasi dengan target tahun {data.tahun}:"
    )
    kosong = _tanpa_realisasi(sasaran.indikator)
    catatan = _catatan_tanpa_realisasi(sasaran.indikator)
    if sasaran.capaian is None:
        if kosong and len(kosong) == jumlah:
            penutup = (
                f"Capaian sasaran ini belum dapat dihitung karena realisasi indikator "
                f"{_kode_indikator(kosong)} belum dilaporkan."
            )
            catatan = None
        else:
            penutup = "Capaian sasaran ini tidak dapat dihitung."
    elif jumlah == 1:
        penutup = (
            f"Capaian sasaran ini sama dengan capaian indikatornya, {sasaran.capaian_tampil}"
            f"{_kategori(sasaran.kategori)}."
        )
    else:
        status = hitung_status(i.capaian for i in sasaran.indikator)
        penutup = (
            f"Rata-rata capaian sasaran ini adalah {sasaran.capaian_tampil}"
            f"{_kategori(sasaran.kategori)}; {_kebijakan_batas(data)}. "
            f"{_kalimat_status(status)}"
        )
        if kosong:
            penutup += (
                f" Rata-rata ini belum mencakup indikator {_kode_indikator(kosong)} yang "
                "realisasinya belum dilaporkan."
            )
            catatan = None
    return _paragraf(
        pembuka,
        _daftar(_baris_target(data, i) for i in sasaran.indikator),
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
                if r.tahun < data.tahun and (r.capaian is not None or _ada(r.realisasi))
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
            perubahan = _perubahan(terakhir.capaian, terakhir.tahun, sasaran.capaian, data.tahun)
            blok.append(f"Capaian {_sebut_sasaran(sasaran)} {perubahan}.")
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
        terakhir = _riwayat_terakhir(lama, data.tahun)
        if terakhir is not None and ind.capaian is not None:
            teks = (
                f"capaian {_perubahan(terakhir.capaian, terakhir.tahun, ind.capaian, data.tahun)}"
            )
        elif terakhir is not None:
            sebab = "" if ind.ada_realisasi else " karena realisasinya belum dilaporkan"
            teks = (
                f"capaian pada {terakhir.tahun} sebesar {terakhir.capaian_tampil}; capaian tahun "
                f"{data.tahun} belum dapat dihitung{sebab}"
            )
        else:
            teks = "capaian tahun sebelumnya tidak dihitung"
        realisasi = [
            f"{_nilai(ind, r.realisasi)}"
            + (
                f" terhadap target {_nilai(ind, r.target)}"
                if _ada(r.target)
                else (" tanpa target" if r.capaian is None else "")
            )
            + f" pada {r.tahun}"
            for r in lama
            if _ada(r.realisasi)
        ]
        if realisasi and ind.ada_realisasi and _ada(ind.realisasi):
            realisasi.append(f"{_nilai(ind, ind.realisasi)} pada {data.tahun}")
        if realisasi:
            teks += f" (realisasi {', '.join(realisasi)})"
        butir.append(f"{_nama_indikator(ind)}: {teks}.")
    if butir:
        blok.append("Perbandingan per indikator:")
        blok.append(_daftar(butir))
    blok.append(_catatan_tanpa_realisasi(sasaran.indikator))
    return _paragraf(*blok)


def analisis_renstra(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(3) Realisasi against the Renstra's medium-term targets."""
    renstra = data.renstra
    akhir = renstra.tahun_selesai if renstra is not None else None
    butir = []
    tanpa = []
    for ind in sasaran.indikator:
        tahunan = {
            t: _nilai(ind, v) for t, v in sorted((ind.target_renstra or {}).items()) if _ada(v)
        }
        target_akhir = _nilai(ind, ind.target_akhir_renstra)
        if not tahunan and not target_akhir:
            tanpa.append(ind)
            continue
        bagian = []
        if _ada(ind.baseline):
            bagian.append(f"baseline {_nilai(ind, ind.baseline)}")
        if tahunan:
            # Earlier years with a known result show it beside their Renstra target.
            hasil_lalu = {
                r.tahun: _nilai(ind, r.realisasi)
                for r in ind.riwayat or []
                if r.tahun < data.tahun and _ada(r.realisasi)
            }
            bagian.append(
                "target Renstra "
                + ", ".join(
                    f"{v} pada {t}" + (f" (realisasi {hasil_lalu[t]})" if t in hasil_lalu else "")
                    for t, v in tahunan.items()
                )
            )
        target_pk = _nilai(ind, ind.target)
        target_tahun_ini = tahunan.get(data.tahun)
        if target_tahun_ini and target_pk:
            if target_tahun_ini == target_pk:
                bagian.append(f"target {data.tahun} sama dengan target Perjanjian Kinerja")
            else:
                bagian.append(
                    f"target {data.tahun} dalam Renstra ({target_tahun_ini}) berbeda dengan "
                    f"target Perjanjian Kinerja ({target_pk})"
                )
        realisasi = _nilai(ind, ind.realisasi) if ind.ada_realisasi else None
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
        _daftar(butir),
    ]
    blok.append(_catatan_tanpa_realisasi([i for i in sasaran.indikator if i not in tanpa]))
    return _paragraf(*blok)


def analisis_nasional(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(4) Realisasi against the national standard, where one is recorded."""
    ada = [i for i in sasaran.indikator if _ada(i.standar_nasional)]
    if not ada:
        return ""
    butir = []
    for ind in ada:
        teks = f"standar nasional {_nilai(ind, ind.standar_nasional)}"
        realisasi = _nilai(ind, ind.realisasi) if ind.ada_realisasi else None
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
        _daftar(butir),
    ]
    blok.append(_catatan_tanpa_realisasi(ada))
    return _paragraf(*blok)


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
        blok.append(_daftar(butir))
    return blok, tanpa


def analisis_penyebab(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(5) Causes and solutions, quoted from the staff's realisasi entries."""
    blok, _tanpa = _analisis_narasi(sasaran, ("penyebab", "solusi"))
    if not blok:
        return ""
    return _paragraf(
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
    return _paragraf(*blok)


def analisis_program(data: DataLaporan, sasaran: SasaranLaporan) -> str:
    """(7) Supporting programmes and activities, quoted from the staff's realisasi entries."""
    blok, _tanpa = _analisis_narasi(sasaran, ("program_pendukung", "kegiatan"))
    if not blok:
        return ""
    return _paragraf(
        f"Program dan kegiatan yang menunjang {_sebut_sasaran(sasaran)}:",
        *blok,
    )
