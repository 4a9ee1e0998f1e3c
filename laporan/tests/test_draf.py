"""The drafts of laporan/draf.py, written from DataLaporan objects built without the database."""

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja.capaian import Aturan, Capaian, Pita, hitung_status
from kinerja.models import PerjanjianKinerja, Renstra
from laporan import draf
from laporan.data import (
    DataLaporan,
    IndikatorLaporan,
    PKLaporan,
    ProgramAnggaran,
    RiwayatTahun,
    SasaranLaporan,
)
from laporan.kelengkapan import kalimat_untuk_staf
from laporan.models import Laporan
from laporan.teks import ke_html
from satker.models import Satker

D = Decimal
SERATUS = D("100")
BAGIAN = [
    draf.kata_pengantar,
    draf.ikhtisar,
    draf.latar_belakang,
    draf.maksud_tujuan,
    draf.tugas_fungsi,
    draf.organisasi,
    draf.isu_strategis,
    draf.sistematika,
    draf.perencanaan,
    draf.pengukuran,
    draf.anggaran,
    draf.kesimpulan,
    draf.saran,
]
ANALISIS = [
    draf.analisis_target,
    draf.analisis_tahun_lalu,
    draf.analisis_renstra,
    draf.analisis_nasional,
    draf.analisis_penyebab,
    draf.analisis_efisiensi,
    draf.analisis_program,
]
PITA = [
    Pita(D("55"), "Cukup Baik"),
    Pita(D("91"), "Sangat Baik"),
    Pita(D("0"), "Gagal"),
    Pita(D("76"), "Baik"),
]
NARASI_KOSONG = {"kegiatan": [], "penyebab": [], "solusi": [], "program_pendukung": []}


def indikator(kode="1.1", capaian=SERATUS, **kw) -> IndikatorLaporan:
    nilai = {
        "kode": kode,
        "nama": f"Persentase indikator {kode}",
        "satuan": "%",
        "jenis_nilai": "angka",
        "negatif": False,
        "target": "100 %",
        "target_kegiatan": "",
        "realisasi": "100 %",
        "ada_realisasi": True,
        "hasil": Capaian(capaian, Aturan.POSITIF),
        "kategori": "Sangat Baik" if capaian is not None else None,
        "target_renstra": {},
        "target_akhir_renstra": None,
        "capaian_thd_renstra": None,
        "baseline": None,
        "standar_nasional": None,
        "capaian_thd_standar": None,
        "riwayat": [],
        "narasi": dict(NARASI_KOSONG),
    }
    nilai.update(kw)
    return IndikatorLaporan(**nilai)


def tanpa_realisasi(kode: str) -> IndikatorLaporan:
    return indikator(
        kode,
        capaian=None,
        realisasi="—",
        ada_realisasi=False,
        hasil=Capaian(None, Aturan.POSITIF, "Realisasi belum dilaporkan."),
    )


def sasaran(nomor=1, daftar=None, capaian=SERATUS, **kw) -> SasaranLaporan:
    return SasaranLaporan(
        nomor=nomor,
        teks=kw.pop("teks", f"Terwujudnya sasaran nomor {nomor}"),
        indikator=daftar if daftar is not None else [indikator(f"{nomor}.1", capaian)],
        capaian=capaian,
        kategori=kw.pop("kategori", "Sangat Baik" if capaian is not None else None),
        riwayat=kw.pop("riwayat", []),
        penyerapan=kw.pop("penyerapan", None),
    )


def satker(**kw) -> Satker:
    nilai = {
        "kode": "36.73",
        "nama": "KPU Kota Serang",
        "nama_wilayah": "Kota Serang",
        "tingkat": "kabkota",
    }
    nilai.update(kw)
    return Satker(**nilai)


def data_laporan(**kw) -> DataLaporan:
    """A complete secretariat report for 2023 with one sasaran below target."""
    s = kw.pop("satker", None) or satker()
    tahun = kw.pop("tahun", 2023)
    jenis = kw.pop("jenis", "sekretariat")
    laporan = Laporan(satker=s, tahun=tahun, jenis=jenis)
    renstra = Renstra(
        satker=s,
        nama=f"Rencana Strategis {s.nama} 2020–2024",
        tahun_mulai=2020,
        tahun_selesai=2024,
        visi="Menjadi penyelenggara Pemilu yang mandiri",
    )
    pk = PerjanjianKinerja(
        satker=s,
        tahun=tahun,
        jenis=jenis,
        tanggal_ttd=date(tahun, 1, 2),
        pihak_pertama_nama="Hendro Sulisty",
        pihak_pertama_jabatan="Sekretaris KPU Kota Serang",
    )
    daftar_sasaran = kw.pop(
        "sasaran",
        [
            sasaran(1, capaian=D("102.0408")),
            sasaran(
                2,
                [
                    indikator("2.1", D("100")),
                    indikator("2.2", D("80"), realisasi="80 %", kategori="Baik"),
                ],
                capaian=D("90"),
            ),
        ],
    )
    nilai_capaian = [i.capaian for s_ in daftar_sasaran for i in s_.indikator]
    nama_pemilik = kw.pop(
        "nama_pemilik", f"Sekretariat {s.nama}" if jenis == "sekretariat" else s.nama
    )
    nilai = {
        "laporan": laporan,
        "tahun": tahun,
        "judul": f"Laporan Kinerja {nama_pemilik} Tahun {tahun}",
        "nama_pemilik": nama_pemilik,
        "renstra": renstra,
        "misi": ["Misi satu", "Misi dua"],
        "tujuan": ["Tujuan satu"],
        "tahun_renstra": list(range(2020, 2025)),
        "sasaran_renstra": [],
        "pk_list": [],
        "sasaran": daftar_sasaran,
        "capaian": D("96.3454"),
        "kategori": "Sangat Baik",
        "status": hitung_status(nilai_capaian),
        "pita": PITA,
        "nama_skala": "Skala 4 tingkat (91/76/55/0)",
        "batas_rerata": "Tanpa batas",
        "anggaran": [
            ProgramAnggaran("076.01.WA", "Program Dukungan Manajemen", D("2159443000")),
            ProgramAnggaran("076.01.CQ", "Program Penyelenggaraan Pemilu", D("49252988000")),
        ],
        "tahun_lalu": None,
        "capaian_tahun_lalu": None,
    }
    pk = kw.pop("pk", pk)
    nilai.update(kw)
    if pk is not None:
        nilai["pk_list"] = [
            PKLaporan(
                pk=pk,
                jenis=jenis,
                nama_pemilik=nama_pemilik,
                sasaran=nilai["sasaran"],
                item=[],
                capaian=nilai["capaian"],
                kategori=nilai["kategori"],
                status=nilai["status"],
            )
        ]
    return DataLaporan(**nilai)


def data_kosong(**kw) -> DataLaporan:
    """A report whose PK has no realisasi, no budget, no history and no scale chosen."""
    nilai = {
        "sasaran": [sasaran(1, [tanpa_realisasi("1.1"), tanpa_realisasi("1.2")], capaian=None)],
        "capaian": None,
        "kategori": None,
        "pita": [],
        "nama_skala": "",
        "anggaran": [],
        "misi": [],
        "tujuan": [],
    }
    nilai.update(kw)
    data = data_laporan(**nilai)
    data.status = hitung_status(i.capaian for s in data.sasaran for i in s.indikator)
    return data


def semua_teks(data: DataLaporan) -> list[str]:
    teks = [f(data) for f in BAGIAN]
    for s in data.sasaran:
        teks += [f(data, s) for f in ANALISIS]
    return teks


class BentukTeksTests(SimpleTestCase):
    def test_setiap_bagian_berisi_bila_datanya_ada(self):
        """Every section with data behind it returns text; the organisation, which the data does
        not describe, returns nothing (the section is then left out of the report)."""
        data = data_laporan()
        for f in BAGIAN:
            with self.subTest(f.__name__):
                self.assertEqual(bool(f(data).strip()), f is not draf.organisasi)
        self.assertTrue(draf.analisis_target(data, data.sasaran[0]).strip())

    def test_analisis_tanpa_data_kosong(self):
        """An analysis whose data is missing (no history, Renstra target, standard, narrative or
        budget) returns nothing, so the report leaves it out."""
        data = data_laporan(anggaran=[])
        for f in ANALISIS[1:]:
            with self.subTest(f.__name__):
                self.assertEqual(f(data, data.sasaran[0]), "")

    def test_daftar_markdown_menjadi_daftar_html(self):
        """Lists in the drafts are preceded by a blank line, so Markdown renders them."""
        html = ke_html(draf.pengukuran(data_laporan()))
        self.assertIn("<li>≥ 91,00 %: Sangat Baik</li>", html)

    def test_nama_satker_dan_tahun_dipakai(self):
        """The foreword and summary name this satker and year, not a hard-coded one."""
        data = data_laporan(
            satker=satker(
                kode="18.03",
                nama="KPU Kabupaten Lampung Utara",
                nama_wilayah="Kabupaten Lampung Utara",
            ),
            jenis="lembaga",
            tahun=2024,
        )
        for f in (draf.kata_pengantar, draf.ikhtisar, draf.latar_belakang, draf.maksud_tujuan):
            with self.subTest(f.__name__):
                teks = f(data)
                self.assertIn("KPU Kabupaten Lampung Utara", teks)
                self.assertIn("2024", teks)
                self.assertNotIn("Serang", teks)
                self.assertNotIn("2023", teks)

    def test_tahun_hanya_dari_data(self):
        """Outside legal citations, every year printed is the report's or the Renstra's."""
        data = data_laporan(tahun=2031, tahun_renstra=list(range(2030, 2035)))
        data.renstra.tahun_mulai, data.renstra.tahun_selesai = 2030, 2034
        data.renstra.nama = "Rencana Strategis KPU Kota Serang 2030–2034"
        teks = " ".join(semua_teks(data))
        teks = re.sub(r"Nomor \d+ Tahun \d{4}", "", teks)
        self.assertEqual(set(re.findall(r"\b(?:19|20)\d\d\b", teks)), {"2030", "2031", "2034"})

    def test_kata_pengantar_hanya_menyebut_perbandingan_yang_ada(self):
        """The foreword announces only the comparisons the data allows."""
        teks = draf.kata_pengantar(data_laporan(anggaran=[]))
        self.assertIn("dibandingkan dengan target tahun ini.", teks)
        ind = indikator(
            "1.1", riwayat=[RiwayatTahun(2022, "90 %", D("90"))], standar_nasional="95 %"
        )
        teks = draf.kata_pengantar(data_laporan(sasaran=[sasaran(1, [ind])]))
        self.assertIn(
            "dibandingkan dengan target tahun ini, capaian tahun-tahun sebelumnya, dan standar "
            "nasional, disertai realisasi anggaran.",
            teks,
        )

    def test_tidak_ada_ucapan_terima_kasih_di_kata_pengantar(self):
        """The foreword is factual: legal basis, no thanks."""
        teks = draf.kata_pengantar(data_laporan())
        self.assertIn("Peraturan Presiden Nomor 29 Tahun 2014", teks)
        self.assertIn("Nomor 53 Tahun 2014", teks)
        self.assertNotIn("terima kasih", teks.lower())


class DataKosongTests(SimpleTestCase):
    POLA_SAMPAH = re.compile(r"\bNone\b|\bnan\b|—|\{\}|\[\]")

    def periksa(self, data: DataLaporan):
        for teks in semua_teks(data):
            self.assertIsNone(self.POLA_SAMPAH.search(teks), teks)
            self.assertEqual(kalimat_untuk_staf(teks), [], teks)

    def test_tanpa_none_nan_atau_tanda_pisah_pada_data_kosong(self):
        """A report with empty realisasi, budget, history and scale prints no None/nan/—."""
        self.periksa(data_kosong())

    def test_tanpa_none_bila_pk_belum_ada(self):
        """A report without a PK prints plain sentences or nothing, never None or a request."""
        data = data_kosong(pk=None, sasaran=[])
        self.periksa(data)
        self.assertEqual(draf.ikhtisar(data), "")

    @settings(max_examples=60, deadline=None)
    @given(
        capaian=st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=4)),
        ada_realisasi=st.booleans(),
        lalu=st.one_of(st.none(), st.decimals(min_value=0, max_value=200, places=2)),
        realisasi_anggaran=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9)),
        tanpa_pita=st.booleans(),
        tanpa_pk=st.booleans(),
    )
    def test_sifat_tanpa_sampah_untuk_data_acak(
        self, capaian, ada_realisasi, lalu, realisasi_anggaran, tanpa_pita, tanpa_pk
    ):
        """Whatever mix of fields is empty, no draft prints None, nan or a lone dash."""
        ind = indikator(
            "1.1",
            capaian if ada_realisasi else None,
            ada_realisasi=ada_realisasi,
            realisasi="90 %" if ada_realisasi else "—",
            riwayat=[RiwayatTahun(2022, "—", lalu)],
            target_renstra={2023: "—", 2024: "100 %"},
            target_akhir_renstra="100 %",
            standar_nasional=None if lalu is None else "95 %",
        )
        s = sasaran(1, [ind], capaian=ind.capaian, riwayat=[RiwayatTahun(2022, "", lalu)])
        data = data_laporan(
            sasaran=[s],
            capaian=ind.capaian,
            status=hitung_status([ind.capaian]),
            capaian_tahun_lalu=lalu,
            tahun_lalu=2022 if lalu is not None else None,
            pita=[] if tanpa_pita else PITA,
            pk=None if tanpa_pk else data_laporan().pk,
            anggaran=[ProgramAnggaran("076.01.WA", "Dukungan", D("1000000"), realisasi_anggaran)],
        )
        self.periksa(data)


class IkhtisarTests(SimpleTestCase):
    def test_capaian_dan_kategori_diformat_indonesia(self):
        """The overall capaian is printed with a decimal comma and its category and scale."""
        teks = draf.ikhtisar(data_laporan())
        self.assertIn("96,35 %", teks)
        self.assertIn("**Sangat Baik**", teks)
        self.assertIn("Skala 4 tingkat (91/76/55/0)", teks)

    def test_hitungan_di_atas_sama_di_bawah(self):
        """Counts above, at and below target come from data.status."""
        teks = draf.ikhtisar(data_laporan())
        self.assertIn(
            "Dari 3 indikator, 1 indikator melampaui target, 1 indikator tepat mencapai "
            "target, dan 1 indikator di bawah target.",
            teks,
        )

    def test_naik_dari_tahun_lalu(self):
        """A higher capaian than last year reads "naik dari X pada Y menjadi Z pada W"."""
        teks = draf.ikhtisar(data_laporan(tahun_lalu=2022, capaian_tahun_lalu=D("90")))
        self.assertIn("naik dari 90,00 % pada 2022 menjadi 96,35 % pada 2023", teks)

    def test_turun_dari_tahun_lalu(self):
        """A lower capaian than last year reads "turun dari … menjadi …"."""
        teks = draf.ikhtisar(data_laporan(tahun_lalu=2022, capaian_tahun_lalu=D("98.5")))
        self.assertIn("turun dari 98,50 % pada 2022 menjadi 96,35 % pada 2023", teks)

    def test_sama_dengan_tahun_lalu(self):
        """Equal capaian at displayed precision reads "sama"."""
        teks = draf.ikhtisar(data_laporan(tahun_lalu=2022, capaian_tahun_lalu=D("96.349")))
        self.assertIn("sama dengan capaian pada 2022", teks)
        self.assertNotIn("naik", teks)

    def test_tanpa_tahun_lalu_tidak_disebut(self):
        """Without last year's data the summary makes no comparison and says nothing of it."""
        teks = draf.ikhtisar(data_laporan())
        self.assertNotIn("sebelumnya", teks)
        self.assertNotIn("2022", teks)

    def test_riwayat_indikator_tahun_lalu(self):
        """Without last year's overall capaian, an indicator's history of last year is compared
        with this year."""
        ind = indikator("1.1", D("100"), riwayat=[RiwayatTahun(2022, "B", D("125"))])
        teks = draf.ikhtisar(data_laporan(sasaran=[sasaran(1, [ind])]))
        self.assertIn(
            "Dibandingkan tahun sebelumnya, capaian indikator 1.1 turun dari 125,00 % pada 2022 "
            "menjadi 100,00 % pada 2023.",
            teks,
        )

    def test_riwayat_tahun_lalu_tanpa_capaian_tahun_ini(self):
        """Without this year's capaian, last year's is stated as it is, grouped by value."""
        lalu = [RiwayatTahun(2022, "BB", D("125"))]
        daftar = [
            indikator("1.4", None, ada_realisasi=False, realisasi="—", riwayat=lalu),
            indikator("6.1", None, ada_realisasi=False, realisasi="—", riwayat=lalu),
        ]
        teks = draf.ikhtisar(data_laporan(sasaran=[sasaran(1, daftar, capaian=None)]))
        self.assertIn("Capaian tahun 2022: indikator 1.4 dan 6.1 125,00 %.", teks)
        self.assertNotIn("Dibandingkan", teks)

    def test_penyerapan_bila_realisasi_anggaran_ada(self):
        """With budget realisasi the summary gives realisasi, pagu and penyerapan."""
        anggaran = [ProgramAnggaran("076.01.WA", "Dukungan", D("51412431000"), D("48841809450"))]
        teks = draf.ikhtisar(data_laporan(anggaran=anggaran))
        self.assertIn("Rp 48.841.809.450 dari total pagu Rp 51.412.431.000", teks)
        self.assertIn("penyerapan 95,00 %", teks)

    def test_realisasi_anggaran_belum_diisi(self):
        """Without budget realisasi the summary gives the pagu and says realisasi is missing."""
        teks = draf.ikhtisar(data_laporan())
        self.assertIn("Rp 51.412.431.000", teks)
        self.assertIn("realisasi anggaran belum dilaporkan", teks)

    def test_sasaran_tertinggi_dan_terendah(self):
        """The best and weakest sasaran are named with their capaian."""
        teks = draf.ikhtisar(data_laporan())
        self.assertIn("tertinggi sebesar 102,04 % pada Sasaran 1", teks)
        self.assertIn("terendah sebesar 90,00 % pada Sasaran 2", teks)

    def test_kebijakan_batas_disebut(self):
        """The cap policy of the year is stated."""
        teks = draf.ikhtisar(data_laporan(batas_rerata="Dibatasi 100 %"))
        self.assertIn("dibatasi paling tinggi 100 %", teks)


class BabTests(SimpleTestCase):
    def test_pengukuran_pita_urut_tinggi_ke_rendah(self):
        """Category bands are listed from the highest lower bound to the lowest."""
        teks = draf.pengukuran(data_laporan())
        urutan = [teks.index(s) for s in ("≥ 91,00 %: Sangat Baik", "≥ 76,00 %: Baik")]
        urutan += [teks.index("≥ 55,00 %: Cukup Baik"), teks.index("< 55,00 %: Gagal")]
        self.assertEqual(urutan, sorted(urutan))

    def test_pengukuran_menyebut_aturan_yang_dipakai(self):
        """Each distinct rule used in the report is listed with its number of indicators."""
        negatif = indikator("2.2", D("80"), hasil=Capaian(D("80"), Aturan.NEGATIF_SELISIH))
        data = data_laporan(
            sasaran=[sasaran(1), sasaran(2, [indikator("2.1"), negatif], capaian=D("90"))]
        )
        teks = draf.pengukuran(data)
        self.assertIn(f"{Aturan.POSITIF} (2 indikator)", teks)
        self.assertIn(f"{Aturan.NEGATIF_SELISIH} (1 indikator)", teks)

    def test_pengukuran_tanpa_skala(self):
        """Without a chosen scale the rules are stated and the bands are left out."""
        teks = draf.pengukuran(data_laporan(pita=[]))
        self.assertIn("dua angka desimal", teks)
        self.assertNotIn("Skala", teks)
        self.assertNotIn("kategori", teks)

    def test_anggaran_program_dan_total_pagu(self):
        """The budget section lists programmes with pagu and the total in Rupiah."""
        teks = draf.anggaran(data_laporan())
        self.assertIn("076.01.WA Program Dukungan Manajemen: pagu Rp 2.159.443.000", teks)
        self.assertIn("total pagu Rp 51.412.431.000", teks)
        self.assertIn("Realisasi anggaran belum dilaporkan", teks)

    def test_anggaran_realisasi_penyerapan_dan_sisa(self):
        """With realisasi, each programme shows penyerapan and sisa, and the totals follow."""
        anggaran = [ProgramAnggaran("076.01.WA", "Dukungan", D("1000000"), D("750000"))]
        teks = draf.anggaran(data_laporan(anggaran=anggaran))
        self.assertIn("realisasi Rp 750.000 (penyerapan 75,00 %), sisa Rp 250.000", teks)
        self.assertIn("Total realisasi anggaran sebesar Rp 750.000", teks)

    def test_perencanaan_renstra_dan_isinya(self):
        """The planning intro names the Renstra, the year's place in it and what it holds (the
        chapter prints the lists after it)."""
        teks = draf.perencanaan(data_laporan())
        self.assertIn("tahun 2023 merupakan tahun ke-4 dari periode tersebut", teks)
        self.assertIn("Renstra tersebut memuat visi, 2 misi, dan 1 tujuan sebagai berikut.", teks)

    def test_perencanaan_renstra_kosong(self):
        """A Renstra without visi, misi or tujuan is named without listing what it lacks."""
        data = data_laporan(misi=[], tujuan=[])
        data.renstra.visi = ""
        teks = draf.perencanaan(data)
        self.assertNotIn("memuat", teks)
        self.assertNotIn("belum", teks)

    def test_kesimpulan_menyebut_sasaran_di_bawah_target(self):
        """The conclusion names each sasaran below target with its capaian."""
        teks = draf.kesimpulan(data_laporan())
        self.assertIn("Sasaran 2 “Terwujudnya sasaran nomor 2”: 90,00 %", teks)
        self.assertIn("Sebanyak 1 sasaran mencapai target", teks)

    def test_saran_dari_data(self):
        """Recommendations name the weak indicator, its values and the missing budget data."""
        teks = draf.saran(data_laporan())
        self.assertIn("indikator 2.2, realisasi 80 % terhadap target 100 %", teks)
        self.assertEqual(kalimat_untuk_staf(teks), [])

    def test_saran_indikator_tanpa_realisasi(self):
        """Indicators never measured lead to a recommendation to the organisation to measure
        them, not to a request to the staff."""
        teks = draf.saran(data_kosong())
        self.assertIn("Realisasi indikator 1.1 dan 1.2 belum dilaporkan. Tetapkan", teks)
        self.assertEqual(kalimat_untuk_staf(teks), [])

    def test_isu_strategis_indikator_turun(self):
        """An indicator whose capaian fell since last year is an issue."""
        turun = indikator("1.1", D("95"), riwayat=[RiwayatTahun(2022, "99 %", D("99"))])
        teks = draf.isu_strategis(data_laporan(sasaran=[sasaran(1, [turun], capaian=D("95"))]))
        self.assertIn("turun dari 99,00 % pada 2022 menjadi 95,00 % pada 2023", teks)

    def test_tugas_fungsi_tingkat_provinsi(self):
        """The duties section names the level of the satker and the two election laws."""
        teks = draf.tugas_fungsi(data_laporan(satker=satker(tingkat="provinsi")))
        self.assertIn("KPU Provinsi", teks)
        self.assertIn("Undang-Undang Nomor 7 Tahun 2017", teks)
        self.assertIn("Undang-Undang Nomor 10 Tahun 2016", teks)


class AnalisisTests(SimpleTestCase):
    def test_target_baris_indikator(self):
        """Each indicator shows target, realisasi, capaian, category and rule."""
        data = data_laporan()
        teks = draf.analisis_target(data, data.sasaran[1])
        self.assertIn(
            "**2.2** Persentase indikator 2.2: target 100 %; realisasi 80 %; capaian 80,00 % "
            "(kategori Baik), di bawah target; rumus realisasi ÷ target × 100.",
            teks,
        )
        self.assertIn("Rata-rata capaian sasaran ini adalah 90,00 %", teks)

    def test_target_satuan_non_persen(self):
        """A count indicator carries its unit next to the numbers."""
        ind = indikator("1.1", D("80"), satuan="laporan", target="5", realisasi="4")
        data = data_laporan(sasaran=[sasaran(1, [ind], capaian=D("80"))])
        teks = draf.analisis_target(data, data.sasaran[0])
        self.assertIn("target 5 laporan; realisasi 4 laporan", teks)

    def test_target_realisasi_belum_diisi_sekali(self):
        """A missing realisasi is mentioned once, naming the indicators."""
        data = data_kosong()
        teks = draf.analisis_target(data, data.sasaran[0])
        self.assertEqual(teks.count("belum dilaporkan"), 1)
        self.assertIn("realisasi indikator 1.1 dan 1.2 belum dilaporkan", teks)

    def test_tahun_lalu_naik_per_indikator(self):
        """An indicator's history gives a "naik dari … menjadi …" sentence."""
        ind = indikator("1.1", D("100"), riwayat=[RiwayatTahun(2022, "90 %", D("90"))])
        s = sasaran(1, [ind], riwayat=[RiwayatTahun(2022, "", D("90"))])
        teks = draf.analisis_tahun_lalu(data_laporan(sasaran=[s]), s)
        self.assertIn("Sasaran 1 naik dari 90,00 % pada 2022 menjadi 100,00 % pada 2023", teks)
        self.assertIn("realisasi 90 % pada 2022, 100 % pada 2023", teks)

    def test_tahun_lalu_tanpa_riwayat(self):
        """Without earlier years the analysis is left out."""
        data = data_laporan()
        self.assertEqual(draf.analisis_tahun_lalu(data, data.sasaran[0]), "")

    def test_tahun_lalu_sebagian_indikator(self):
        """Only the indicators with earlier years are compared; the others are not named (the
        report page lists them for the staff)."""
        ind = indikator("1.1", D("100"), riwayat=[RiwayatTahun(2022, "90 %", D("90"))])
        s = sasaran(1, [ind, indikator("1.2")])
        teks = draf.analisis_tahun_lalu(data_laporan(sasaran=[s]), s)
        self.assertIn("**1.1**", teks)
        self.assertNotIn("1.2", teks)

    def test_tahun_lalu_tanpa_target(self):
        """An earlier realisasi without a target is shown as such, without a capaian."""
        ind = indikator("2.1", None, riwayat=[RiwayatTahun(2023, "BB", None)])
        s = sasaran(2, [ind], capaian=None)
        teks = draf.analisis_tahun_lalu(data_laporan(tahun=2024, sasaran=[s]), s)
        self.assertIn("capaian tahun sebelumnya tidak dihitung (realisasi BB tanpa target", teks)

    def test_renstra_target_akhir(self):
        """Renstra year targets and the end-of-period target are compared with realisasi."""
        ind = indikator(
            "1.1",
            target_renstra={2023: "100 %", 2024: "100 %"},
            target_akhir_renstra="100 %",
            capaian_thd_renstra=D("100"),
            baseline="85 %",
        )
        s = sasaran(1, [ind])
        teks = draf.analisis_renstra(data_laporan(sasaran=[s]), s)
        self.assertIn("baseline 85 %; target Renstra 100 % pada 2023, 100 % pada 2024", teks)
        self.assertIn("setara 100,00 % dari target akhir Renstra", teks)

    def test_renstra_target_berbeda_dengan_pk(self):
        """A Renstra year target differing from the PK target is flagged."""
        ind = indikator("1.1", target="95 %", target_renstra={2023: "98 %"})
        s = sasaran(1, [ind])
        teks = draf.analisis_renstra(data_laporan(sasaran=[s]), s)
        self.assertIn("target 2023 dalam Renstra (98 %) berbeda dengan target Perjanjian", teks)

    def test_nasional_tanpa_standar(self):
        """With no national standard for any indicator the analysis is left out."""
        data = data_laporan()
        self.assertEqual(draf.analisis_nasional(data, data.sasaran[0]), "")

    def test_nasional_dengan_standar(self):
        """A national standard is compared with the realisasi."""
        ind = indikator("1.1", standar_nasional="95 %", capaian_thd_standar=D("105.263"))
        s = sasaran(1, [ind])
        teks = draf.analisis_nasional(data_laporan(sasaran=[s]), s)
        self.assertIn("standar nasional 95 %, realisasi 2023 100 %", teks)
        self.assertIn("105,26 % (melampaui standar)", teks)

    def test_penyebab_mengutip_narasi_staf(self):
        """Causes and solutions are quoted per indicator with their quarter."""
        narasi = dict(NARASI_KOSONG, penyebab=["TW IV: Dua pejabat belum lulus."])
        narasi["solusi"] = ["TW IV: Bimbingan ulang dijadwalkan."]
        ind = indikator("1.1", D("60"), realisasi="60 %", narasi=narasi)
        s = sasaran(1, [ind], capaian=D("60"))
        teks = draf.analisis_penyebab(data_laporan(sasaran=[s]), s)
        self.assertIn("- *Penyebab (TW IV):* Dua pejabat belum lulus.", teks)
        self.assertIn("- *Solusi (TW IV):* Bimbingan ulang dijadwalkan.", teks)
        self.assertIn("Indikator **1.1**", teks)

    def test_penyebab_belum_diisi(self):
        """Without narratives the analysis is left out (the report page lists it)."""
        data = data_laporan()
        self.assertEqual(draf.analisis_penyebab(data, data.sasaran[0]), "")

    def test_efisiensi_dengan_penyerapan(self):
        """With a sasaran's penyerapan the efficiency index is computed and explained."""
        s = sasaran(1, capaian=D("100"), penyerapan=D("80"))
        teks = draf.analisis_efisiensi(data_laporan(sasaran=[s]), s)
        self.assertIn("penyerapan anggaran 80,00 %", teks)
        self.assertIn("Indeks efisiensi (capaian dibagi penyerapan) adalah 1,25", teks)

    def test_efisiensi_tanpa_anggaran_sasaran(self):
        """Without budget per sasaran the analysis compares with the overall absorption."""
        anggaran = [ProgramAnggaran("076.01.WA", "Dukungan", D("1000000"), D("800000"))]
        data = data_laporan(anggaran=anggaran)
        teks = draf.analisis_efisiensi(data, data.sasaran[0])
        self.assertIn("Anggaran tidak dirinci per sasaran.", teks)
        self.assertIn("penyerapan anggaran keseluruhan tahun 2023 adalah 80,00 %", teks)
        self.assertEqual(kalimat_untuk_staf(teks), [])

    def test_efisiensi_tanpa_anggaran(self):
        """Without any budget realisasi the analysis is left out."""
        data = data_laporan()
        self.assertEqual(draf.analisis_efisiensi(data, data.sasaran[0]), "")

    def test_program_mengutip_narasi(self):
        """Supporting programmes and activities are quoted from the realisasi pages."""
        narasi = dict(NARASI_KOSONG, program_pendukung=["TW II: Program 076.01.WA."])
        narasi["kegiatan"] = ["TW IV: Rapat koordinasi."]
        s = sasaran(1, [indikator("1.1", narasi=narasi)])
        teks = draf.analisis_program(data_laporan(sasaran=[s]), s)
        self.assertIn("- *Program pendukung (TW II):* Program 076.01.WA.", teks)
        self.assertIn("- *Kegiatan (TW IV):* Rapat koordinasi.", teks)

    def test_analisis_tanpa_nama_sasaran_panjang_berulang(self):
        """Analyses after the first refer to the sasaran by number only."""
        data = data_laporan()
        s = replace(data.sasaran[0], teks="Teks sasaran yang sangat panjang", penyerapan=D("90"))
        teks = draf.analisis_efisiensi(data, s)
        self.assertNotIn("Teks sasaran yang sangat panjang", teks)
        self.assertIn("Sasaran 1", teks)
