"""The capaian calculator (kinerja.capaian), rule by rule (DOMAIN.md section 4), without the
database: every class is a SimpleTestCase (database access is refused) or a plain
unittest.TestCase for the Hypothesis properties."""

import unittest
from decimal import Decimal as D

from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from kinerja import capaian
from kinerja.capaian import Agregasi, Aturan, JenisNilai, Pita, Polaritas, RumusNegatif
from nilai import (
    AngkaTidakValid,
    NilaiDiLuarSkala,
    NilaiTidakValid,
    baca_predikat,
    bulatkan,
    mengandung_huruf_asing,
    tulis_persen,
)

AKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]
BPK = ["TMP", "TW", "WDP", "WTP"]

NEG = Polaritas.NEGATIF
POS = Polaritas.POSITIF
SELISIH = RumusNegatif.SELISIH
RASIO = RumusNegatif.RASIO

# A gap-free scale with bands at 0, 51, 71 and 91 (seed 003's scale with its gaps closed).
PITA = [
    Pita(D(0), "Tidak Berhasil"),
    Pita(D(51), "Kurang Berhasil"),
    Pita(D(71), "Cukup Berhasil"),
    Pita(D(91), "Berhasil"),
]


def angka(realisasi, target, polaritas=POS, rumus=SELISIH):
    return capaian.hitung_capaian_angka(D(realisasi), D(target), polaritas, rumus)


# --- Rule 1: higher is better ----------------------------------------------------------------


class PolaritasPositifTests(SimpleTestCase):
    def test_ratio_times_hundred(self):
        """Rule 1: realisasi 100 against target 95 is 100 ÷ 95 × 100 = 105,26 (not capped)."""
        hasil = angka("100", "95")
        self.assertEqual(bulatkan(hasil.nilai), D("105.26"))

    def test_below_target(self):
        """Rule 1: realisasi 90 against target 95 is 94,74."""
        self.assertEqual(bulatkan(angka("90", "95").nilai), D("94.74"))

    def test_full_precision_kept(self):
        """Rule 8: the value is kept at full precision; 2 ÷ 3 × 100 is not stored as 66,67."""
        nilai = angka("2", "3").nilai
        self.assertNotEqual(nilai, D("66.67"))
        self.assertEqual(bulatkan(nilai), D("66.67"))

    def test_rule_named(self):
        """Rule 1: the result names the formula used, with no reason attached."""
        hasil = angka("5", "4")
        self.assertEqual((hasil.aturan, hasil.alasan), (Aturan.POSITIF, ""))

    def test_realisasi_zero(self):
        """Rule 1: realisasi 0 against a positive target scores 0, not 'no value'."""
        self.assertEqual(angka("0", "80").nilai, D(0))

    def test_accepts_float_as_written(self):
        """A float is read as written: 1.005 of 100 is 1,01 % (binary 1.00499… would give 1,00)."""
        hasil = capaian.hitung_capaian_angka(1.005, 100)
        self.assertEqual(bulatkan(hasil.nilai), D("1.01"))

    def test_tampil_formats_value(self):
        """Capaian.tampil is the Indonesian display of the value ("105,26 %")."""
        self.assertEqual(angka("100", "95").tampil, "105,26 %")


# --- Rule 2: lower is better -----------------------------------------------------------------


class PolaritasNegatifTests(SimpleTestCase):
    def test_seed_000_selisih(self):
        """Rule 2: seed 000's 12 revisions against a target of 10 score 80,00 % by selisih."""
        hasil = angka("12", "10", NEG, SELISIH)
        self.assertEqual(tulis_persen(hasil.nilai), "80,00 %")
        self.assertEqual(hasil.aturan, Aturan.NEGATIF_SELISIH)

    def test_seed_000_rasio(self):
        """Rule 2: seed 000's 12 revisions against a target of 10 score 83,33 % by rasio."""
        hasil = angka("12", "10", NEG, RASIO)
        self.assertEqual(tulis_persen(hasil.nilai), "83,33 %")
        self.assertEqual(hasil.aturan, Aturan.NEGATIF_RASIO)

    def test_seed_000_not_scored_as_higher_is_better(self):
        """Rule 2: the 120 % that seed 000 prints is the positive formula, not the product's."""
        self.assertNotEqual(angka("12", "10", NEG).nilai, D(120))

    def test_selisih_better_than_target(self):
        """Rule 2: selisih rewards fewer than the target: 8 against 10 is (2 − 0,8) × 100 = 120."""
        self.assertEqual(angka("8", "10", NEG, SELISIH).nilai, D(120))

    def test_rasio_better_than_target(self):
        """Rule 2: rasio 8 against 10 is 10 ÷ 8 × 100 = 125."""
        self.assertEqual(angka("8", "10", NEG, RASIO).nilai, D(125))

    def test_selisih_exactly_zero_at_double_target(self):
        """Rule 2: selisih reaches 0 at twice the target (20 against 10)."""
        self.assertEqual(angka("20", "10", NEG, SELISIH).nilai, D(0))

    def test_selisih_floored_at_zero(self):
        """Rule 2: selisih is floored at 0: 25 against 10 would be −50 and scores 0."""
        self.assertEqual(angka("25", "10", NEG, SELISIH).nilai, D(0))

    def test_rasio_with_realisasi_zero_has_no_value(self):
        """Rule 2: rasio with realisasi 0 is undefined: no value, with a reason."""
        hasil = angka("0", "10", NEG, RASIO)
        self.assertIsNone(hasil.nilai)
        self.assertIn("rasio", hasil.alasan)
        self.assertEqual(hasil.tampil, "—")

    def test_selisih_with_realisasi_zero(self):
        """Rule 2: selisih with realisasi 0 against a positive target scores 200."""
        self.assertEqual(angka("0", "10", NEG, SELISIH).nilai, D(200))

    def test_default_formula_is_selisih(self):
        """Rule 2: without an explicit formula the negative polarity uses selisih."""
        hasil = capaian.hitung_capaian_angka(D(12), D(10), NEG)
        self.assertEqual(hasil.aturan, Aturan.NEGATIF_SELISIH)

    def test_string_enum_values_accepted(self):
        """The polarity and formula may be given as their stored strings."""
        hasil = capaian.hitung_capaian_angka(D(12), D(10), "negatif", "rasio")
        self.assertEqual(bulatkan(hasil.nilai), D("83.33"))

    def test_unknown_polarity_refused(self):
        """An unknown polarity string is an error, not silently positive."""
        with self.assertRaises(ValueError):
            capaian.hitung_capaian_angka(D(1), D(1), "terbalik")


# --- Rule 3: grades --------------------------------------------------------------------------


class PredikatTests(SimpleTestCase):
    def test_akip_a_against_bb(self):
        """Rule 3: A against BB on the AKIP scale is 6 ÷ 5 = 120 %."""
        hasil = capaian.hitung_capaian_predikat("A", "BB", AKIP)
        self.assertEqual(hasil.nilai, D(120))
        self.assertEqual(hasil.aturan, Aturan.PREDIKAT)

    def test_akip_below_target(self):
        """Rule 3: B against BB is 4 ÷ 5 = 80 %."""
        self.assertEqual(capaian.hitung_capaian_predikat("B", "BB", AKIP).nilai, D(80))

    def test_akip_same_grade(self):
        """Rule 3: the same grade scores exactly 100."""
        self.assertEqual(capaian.hitung_capaian_predikat("BB", "BB", AKIP).nilai, D(100))

    def test_akip_ranks_from_one_at_lowest(self):
        """Rule 3: ranks start at 1 for D and end at 7 for AA."""
        self.assertEqual([capaian.peringkat(k, AKIP) for k in AKIP], [1, 2, 3, 4, 5, 6, 7])

    def test_akip_lowest_against_highest(self):
        """Rule 3: D against AA is 1 ÷ 7 = 14,29 %."""
        hasil = capaian.hitung_capaian_predikat("D", "AA", AKIP)
        self.assertEqual(bulatkan(hasil.nilai), D("14.29"))

    def test_bpk_wdp_against_wtp(self):
        """Rule 3: on the BPK scale WDP against WTP is 3 ÷ 4 = 75 %."""
        self.assertEqual(capaian.hitung_capaian_predikat("WDP", "WTP", BPK).nilai, D(75))

    def test_bpk_tmp_against_wtp(self):
        """Rule 3: TMP against WTP is 1 ÷ 4 = 25 %."""
        self.assertEqual(capaian.hitung_capaian_predikat("TMP", "WTP", BPK).nilai, D(25))

    def test_cyrillic_ve_read_as_latin_b(self):
        """Rule 3: seed 002's Cyrillic "В" (U+0412) is read as the Latin grade B."""
        self.assertEqual(baca_predikat("\u0412", AKIP), "B")

    def test_cyrillic_double_ve_read_as_bb(self):
        """Rule 3: a Cyrillic "ВВ" is read as BB, so against a Latin BB it scores 100."""
        hasil = capaian.hitung_capaian_predikat("\u0412\u0412", "BB", AKIP)
        self.assertEqual(hasil.nilai, D(100))

    def test_case_and_space_ignored(self):
        """Rule 3: " bb " is the grade BB."""
        self.assertEqual(baca_predikat(" bb ", AKIP), "BB")

    def test_free_text_refused_with_scale_listed(self):
        """Rule 3: free text ("Baik") is refused and the message lists the scale's codes."""
        with self.assertRaises(NilaiDiLuarSkala) as ctx:
            capaian.hitung_capaian_predikat("Baik", "B", AKIP)
        self.assertIn("D, C, CC, B, BB, A, AA", str(ctx.exception))

    def test_other_scale_grade_refused_on_bpk(self):
        """Rule 3: the AKIP grade "B" is not a BPK opinion; refused listing TMP, TW, WDP, WTP."""
        with self.assertRaises(NilaiDiLuarSkala) as ctx:
            capaian.hitung_capaian_predikat("B", "WTP", BPK)
        self.assertIn("TMP, TW, WDP, WTP", str(ctx.exception))

    def test_other_scale_grade_refused_on_akip(self):
        """Rule 3: the BPK opinion "WTP" is refused as an AKIP target."""
        with self.assertRaises(NilaiDiLuarSkala):
            capaian.hitung_capaian_predikat("A", "WTP", AKIP)

    def test_non_latin_letter_without_look_alike_refused(self):
        """Rule 3: a Cyrillic "Б" has no Latin look-alike and is refused as non-Latin."""
        with self.assertRaises(NilaiDiLuarSkala) as ctx:
            baca_predikat("\u0411", AKIP)
        self.assertIn("huruf Latin", str(ctx.exception))
        self.assertIn("D, C, CC, B, BB, A, AA", str(ctx.exception))

    def test_mengandung_huruf_asing(self):
        """A Cyrillic "В" is flagged as a non-Latin letter; the Latin "B" is not."""
        self.assertTrue(mengandung_huruf_asing("\u0412"))
        self.assertFalse(mengandung_huruf_asing("BB"))

    def test_empty_scale_refused(self):
        """Rule 3: a grade indicator without a scale cannot be scored."""
        with self.assertRaises(NilaiDiLuarSkala):
            capaian.hitung_capaian_predikat("B", "B", [])


# --- Rule 4: yes/no --------------------------------------------------------------------------


class YaTidakTests(SimpleTestCase):
    def test_achieved(self):
        """Rule 4: "ya" against a target of "ya" scores 100."""
        hasil = capaian.hitung_capaian_ya_tidak(True, True)
        self.assertEqual((hasil.nilai, hasil.aturan), (D(100), Aturan.YA_TIDAK))

    def test_not_achieved(self):
        """Rule 4: "tidak" against a target of "ya" scores 0."""
        self.assertEqual(capaian.hitung_capaian_ya_tidak(False, True).nilai, D(0))

    def test_default_target_is_ya(self):
        """Rule 4: without a target, "ya" is the target."""
        self.assertEqual(capaian.hitung_capaian_ya_tidak(True).nilai, D(100))

    def test_one_and_zero_accepted(self):
        """Rule 4: 1 and 0 are read as ya and tidak."""
        self.assertEqual(capaian.hitung_capaian_ya_tidak(0, 1).nilai, D(0))

    def test_other_values_refused(self):
        """Rule 4: a value other than ya/tidak (here 2 or the text "ya") is refused."""
        for nilai in (2, "ya"):
            with self.subTest(nilai=nilai), self.assertRaises(NilaiTidakValid):
                capaian.hitung_capaian_ya_tidak(nilai, True)


# --- Rule 5: target of zero, and refused inputs ----------------------------------------------


class TargetNolTests(SimpleTestCase):
    def test_positive_target_zero_has_no_value(self):
        """Rule 5: higher-is-better with target 0 has no capaian, shown as "—" with a reason."""
        hasil = angka("5", "0")
        self.assertIsNone(hasil.nilai)
        self.assertEqual(hasil.aturan, Aturan.TARGET_NOL_POSITIF)
        self.assertTrue(hasil.alasan)
        self.assertEqual(hasil.tampil, "—")

    def test_negative_target_zero_realisasi_zero(self):
        """Rule 5: lower-is-better with target 0 and realisasi 0 scores 100 (both formulas)."""
        for rumus in (SELISIH, RASIO):
            with self.subTest(rumus=rumus):
                hasil = angka("0", "0", NEG, rumus)
                self.assertEqual((hasil.nilai, hasil.aturan), (D(100), Aturan.TARGET_NOL_NEGATIF))

    def test_negative_target_zero_realisasi_above(self):
        """Rule 5: lower-is-better with target 0 and realisasi 0,1 scores 0 (both formulas)."""
        for rumus in (SELISIH, RASIO):
            with self.subTest(rumus=rumus):
                self.assertEqual(angka("0.1", "0", NEG, rumus).nilai, D(0))


class MasukanDitolakTests(SimpleTestCase):
    def test_negative_realisasi_refused(self):
        """Negative realisasi is refused."""
        with self.assertRaises(AngkaTidakValid):
            angka("-1", "10")

    def test_negative_target_refused(self):
        """Negative target is refused, also for lower-is-better."""
        with self.assertRaises(AngkaTidakValid):
            angka("1", "-10", NEG)

    def test_text_refused(self):
        """Text where a number is expected is refused."""
        with self.assertRaises(AngkaTidakValid):
            capaian.hitung_capaian_angka("sepuluh", D(10))

    def test_bool_refused(self):
        """A yes/no value is not a number."""
        with self.assertRaises(AngkaTidakValid):
            capaian.hitung_capaian_angka(True, D(10))

    def test_nan_and_infinity_refused(self):
        """NaN and infinity are not numbers."""
        for nilai in ("NaN", "Infinity"):
            with self.subTest(nilai=nilai), self.assertRaises(AngkaTidakValid):
                capaian.hitung_capaian_angka(D(nilai), D(10))


class HitungCapaianTests(SimpleTestCase):
    def test_missing_target(self):
        """A missing target gives no value and the reason "Target belum ditetapkan."."""
        hasil = capaian.hitung_capaian(jenis=JenisNilai.ANGKA, realisasi=D(5), target=None)
        self.assertEqual((hasil.nilai, hasil.alasan), (None, "Target belum ditetapkan."))

    def test_empty_target_string(self):
        """An empty target string counts as missing."""
        hasil = capaian.hitung_capaian(jenis=JenisNilai.PREDIKAT, realisasi="B", target="")
        self.assertIsNone(hasil.nilai)
        self.assertEqual(hasil.aturan, Aturan.PREDIKAT)

    def test_missing_realisasi(self):
        """A missing realisasi gives no value and the reason "Realisasi belum dilaporkan."."""
        hasil = capaian.hitung_capaian(jenis=JenisNilai.ANGKA, realisasi=None, target=D(5))
        self.assertEqual((hasil.nilai, hasil.alasan), (None, "Realisasi belum dilaporkan."))

    def test_missing_value_names_negative_rule(self):
        """Without a value the rule shown is still the indicator's (rasio here)."""
        hasil = capaian.hitung_capaian(
            jenis="angka", realisasi="", target=D(5), polaritas=NEG, rumus_negatif=RASIO
        )
        self.assertEqual(hasil.aturan, Aturan.NEGATIF_RASIO)

    def test_dispatch_angka_negative(self):
        """hitung_capaian with kind angka applies the polarity and formula."""
        hasil = capaian.hitung_capaian(
            jenis=JenisNilai.ANGKA, realisasi=D(12), target=D(10), polaritas=NEG
        )
        self.assertEqual(hasil.nilai, D(80))

    def test_dispatch_predikat(self):
        """hitung_capaian with kind predikat uses the scale."""
        hasil = capaian.hitung_capaian(jenis="predikat", realisasi="A", target="BB", skala=AKIP)
        self.assertEqual(hasil.nilai, D(120))

    def test_dispatch_predikat_without_scale_refused(self):
        """A grade indicator without a scale is refused, not scored."""
        with self.assertRaises(NilaiDiLuarSkala):
            capaian.hitung_capaian(jenis="predikat", realisasi="A", target="BB")

    def test_dispatch_ya_tidak(self):
        """hitung_capaian with kind ya_tidak scores 0 for tidak."""
        hasil = capaian.hitung_capaian(jenis="ya_tidak", realisasi=False, target=True)
        self.assertEqual((hasil.nilai, hasil.aturan), (D(0), Aturan.YA_TIDAK))

    def test_ya_tidak_false_is_not_missing(self):
        """A realisasi of "tidak" (False) is a value, not a missing realisasi."""
        hasil = capaian.hitung_capaian(jenis="ya_tidak", realisasi=False, target=True)
        self.assertEqual(hasil.alasan, "")

    def test_unknown_kind_refused(self):
        """An unknown kind of value is an error."""
        with self.assertRaises(ValueError):
            capaian.hitung_capaian(jenis="teks", realisasi="1", target="1")


# --- Rule 6: quarters ------------------------------------------------------------------------


class TriwulanTests(SimpleTestCase):
    DATA = {1: D(10), 2: None, 3: D(30)}

    def test_kumulatif_sums_reported(self):
        """Rule 6: kumulatif sums the reported quarters: 10 + 30 = 40."""
        self.assertEqual(capaian.agregasi_triwulan(self.DATA, Agregasi.KUMULATIF), D(40))

    def test_nilai_akhir_latest_reported(self):
        """Rule 6: nilai_akhir is the latest reported quarter (TW III = 30), not TW IV."""
        self.assertEqual(capaian.agregasi_triwulan(self.DATA, Agregasi.NILAI_AKHIR), D(30))

    def test_rata_rata_skips_missing(self):
        """Rule 6: rata_rata of TW I 10 and TW III 30 is 20: TW II is skipped, not zeroed."""
        self.assertEqual(capaian.agregasi_triwulan(self.DATA, Agregasi.RATA_RATA), D(20))

    def test_empty_string_skipped(self):
        """Rule 6: an empty string is a quarter not reported."""
        hasil = capaian.agregasi_triwulan({1: D(8), 2: "", 4: D(4)}, "rata_rata")
        self.assertEqual(hasil, D(6))

    def test_zero_is_a_value(self):
        """Rule 6: a reported 0 counts in the mean (0 and 10 → 5)."""
        hasil = capaian.agregasi_triwulan({1: D(0), 2: D(10)}, Agregasi.RATA_RATA)
        self.assertEqual(hasil, D(5))

    def test_none_reported_is_none(self):
        """Rule 6: with no quarter reported every aggregation is None, not 0."""
        for agregasi in Agregasi:
            with self.subTest(agregasi=agregasi):
                self.assertIsNone(capaian.agregasi_triwulan({1: None, 2: ""}, agregasi))
                self.assertIsNone(capaian.agregasi_triwulan({}, agregasi))

    def test_quarter_five_refused(self):
        """Rule 6: a quarter outside 1–4 is refused."""
        with self.assertRaises(NilaiTidakValid):
            capaian.agregasi_triwulan({5: D(1)}, Agregasi.KUMULATIF)

    def test_negative_quarter_value_refused(self):
        """Rule 6: a negative quarterly realisasi is refused."""
        with self.assertRaises(AngkaTidakValid):
            capaian.agregasi_triwulan({1: D(-1)}, Agregasi.KUMULATIF)

    def test_nilai_terakhir_any_kind(self):
        """nilai_terakhir returns the latest filled quarter, grades included."""
        self.assertEqual(capaian.nilai_terakhir({1: "B", 2: "BB", 3: None}), "BB")

    def test_nilai_terakhir_unordered_input(self):
        """nilai_terakhir goes by quarter number, not by insertion order."""
        self.assertEqual(capaian.nilai_terakhir({4: D(7), 1: D(9)}), D(7))

    def test_nilai_terakhir_none(self):
        """nilai_terakhir is None when no quarter is filled."""
        self.assertIsNone(capaian.nilai_terakhir({1: None, 2: ""}))

    def test_nilai_terakhir_quarter_zero_refused(self):
        """nilai_terakhir refuses quarter 0."""
        with self.assertRaises(NilaiTidakValid):
            capaian.nilai_terakhir({0: D(1)})

    def test_target_triwulan_own(self):
        """Rule 6: a quarter with its own target uses it."""
        self.assertEqual(capaian.target_untuk_triwulan(D(100), {2: D(50)}, 2), D(50))

    def test_target_triwulan_falls_back_to_yearly(self):
        """Rule 6: a quarter without its own target (absent or empty) uses the yearly target."""
        self.assertEqual(capaian.target_untuk_triwulan(D(100), {2: D(50)}, 3), D(100))
        self.assertEqual(capaian.target_untuk_triwulan(D(100), {3: ""}, 3), D(100))

    def test_target_triwulan_zero_is_own(self):
        """Rule 6: a quarterly target of 0 is a target, not a missing one."""
        self.assertEqual(capaian.target_untuk_triwulan(D(100), {1: D(0)}, 1), D(0))

    def test_target_triwulan_quarter_five_refused(self):
        """Rule 6: target_untuk_triwulan refuses quarter 5."""
        with self.assertRaises(NilaiTidakValid):
            capaian.target_untuk_triwulan(D(100), {}, 5)


# --- Rule 7: parsing numbers and units -------------------------------------------------------


# --- Rule 8: rounding and display ------------------------------------------------------------


# --- Rule 9: roll-up and counts --------------------------------------------------------------


class RerataTests(SimpleTestCase):
    NILAI = [D("105.26"), D(80), D(120), None]

    def test_no_cap(self):
        """Rule 9: without a cap the mean is (105,26 + 80 + 120) ÷ 3 = 101,75."""
        self.assertEqual(bulatkan(capaian.rerata_capaian(self.NILAI)), D("101.75"))

    def test_cap_100(self):
        """Rule 9: with cap 100 the mean is (100 + 80 + 100) ÷ 3 = 93,33."""
        hasil = capaian.rerata_capaian(self.NILAI, D(100))
        self.assertEqual(bulatkan(hasil), D("93.33"))

    def test_cap_120(self):
        """Rule 9: with cap 120, a 150 counts as 120: (105,26 + 80 + 120) ÷ 3 = 101,75."""
        hasil = capaian.rerata_capaian([D("105.26"), D(80), D(150)], D(120))
        self.assertEqual(bulatkan(hasil), D("101.75"))

    def test_none_skipped_not_zeroed(self):
        """Rule 9: indicators without a value are left out: mean of 80 and None is 80."""
        self.assertEqual(capaian.rerata_capaian([D(80), None]), D(80))

    def test_empty_is_none(self):
        """Rule 9: no values at all gives None, not 0."""
        self.assertIsNone(capaian.rerata_capaian([]))
        self.assertIsNone(capaian.rerata_capaian([None, None], D(100)))

    def test_full_precision(self):
        """Rule 9: the mean is not rounded (100, 100, 0 → 66,666…)."""
        hasil = capaian.rerata_capaian([D(100), D(100), D(0)])
        self.assertNotEqual(hasil, D("66.67"))
        self.assertEqual(bulatkan(hasil), D("66.67"))

    def test_accepts_generator(self):
        """Rule 9: any iterable works, including a one-shot generator."""
        self.assertEqual(capaian.rerata_capaian(v for v in [D(50), D(150)]), D(100))


class HitungStatusTests(SimpleTestCase):
    def test_counts(self):
        """Rule 9: counts above, at, below target and without a value."""
        status = capaian.hitung_status([D(120), D(100), D("99.99"), None, D(101), D(0)])
        self.assertEqual(
            (status.di_atas, status.sama, status.di_bawah, status.tanpa_nilai), (2, 1, 2, 1)
        )

    def test_displayed_precision_at_target(self):
        """Rule 9: 99,996 displays as 100,00 % and counts as at target."""
        status = capaian.hitung_status([D("99.996")])
        self.assertEqual((status.sama, status.di_bawah), (1, 0))

    def test_displayed_precision_below(self):
        """Rule 9: 99,994 displays as 99,99 % and counts as below target."""
        self.assertEqual(capaian.hitung_status([D("99.994")]).di_bawah, 1)

    def test_displayed_precision_above(self):
        """Rule 9: 100,005 displays as 100,01 % and counts as above target."""
        self.assertEqual(capaian.hitung_status([D("100.005")]).di_atas, 1)

    def test_totals(self):
        """Rule 9: jumlah counts every row and tercapai is above plus at."""
        status = capaian.hitung_status([D(120), D(100), D(50), None])
        self.assertEqual((status.jumlah, status.tercapai), (4, 2))

    def test_empty(self):
        """Rule 9: no rows gives all zero counts."""
        self.assertEqual(capaian.hitung_status([]).jumlah, 0)


# --- Rule 10: category scale -----------------------------------------------------------------


class PitaTests(SimpleTestCase):
    def test_valid_sorted_high_to_low(self):
        """Rule 10: a valid scale is returned ordered high → low."""
        hasil = capaian.validasi_pita(PITA)
        self.assertEqual([p.batas_bawah for p in hasil], [D(91), D(71), D(51), D(0)])

    def test_lowest_must_be_zero(self):
        """Rule 10: a scale whose lowest band starts above 0 leaves a gap and is refused."""
        with self.assertRaises(NilaiTidakValid):
            capaian.validasi_pita([Pita(D(5), "Gagal"), Pita(D(55), "Cukup")])

    def test_duplicate_bounds_refused(self):
        """Rule 10: two bands with the same lower bound are refused."""
        with self.assertRaises(NilaiTidakValid):
            capaian.validasi_pita([Pita(D(0), "a"), Pita(D(91), "b"), Pita(D(91), "c")])

    def test_negative_bound_refused(self):
        """Rule 10: a negative lower bound is refused."""
        with self.assertRaises(NilaiTidakValid):
            capaian.validasi_pita([Pita(D(-1), "a"), Pita(D(0), "b")])

    def test_empty_refused(self):
        """Rule 10: an empty scale is refused."""
        with self.assertRaises(NilaiTidakValid):
            capaian.validasi_pita([])

    def test_blank_label_refused(self):
        """Rule 10: every band needs a label."""
        with self.assertRaises(NilaiTidakValid):
            capaian.validasi_pita([Pita(D(0), "  ")])

    def test_no_gaps(self):
        """Rule 10: on a valid scale every score has a band, including the old gaps (90,5)."""
        skala = capaian.validasi_pita(PITA)
        harapan = {
            "0": "Tidak Berhasil",
            "50.5": "Tidak Berhasil",
            "70.5": "Kurang Berhasil",
            "90.5": "Cukup Berhasil",
            "100": "Berhasil",
            "1000": "Berhasil",
        }
        for nilai, label in harapan.items():
            with self.subTest(nilai=nilai):
                self.assertEqual(capaian.kategori(D(nilai), skala), label)


class KategoriTests(SimpleTestCase):
    def test_inclusive_lower_bound(self):
        """Rule 10: exactly 91 is in the band that starts at 91."""
        self.assertEqual(capaian.kategori(D(91), PITA), "Berhasil")

    def test_just_below_bound(self):
        """Rule 10: 90,99 is below 91 and in the band below."""
        self.assertEqual(capaian.kategori(D("90.99"), PITA), "Cukup Berhasil")

    def test_rounded_before_comparison(self):
        """Rule 10: 90,995 displays as 91,00 % and so is in the 91 band."""
        self.assertEqual(capaian.kategori(D("90.995"), PITA), "Berhasil")

    def test_rounding_down_stays_below(self):
        """Rule 10: 90,994 displays as 90,99 % and stays below 91."""
        self.assertEqual(capaian.kategori(D("90.994"), PITA), "Cukup Berhasil")

    def test_above_100_in_top_band(self):
        """Rule 10: 120 is in the top band (there is nothing above it to miss)."""
        self.assertEqual(capaian.kategori(D(120), PITA), "Berhasil")

    def test_zero_in_lowest_band(self):
        """Rule 10: 0 is in the band that starts at 0."""
        self.assertEqual(capaian.kategori(D(0), PITA), "Tidak Berhasil")

    def test_none(self):
        """Rule 10: no capaian, no category."""
        self.assertIsNone(capaian.kategori(None, PITA))

    def test_unsorted_input(self):
        """Rule 10: the bands may be given in any order."""
        self.assertEqual(capaian.kategori(D(75), list(reversed(PITA))), "Cukup Berhasil")

    def test_no_band_reached(self):
        """Rule 10: on an unvalidated scale starting at 5, a score of 4 has no band."""
        self.assertIsNone(capaian.kategori(D(4), [Pita(D(5), "Gagal")]))


# --- Rule 11: budget; rule 12: participation -------------------------------------------------


class PartisipasiTests(SimpleTestCase):
    def test_partisipasi(self):
        """Rule 12: 165.000 voters of 200.000 on the DPT is 82,50 %."""
        self.assertEqual(capaian.partisipasi(D(165000), D(200000)), D("82.5"))

    def test_partisipasi_dpt_zero(self):
        """Rule 12: with DPT 0 there is no participation."""
        self.assertIsNone(capaian.partisipasi(D(0), D(0)))

    def test_partisipasi_negative_refused(self):
        """Rule 12: a negative voter count is refused."""
        with self.assertRaises(AngkaTidakValid):
            capaian.partisipasi(D(-1), D(100))


# --- Properties ------------------------------------------------------------------------------

bukan_negatif = st.decimals(
    min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)
positif = st.decimals(
    min_value=D("0.0001"), max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)
dua_realisasi = st.tuples(bukan_negatif, bukan_negatif).map(sorted)
dua_realisasi_positif = st.tuples(positif, positif).map(sorted)
skala_predikat = st.sampled_from([AKIP, BPK])
daftar_capaian = st.lists(st.one_of(st.none(), st.decimals(0, 1000, places=4)), max_size=20)


@st.composite
def pita_valid(draw):
    batas = draw(st.lists(st.integers(1, 200), unique=True, max_size=6).map(lambda xs: [0, *xs]))
    return capaian.validasi_pita([Pita(D(b), f"P{b}") for b in batas])


class PropertiTests(unittest.TestCase):
    @settings(deadline=None)
    @given(dua_realisasi, positif)
    def test_positive_monotonic(self, realisasi, target):
        """Rule 1: more realisasi never lowers the capaian."""
        kecil, besar = realisasi
        self.assertLessEqual(angka(kecil, target).nilai, angka(besar, target).nilai)

    @settings(deadline=None)
    @given(dua_realisasi, positif)
    def test_negative_selisih_non_increasing(self, realisasi, target):
        """Rule 2: for lower-is-better (selisih) more realisasi never raises the capaian."""
        kecil, besar = realisasi
        self.assertGreaterEqual(
            angka(kecil, target, NEG, SELISIH).nilai, angka(besar, target, NEG, SELISIH).nilai
        )

    @settings(deadline=None)
    @given(dua_realisasi_positif, positif)
    def test_negative_rasio_non_increasing(self, realisasi, target):
        """Rule 2: for lower-is-better (rasio) more realisasi never raises the capaian."""
        kecil, besar = realisasi
        self.assertGreaterEqual(
            angka(kecil, target, NEG, RASIO).nilai, angka(besar, target, NEG, RASIO).nilai
        )

    @settings(deadline=None)
    @given(bukan_negatif, positif)
    def test_selisih_never_negative(self, realisasi, target):
        """Rule 2: selisih never goes below 0."""
        self.assertGreaterEqual(angka(realisasi, target, NEG, SELISIH).nilai, 0)

    @given(skala_predikat, st.data())
    def test_predikat_100_iff_same_grade(self, skala, data):
        """Rule 3: a grade capaian is 100 exactly when realisasi and target are the same grade."""
        realisasi = data.draw(st.sampled_from(skala))
        target = data.draw(st.sampled_from(skala))
        nilai = capaian.hitung_capaian_predikat(realisasi, target, skala).nilai
        self.assertEqual(nilai == 100, realisasi == target)
        self.assertEqual(nilai > 100, skala.index(realisasi) > skala.index(target))

    @given(pita_valid(), st.tuples(bukan_negatif, bukan_negatif).map(sorted))
    def test_kategori_monotonic(self, pita, nilai):
        """Rule 10: a higher score is never in a lower band, and every score has a band."""
        kecil, besar = nilai
        urutan = [p.label for p in reversed(pita)]
        label_kecil = capaian.kategori(kecil, pita)
        label_besar = capaian.kategori(besar, pita)
        self.assertIn(label_kecil, urutan)
        self.assertLessEqual(urutan.index(label_kecil), urutan.index(label_besar))

    @given(daftar_capaian, st.sampled_from([D(100), D(120)]))
    def test_rerata_with_cap_never_exceeds_cap(self, nilai, batas):
        """Rule 9: with a cap the mean never exceeds the cap."""
        hasil = capaian.rerata_capaian(nilai, batas)
        if all(v is None for v in nilai):
            self.assertIsNone(hasil)
        else:
            self.assertLessEqual(hasil, batas)

    @given(daftar_capaian)
    def test_hitung_status_partitions(self, nilai):
        """Rule 9: every row is counted exactly once."""
        status = capaian.hitung_status(nilai)
        self.assertEqual(status.jumlah, len(nilai))
        self.assertEqual(status.tanpa_nilai, sum(v is None for v in nilai))
