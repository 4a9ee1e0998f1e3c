"""The report's charts: SVG strings, Indonesian numbers, deterministic, nothing fetched."""

import re
from decimal import Decimal
from types import SimpleNamespace

import matplotlib
from django.test import SimpleTestCase

from kinerja.capaian import Pita
from laporan import grafik
from laporan.data import ProgramAnggaran, SasaranLaporan

NAMESPACE = {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}
PITA = [
    Pita(Decimal("0"), "Gagal"),
    Pita(Decimal("55"), "Cukup Baik"),
    Pita(Decimal("76"), "Baik"),
    Pita(Decimal("91"), "Sangat Baik"),
]


def sasaran(nomor, nilai, indikator=()):
    return SasaranLaporan(
        nomor=nomor,
        teks=f"Terwujudnya sasaran strategis nomor {nomor} yang cukup panjang untuk dibungkus",
        indikator=list(indikator),
        capaian=nilai,
        kategori=None,
        riwayat=[],
    )


def indikator(kode, nilai):
    return SimpleNamespace(kode=kode, capaian=nilai)


SASARAN = [
    sasaran(1, Decimal("96.34542705971277")),
    sasaran(2, Decimal("114.2857142857")),
    sasaran(3, Decimal("66.66666666666667")),
]
PROGRAM = [
    ProgramAnggaran(
        "076.01.CQ",
        "Program Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi",
        Decimal("18256293000"),
        Decimal("17151787273.50"),
    ),
    ProgramAnggaran("076.01.WA", "Program Dukungan Manajemen", Decimal("2159443000")),
]


def semua_grafik():
    return {
        "capaian_per_sasaran": grafik.capaian_per_sasaran(SASARAN, PITA),
        "tren_capaian": grafik.tren_capaian(
            [("Keseluruhan", [(2022, Decimal("93.5")), (2023, Decimal("96.3454"))])]
        ),
        "penyerapan_anggaran": grafik.penyerapan_anggaran(PROGRAM),
        "capaian_indikator": grafik.capaian_indikator(
            sasaran(
                4,
                Decimal("91.02"),
                [indikator("4.1", Decimal("102.04")), indikator("4.2", Decimal("80"))],
            ),
            PITA,
        ),
    }


def ukuran_cm(svg):
    cocok = re.match(r'<svg[^>]*\bwidth="([\d.]+)pt" height="([\d.]+)pt"', svg)
    return float(cocok[1]) / 72 * 2.54, float(cocok[2]) / 72 * 2.54


class KeluaranSvgTests(SimpleTestCase):
    def test_every_chart_is_an_svg_string(self):
        """Each function returns SVG markup ready to inline, without XML prolog or DOCTYPE."""
        for nama, svg in semua_grafik().items():
            with self.subTest(nama):
                self.assertIsInstance(svg, str)
                self.assertTrue(svg.startswith("<svg"), svg[:80])
                self.assertTrue(svg.rstrip().endswith("</svg>"))
                self.assertNotIn("<!DOCTYPE", svg)

    def test_sized_for_an_a4_text_column(self):
        """Width 16 cm and height 7–9 cm, given in pt so WeasyPrint scales it."""
        for nama, svg in semua_grafik().items():
            with self.subTest(nama):
                lebar, tinggi = ukuran_cm(svg)
                self.assertAlmostEqual(lebar, 16, places=2)
                self.assertGreaterEqual(tinggi, 6.99)
                self.assertLessEqual(tinggi, 9.01)

    def test_no_external_reference(self):
        """Only the SVG and XLink namespace URIs mention http; links and images are internal."""
        for nama, svg in semua_grafik().items():
            with self.subTest(nama):
                self.assertEqual(set(re.findall(r"https?://[^\"'\s]*", svg)), NAMESPACE)
                self.assertNotRegex(svg, r'href="(?!#)')
                self.assertNotIn("<image", svg)
                self.assertNotIn("<metadata", svg)

    def test_same_input_same_bytes(self):
        """Rendering twice gives identical output (no date, no random ids)."""
        pertama, kedua = semua_grafik(), semua_grafik()
        for nama in pertama:
            with self.subTest(nama):
                self.assertEqual(pertama[nama].encode(), kedua[nama].encode())

    def test_ids_unique_across_charts(self):
        """Charts inlined on one page share no id, so their clip paths cannot mix."""
        dilihat = {}
        for nama, svg in semua_grafik().items():
            for id_ in re.findall(r'\bid="([^"]+)"', svg):
                self.assertNotIn(id_, dilihat, f"{id_} in {nama} and {dilihat.get(id_)}")
            dilihat.update(dict.fromkeys(re.findall(r'\bid="([^"]+)"', svg), nama))

    def test_text_kept_as_searchable_text(self):
        """Labels stay <text> in the local DejaVu Sans, so the PDF's chart text is searchable."""
        svg = grafik.capaian_per_sasaran(SASARAN)
        self.assertIn("<text", svg)
        self.assertIn("DejaVu Sans", svg)

    def test_global_settings_restored(self):
        """Drawing leaves matplotlib's global settings as they were."""
        sebelum = matplotlib.rcParams["svg.fonttype"], matplotlib.rcParams["svg.hashsalt"]
        grafik.capaian_per_sasaran(SASARAN)
        sesudah = matplotlib.rcParams["svg.fonttype"], matplotlib.rcParams["svg.hashsalt"]
        self.assertEqual(sebelum, sesudah)


class CapaianPerSasaranTests(SimpleTestCase):
    def test_values_in_indonesian_format(self):
        """Each bar is labelled with its capaian, decimal comma, and named "Sasaran n"."""
        svg = grafik.capaian_per_sasaran(SASARAN)
        for teks in ("96,35 %", "114,29 %", "66,67 %", "Sasaran 1", "Sasaran 3"):
            self.assertIn(teks, svg)
        self.assertNotIn("96.35", svg)

    def test_missing_capaian_kept_and_noted(self):
        """A sasaran without capaian keeps its row, marked as having none."""
        svg = grafik.capaian_per_sasaran([*SASARAN, sasaran(4, None)])
        self.assertIn("Sasaran 4", svg)
        self.assertIn("belum ada capaian", svg)
        self.assertIn("96,35 %", svg)

    def test_category_bands_labelled(self):
        """Given a category scale, its bands are named on the chart."""
        svg = grafik.capaian_per_sasaran(SASARAN, PITA)
        for label in ("Gagal", "Cukup Baik", "Sangat Baik"):
            self.assertIn(label, svg)
        self.assertNotIn("Sangat Baik", grafik.capaian_per_sasaran(SASARAN))

    def test_nothing_to_plot(self):
        """No sasaran, or none with a capaian, gives None."""
        self.assertIsNone(grafik.capaian_per_sasaran([]))
        self.assertIsNone(grafik.capaian_per_sasaran([sasaran(1, None), sasaran(2, None)]))

    def test_many_sasaran_stay_within_nine_cm(self):
        """Nineteen sasaran (a real KPU PK) still fit the 9 cm height."""
        svg = grafik.capaian_per_sasaran([sasaran(i, Decimal(100)) for i in range(1, 20)])
        self.assertLessEqual(ukuran_cm(svg)[1], 9.01)
        self.assertIn("Sasaran 19", svg)


class TrenCapaianTests(SimpleTestCase):
    def test_years_and_values(self):
        """Points are labelled with Indonesian percentages; years are not given thousands dots."""
        svg = grafik.tren_capaian(
            [("Keseluruhan", [(2023, Decimal("96.3454")), (2022, Decimal("93.5"))])]
        )
        self.assertIn("96,35 %", svg)
        self.assertIn("93,50 %", svg)
        self.assertIn("2022", svg)
        self.assertNotIn("2.023", svg)

    def test_single_point(self):
        """A series with one year is still drawn, as one labelled marker."""
        svg = grafik.tren_capaian([("Keseluruhan", [(2023, Decimal("96.3454"))])])
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn("96,35 %", svg)
        self.assertIn("2023", svg)

    def test_year_without_value_noted(self):
        """A year without capaian in any series keeps its tick and is marked."""
        svg = grafik.tren_capaian(
            [("Keseluruhan", [(2021, None), (2022, Decimal("90")), (2023, Decimal("95"))])]
        )
        self.assertIn("2021", svg)
        self.assertIn("belum ada", svg)
        self.assertIn("95,00 %", svg)

    def test_every_year_between_first_and_last(self):
        """The axis runs over every year from the first to the last, gaps included."""
        svg = grafik.tren_capaian([("1.4 Nilai AKIP", [(2022, Decimal("100")), (2024, None)])])
        for tahun in ("2022", "2023", "2024"):
            self.assertIn(tahun, svg)

    def test_several_series_have_a_legend(self):
        """Several series are drawn with a legend naming each."""
        svg = grafik.tren_capaian(
            [
                ("Capaian keseluruhan", [(2023, Decimal("90")), (2024, Decimal("95"))]),
                ("Indikator 1.4", [(2022, Decimal("100")), (2023, Decimal("125"))]),
            ]
        )
        self.assertIn("Capaian keseluruhan", svg)
        self.assertIn("Indikator 1.4", svg)
        self.assertIn("125,00 %", svg)

    def test_nothing_to_plot(self):
        """No series, or no year with a capaian, gives None."""
        self.assertIsNone(grafik.tren_capaian([]))
        self.assertIsNone(grafik.tren_capaian([("Keseluruhan", [(2022, None), (2023, None)])]))


class PenyerapanAnggaranTests(SimpleTestCase):
    def test_pagu_realisasi_and_penyerapan(self):
        """Amounts in "Rp … miliar" with decimal comma; realisasi carries its penyerapan."""
        svg = grafik.penyerapan_anggaran(PROGRAM)
        self.assertIn("Rp 18,26 miliar", svg)
        self.assertIn("Rp 17,15 miliar", svg)
        self.assertIn("93,95 %", svg)
        self.assertIn("Anggaran (Rp miliar)", svg)
        self.assertIn("Realisasi", svg)
        self.assertIn("realisasi belum ada", svg)  # the programme without realisasi

    def test_pagu_only_titled_accordingly(self):
        """Without any realisasi only the pagu is drawn, and the title says so."""
        hanya_pagu = [ProgramAnggaran(p.kode, p.program, p.pagu) for p in PROGRAM]
        svg = grafik.penyerapan_anggaran(hanya_pagu)
        self.assertIn("<title>Pagu anggaran per program (realisasi belum tersedia)</title>", svg)
        self.assertIn("Rp 2,16 miliar", svg)
        self.assertNotIn("Realisasi", svg)

    def test_small_amounts_in_juta(self):
        """Budgets under a billion are shown in millions."""
        svg = grafik.penyerapan_anggaran(
            [ProgramAnggaran("1", "Program Kecil", Decimal("750000000"), Decimal("600000000"))]
        )
        self.assertIn("Rp 750,00 juta", svg)
        self.assertIn("80,00 %", svg)
        self.assertIn("Anggaran (Rp juta)", svg)

    def test_nothing_to_plot(self):
        """No programme, or only zero pagu, gives None."""
        self.assertIsNone(grafik.penyerapan_anggaran([]))
        self.assertIsNone(grafik.penyerapan_anggaran([ProgramAnggaran("1", "X", Decimal(0))]))


class CapaianIndikatorTests(SimpleTestCase):
    def test_indicators_of_one_sasaran(self):
        """Each indicator is a labelled bar; the title names the sasaran, wrapped."""
        s = sasaran(
            4,
            Decimal("91.02"),
            [indikator("4.1", Decimal("102.0408163")), indikator("4.2", Decimal("80"))],
        )
        svg = grafik.capaian_indikator(s)
        for teks in ("102,04 %", "80,00 %", "Indikator 4.1", "Indikator 4.2", "Sasaran 4"):
            self.assertIn(teks, svg)

    def test_indicator_without_capaian_noted(self):
        """An indicator without capaian keeps its place, marked."""
        s = sasaran(2, Decimal("100"), [indikator("2.1", Decimal("100")), indikator("2.2", None)])
        svg = grafik.capaian_indikator(s)
        self.assertIn("Indikator 2.2", svg)
        self.assertIn("belum ada", svg)

    def test_nothing_to_plot(self):
        """A sasaran with no indicator, or none with a capaian, gives None."""
        self.assertIsNone(grafik.capaian_indikator(sasaran(1, None)))
        self.assertIsNone(grafik.capaian_indikator(sasaran(1, None, [indikator("1.1", None)])))
