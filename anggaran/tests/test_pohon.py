"""Budget sums at every level (anggaran/pohon.py) against seed 003's budget tables, by hand.

Seed 003 (KPU Kabupaten Rejang Lebong, 2024) prints its budget twice: per RO (L924–L952) and
per kegiatan with a grand total (L962–L973). The product sums the ROs; where the print's
kegiatan rows are not the sums of its RO rows, the product's number differs from the print.
"""

import csv
from decimal import Decimal
from pathlib import Path
from unittest import TestCase

from anggaran.pohon import BarisRO, Simpul, susun_pohon
from nilai import bulatkan

# A copy of seeds/data/003_anggaran.tsv, so the test runs from any clone.
SEED = Path(__file__).resolve().parent / "data" / "003_anggaran.tsv"


def baris_ro_seed003() -> list[BarisRO]:
    """The 24 RO rows as printed, with two print errors resolved as the seed notes say:
    L924's kegiatan is printed CQ.6709 but is CQ.6639 (L777, L962); three RO codes are printed
    without their number ("QGE."), so they are keyed by their source line instead."""
    hasil = []
    with SEED.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if not r["table"].startswith("RO_PAGU_REALISASI"):
                continue
            kegiatan = r["kegiatan_code"].split(".")[-1]
            if r["source_line"] == "L924":
                kegiatan = "6639"
            kro, _, ro = r["output_code"].replace(" ", "").partition(".")
            program = r["program"] if r["program"].startswith("076") else f"076.01.{r['program']}"
            hasil.append(
                BarisRO(
                    program=program,
                    kegiatan=kegiatan,
                    kro=kro,
                    ro=ro or r["source_line"],
                    nama=r["uraian"],
                    pagu=Decimal(r["pagu_value"]),
                    realisasi=Decimal(r["realisasi_value"]),
                )
            )
    return hasil


class Seed003Tests(TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pohon = susun_pohon(baris_ro_seed003())

    def kegiatan(self, program: str, kode: str) -> Simpul:
        return self.pohon.cari(program, kode)

    def test_all_24_ros_in_ten_kegiatan(self):
        kegiatan = [k for p in self.pohon.anak for k in p.anak]
        self.assertEqual(len(kegiatan), 10)
        self.assertEqual(sum(len(kro.anak) for k in kegiatan for kro in k.anak), 24)

    def test_kegiatan_that_the_print_adds_up(self):
        """CQ.6709: 794.992.000 + 36.235.000 + 148.872.000 + 9.411.000 + 2.000 = 989.512.000;
        realisasi 974.810.786; 98,51 %, as printed (L963)."""
        k = self.kegiatan("076.01.CQ", "6709")
        self.assertEqual(k.pagu, Decimal("989512000"))
        self.assertEqual(k.realisasi, Decimal("974810786"))
        self.assertEqual(bulatkan(k.penyerapan), Decimal("98.51"))
        self.assertEqual(k.sisa, Decimal("14701214"))

    def test_low_absorption_kegiatan(self):
        """CQ.6982: 4.000.000 of 5.304.000 = 75,41 % (L969)."""
        k = self.kegiatan("076.01.CQ", "6982")
        self.assertEqual((k.pagu, k.realisasi), (Decimal("5304000"), Decimal("4000000")))
        self.assertEqual(bulatkan(k.penyerapan), Decimal("75.41"))

    def test_kegiatan_whose_printed_total_is_not_its_sum(self):
        """CQ.6872: its ROs' realisasi 28.921.500 + 2.383.037.000 + 5.885.000 = 2.417.843.500;
        the print's kegiatan row says 2.417.806.900 (L967), 36.600 less."""
        k = self.kegiatan("076.01.CQ", "6872")
        self.assertEqual(k.realisasi, Decimal("2417843500"))
        self.assertEqual(k.pagu, Decimal("2419398000"))

    def test_ro_printed_wrong_gives_its_own_absorption(self):
        """CQ.6867: the honorarium RO prints realisasi 13.322.950 against a pagu of
        13.322.950.000 (L931), so the kegiatan's realisasi is 53.000.000 + 13.322.950 +
        3.469.772.000 = 3.536.094.950, 20,99 %; the print's kegiatan row (L964) says 100 %."""
        k = self.kegiatan("076.01.CQ", "6867")
        self.assertEqual(k.pagu, Decimal("16845722000"))
        self.assertEqual(k.realisasi, Decimal("3536094950"))
        self.assertEqual(bulatkan(k.penyerapan), Decimal("20.99"))

    def test_grand_total(self):
        """Pagu 51.412.431.000 as printed (L973); realisasi 47.457.842.438 in the print, but
        the ROs sum to 47.457.842.438 − 13.309.627.050 + 36.600 = 34.148.251.988."""
        self.assertEqual(self.pohon.pagu, Decimal("51412431000"))
        self.assertEqual(self.pohon.realisasi, Decimal("34148251988"))
        self.assertEqual(bulatkan(self.pohon.penyerapan), Decimal("66.42"))

    def test_programme_sums(self):
        wa = self.pohon.cari("076.01.WA")
        self.assertEqual(wa.pagu, Decimal("2891003000") + Decimal("154664000"))
        self.assertEqual(wa.realisasi, Decimal("2882999625") + Decimal("154102697"))


class PohonTests(TestCase):
    def test_missing_realisasi_leaves_parents_without_one(self):
        """One RO without realisasi: its parents have none either (not a partial sum)."""
        pohon = susun_pohon(
            [
                BarisRO("P", "K", "QGE", "001", "a", Decimal(100), Decimal(90)),
                BarisRO("P", "K", "QGE", "002", "b", Decimal(100), None),
            ]
        )
        k = pohon.cari("P", "K")
        self.assertEqual(k.pagu, Decimal(200))
        self.assertIsNone(k.realisasi)
        self.assertIsNone(k.penyerapan)
        self.assertIsNone(k.sisa)

    def test_same_ro_code_under_two_kegiatan_stays_apart(self):
        pohon = susun_pohon(
            [
                BarisRO("P", "6709", "QGE", "001", "a", Decimal(10), Decimal(10)),
                BarisRO("P", "6867", "QGE", "001", "b", Decimal(30), Decimal(15)),
            ]
        )
        self.assertEqual(pohon.cari("P", "6709").pagu, Decimal(10))
        self.assertEqual(pohon.cari("P", "6867", "QGE", "001").nama, "b")
