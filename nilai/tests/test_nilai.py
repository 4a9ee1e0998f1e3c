"""The value reader and writer (nilai): numbers, grades, yes/no, Rupiah, amounts in words and
roman numerals, read and written the Indonesian way. Without the database."""

import re
import unittest
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from nilai import (
    AngkaTidakValid,
    NilaiDiLuarSkala,
    NilaiTerbaca,
    NilaiTidakValid,
    SatuanTidakSesuai,
    baca_angka,
    baca_angka_mesin,
    baca_nilai,
    baca_predikat,
    baca_rupiah,
    baca_ya_tidak,
    bulatkan,
    periksa_satuan,
    romawi,
    terbilang,
    tulis_angka,
    tulis_ketikan,
    tulis_nilai,
    tulis_persen,
    tulis_rupiah,
)

AKIP = ["D", "C", "CC", "B", "BB", "A", "AA"]


class ParseAngkaTests(unittest.TestCase):
    def test_valid(self):
        """Indonesian numbers: decimal comma, dot for thousands, unit after the number."""
        kasus = [
            ("66,23", None, D("66.23")),
            ("1.250", None, D(1250)),
            ("1.250,5", None, D("1250.5")),
            ("0,16 %", "%", D("0.16")),
            ("66.23", None, D("66.23")),
            ("1.000.000", None, D(1000000)),
            ("  7 ", None, D(7)),
            ("100%", "%", D(100)),
            ("4 Laporan", "laporan", D(4)),
            ("2,5\u00a0persen", "%", D("2.5")),
        ]
        for teks, satuan, harapan in kasus:
            with self.subTest(teks=teks):
                self.assertEqual(baca_angka(teks, satuan), harapan)

    def test_result_is_exact_decimal(self):
        """parse_angka keeps the typed decimals exactly ("0,10" is Decimal 0.10)."""
        hasil = baca_angka("0,10")
        self.assertIsInstance(hasil, D)
        self.assertEqual(hasil.as_tuple().exponent, -2)

    def test_unit_mismatch(self):
        """Rule 7: "2 laporan" against a percentage indicator is a unit error, not 2."""
        with self.assertRaises(SatuanTidakSesuai) as ctx:
            baca_angka("2 laporan", "%")
        self.assertIn("laporan", str(ctx.exception))

    def test_unit_without_indicator_unit_refused(self):
        """A unit typed where no unit is expected is refused."""
        with self.assertRaises(AngkaTidakValid):
            baca_angka("2 laporan")

    def test_invalid(self):
        """Words, empty input, negatives, two commas and misplaced dots are refused."""
        for teks in ("dua", "", "   ", "-5", "1,2,3", "1.25.0", "1.250.5", "1.2,5", "12.", ",5"):
            with self.subTest(teks=teks), self.assertRaises(AngkaTidakValid):
                baca_angka(teks, "%")

    def test_every_refusal_is_one_catchable_type(self):
        """A wrong unit, a word, a grade off the scale and a wrong yes/no all raise
        NilaiTidakValid, so a form catches every refusal with one except clause."""
        salah = [
            lambda: baca_angka("2 laporan", "%"),
            lambda: baca_angka("dua"),
            lambda: baca_predikat("Bagus", ["C", "B", "A"]),
            lambda: baca_ya_tidak("mungkin"),
            lambda: baca_rupiah("Rp dua juta"),
        ]
        for i, baca in enumerate(salah):
            with self.subTest(i=i), self.assertRaises(NilaiTidakValid):
                baca()


class PeriksaSatuanTests(unittest.TestCase):
    def test_persen_equals_percent_sign(self):
        """Rule 7: "persen" and "%" are the same unit, both ways."""
        periksa_satuan("persen", "%")
        periksa_satuan("%", "Persen")

    def test_case_and_space_insensitive(self):
        """Rule 7: case and spacing do not matter ("  Unit   Sarana " is "unit sarana")."""
        periksa_satuan("  Unit   Sarana ", "unit sarana")

    def test_empty_means_indicator_unit(self):
        """Rule 7: an empty unit is the indicator's own."""
        periksa_satuan("", "laporan")
        periksa_satuan("  ", "laporan")

    def test_different_unit_refused(self):
        """Rule 7: "laporan" against "triwulan" is refused, naming the expected unit."""
        with self.assertRaises(SatuanTidakSesuai) as ctx:
            periksa_satuan("laporan", "triwulan")
        self.assertIn("triwulan", str(ctx.exception))


class BulatkanTests(unittest.TestCase):
    def test_half_up(self):
        """Rule 8: half up, never banker's rounding: 83,335 → 83,34; 2,675 → 2,68; 0,125 → 0,13."""
        for nilai, harapan in (("83.335", "83.34"), ("2.675", "2.68"), ("0.125", "0.13")):
            with self.subTest(nilai=nilai):
                self.assertEqual(bulatkan(D(nilai)), D(harapan))

    def test_never_truncates(self):
        """Rule 8: 66,666 → 66,67 (truncation would give 66,66)."""
        self.assertEqual(bulatkan(D("66.666")), D("66.67"))

    def test_places(self):
        """Rule 8: other precisions round half up as well (99,5 → 100 at 0 places)."""
        self.assertEqual(bulatkan(D("99.5"), 0), D(100))
        self.assertEqual(bulatkan(D("1.23456"), 4), D("1.2346"))

    def test_result_has_two_places(self):
        """Rule 8: the result always has exactly the requested decimals (100 → 100.00)."""
        self.assertEqual(str(bulatkan(D(100))), "100.00")

    def test_none(self):
        """Rule 8: None stays None."""
        self.assertIsNone(bulatkan(None))


class FormatTests(unittest.TestCase):
    def test_format_persen(self):
        """Rule 8: a capaian is shown with a decimal comma and two places: "83,33 %"."""
        self.assertEqual(tulis_persen(D(250) / D(3)), "83,33 %")

    def test_format_persen_half_up(self):
        """Rule 8: display rounds half up: 83,335 → "83,34 %"."""
        self.assertEqual(tulis_persen(D("83.335")), "83,34 %")

    def test_format_persen_thousands(self):
        """Rule 8: a large capaian gets a thousands dot: 1250,5 → "1.250,50 %"."""
        self.assertEqual(tulis_persen(D("1250.5")), "1.250,50 %")

    def test_format_angka(self):
        """Rule 8: dot for thousands, comma for decimals: 1250,5 → "1.250,50"."""
        self.assertEqual(tulis_angka(D("1250.5")), "1.250,50")

    def test_format_angka_places(self):
        """format_angka with 0 places rounds half up: 2,5 → "3"."""
        self.assertEqual(tulis_angka(D("2.5"), 0), "3")

    def test_format_angka_negative(self):
        """A negative number keeps its sign in front: "-1.234,50"."""
        self.assertEqual(tulis_angka(D("-1234.5")), "-1.234,50")

    def test_none_is_dash(self):
        """No value is shown as "—" by every formatter."""
        for fungsi in (tulis_angka, tulis_persen, tulis_rupiah):
            with self.subTest(fungsi=fungsi.__name__):
                self.assertEqual(fungsi(None), "—")

    def test_format_rupiah(self):
        """Rupiah in whole units with dots: "Rp 51.412.431.000"."""
        self.assertEqual(tulis_rupiah(D(51412431000)), "Rp 51.412.431.000")

    def test_format_rupiah_rounds_half_up(self):
        """Rupiah rounds to whole units half up: 999,5 → "Rp 1.000"."""
        self.assertEqual(tulis_rupiah(D("999.5")), "Rp 1.000")

    def test_format_rupiah_negative(self):
        """A negative amount (an overspent sisa) is "-Rp 5.000"."""
        self.assertEqual(tulis_rupiah(D(-5000)), "-Rp 5.000")


class BatasAngkaTests(unittest.TestCase):
    def test_absurdly_long_number_refused(self):
        """A 40-digit number is a typing error: refused in Indonesian, never a crash."""
        with self.assertRaisesRegex(AngkaTidakValid, re.escape("terlalu besar")):
            baca_angka("9" * 40)

    def test_rounding_beyond_default_precision(self):
        """Rounding a number longer than 28 digits still rounds half up."""
        self.assertEqual(bulatkan(D("9" * 30 + ".005")), D("9" * 30 + ".01"))

    def test_format_nilai_drops_trailing_zeros(self):
        """Stored 95.0000 prints as "95 %" and 66.2300 as "66,23"."""
        self.assertEqual(tulis_nilai(D("95.0000"), "%"), "95 %")
        self.assertEqual(tulis_nilai(D("66.2300")), "66,23")
        self.assertEqual(tulis_nilai(None), "—")


class YaTidakTests(unittest.TestCase):
    def test_every_way_of_writing_yes(self):
        """ "ya", "y", "1", "tercapai", "true" are yes, in any case and spacing."""
        for teks in ("ya", "Y", "1", "Tercapai", "TRUE", "  ya  "):
            with self.subTest(teks=teks):
                self.assertIs(baca_ya_tidak(teks), True)

    def test_every_way_of_writing_no(self):
        """ "tidak", "t", "0", "tidak tercapai", "false" are no."""
        for teks in ("tidak", "T", "0", "Tidak  Tercapai", "false"):
            with self.subTest(teks=teks):
                self.assertIs(baca_ya_tidak(teks), False)

    def test_other_words_refused(self):
        """Anything else is refused, naming what is accepted."""
        for teks in ("mungkin", "2", "yes", ""):
            with (
                self.subTest(teks=teks),
                self.assertRaisesRegex(NilaiTidakValid, re.escape("Isi 'ya'")),
            ):
                baca_ya_tidak(teks)


class BacaNilaiTests(unittest.TestCase):
    def test_number_in_the_indicators_unit(self):
        """A number with a decimal comma, a unit only when it is the indicator's."""
        self.assertEqual(baca_nilai("66,23 %", jenis="angka", satuan="%"), NilaiTerbaca(D("66.23")))
        with self.assertRaises(SatuanTidakSesuai):
            baca_nilai("2 laporan", jenis="angka", satuan="%")

    def test_yes_no_stored_as_one_or_zero(self):
        """Yes is stored as 1 and no as 0, whichever word was typed."""
        self.assertEqual(baca_nilai("tercapai", jenis="ya_tidak").angka, D(1))
        self.assertEqual(baca_nilai("false", jenis="ya_tidak").angka, D(0))

    def test_grade_with_look_alike_letters_noted(self):
        """A Cyrillic "В" is read as "B", with a notice for the user."""
        hasil = baca_nilai("В", jenis="predikat", skala=AKIP)
        self.assertEqual(hasil.predikat, "B")
        self.assertIn("huruf non-Latin", hasil.catatan)
        self.assertEqual(baca_nilai("bb", jenis="predikat", skala=AKIP).catatan, "")

    def test_grade_off_the_scale_refused(self):
        """A grade of another scale is refused naming the scale's codes."""
        with self.assertRaisesRegex(NilaiDiLuarSkala, re.escape("D, C, CC")):
            baca_nilai("WTP", jenis="predikat", skala=AKIP)

    def test_empty_is_empty(self):
        """Blank text is an empty value, not an error."""
        self.assertTrue(baca_nilai("  ", jenis="angka").kosong)

    def test_typed_back_as_read(self):
        """tulis_ketikan writes a stored value the way baca_nilai reads it."""
        for teks, jenis in (("66,23", "angka"), ("1.250", "angka"), ("BB", "predikat"),
                            ("ya", "ya_tidak"), ("tidak", "ya_tidak")):  # fmt: skip
            with self.subTest(teks=teks):
                dibaca = baca_nilai(teks, jenis=jenis, skala=AKIP)
                self.assertEqual(tulis_ketikan(dibaca.angka, dibaca.predikat, jenis=jenis), teks)


class RupiahTests(unittest.TestCase):
    def test_amount_as_printed(self):
        """ "Rp 2.647.529.000,-", "2.647.529.000" and "2647529000" are the same amount."""
        for teks in ("Rp 2.647.529.000,-", "2.647.529.000", "2647529000", "rp. 2.647.529.000"):
            with self.subTest(teks=teks):
                self.assertEqual(baca_rupiah(teks), D(2647529000))

    def test_terbilang(self):
        """Totals in words, sen dropped, as reports print them; an unknown amount is empty."""
        self.assertEqual(
            terbilang(D("51412431000")),
            "lima puluh satu miliar empat ratus dua belas juta empat ratus tiga puluh satu ribu "
            "rupiah",
        )
        self.assertEqual(terbilang(0), "nol rupiah")
        self.assertEqual(terbilang(1000), "seribu rupiah")
        self.assertEqual(terbilang(D("1500.75")), "seribu lima ratus rupiah")
        self.assertEqual(terbilang(10**12), "satu triliun rupiah")
        self.assertEqual(terbilang(None), "")

    def test_machine_number_refuses_negative_and_yes_no(self):
        """A number a program wrote must be finite and not negative, and not a yes/no."""
        self.assertEqual(baca_angka_mesin("66.23"), D("66.23"))
        for salah in (True, "-1", "NaN", "dua"):
            with self.subTest(salah=salah), self.assertRaises(AngkaTidakValid):
                baca_angka_mesin(salah)


class RomawiTests(unittest.TestCase):
    def test_chapters_quarters_and_pages(self):
        """1 → I, 4 → IV, 9 → IX, 14 → XIV, 40 → XL; nothing for 0 or text."""
        harapan = {1: "I", 4: "IV", 9: "IX", 14: "XIV", 40: "XL", 0: "", "x": ""}
        for angka, teks in harapan.items():
            with self.subTest(angka=angka):
                self.assertEqual(romawi(angka), teks)


class PropertiNilaiTests(unittest.TestCase):
    @given(st.decimals(min_value=0, max_value=10**7, places=6))
    def test_format_persen_matches_bulatkan(self, nilai):
        """Rule 8: format_persen shows bulatkan's value with a decimal comma (dots per 1.000)."""
        bulat, pecahan = str(bulatkan(nilai)).split(".")
        kelompok = []
        while bulat:
            bulat, kelompok = bulat[:-3], [bulat[-3:], *kelompok]
        self.assertEqual(tulis_persen(nilai), ".".join(kelompok) + "," + pecahan + " %")

    @given(st.decimals(min_value=0, max_value=10**9, places=6))
    def test_parse_of_format_round_trips(self, nilai):
        """Rules 7–8: reading back a displayed number gives the rounded value."""
        self.assertEqual(baca_angka(tulis_angka(nilai, 2)), bulatkan(nilai))
