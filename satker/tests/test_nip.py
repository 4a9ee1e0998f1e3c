"""The NIP validator (satker/nip.py): each part checked, the message naming the wrong part."""

from datetime import date

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase

from satker.nip import normalisasi_nip

HARI_INI = date(2026, 6, 15)


def nip(teks: str) -> str:
    return normalisasi_nip(teks, hari_ini=HARI_INI)


class NIPSahTests(SimpleTestCase):
    def test_printed_form_kept(self):
        """A NIP typed as printed comes back unchanged."""
        self.assertEqual(nip("19881128 200701 1 002"), "19881128 200701 1 002")

    def test_digits_only_grouped_8_6_1_3(self):
        """Eighteen digits without spaces are grouped as printed."""
        self.assertEqual(nip("198811282007011002"), "19881128 200701 1 002")

    def test_spaces_anywhere_ignored(self):
        """Spaces, tabs and non-breaking spaces anywhere are ignored."""
        self.assertEqual(nip("  1988 1128\t2007 01 1\u00a0002 "), "19881128 200701 1 002")

    def test_woman_accepted(self):
        """Digit 15 = 2 (female) is valid."""
        self.assertEqual(nip("197501012000122001"), "19750101 200012 2 001")

    def test_sequence_999_accepted(self):
        self.assertEqual(nip("197501012000121999"), "19750101 200012 1 999")

    def test_february_29_of_a_leap_year(self):
        """Born on 29 February 1988 (a leap year): valid."""
        self.assertEqual(nip("198802292010011001"), "19880229 201001 1 001")

    def test_appointed_in_the_month_of_18th_birthday(self):
        """Appointed in the month the person turns 18: valid (appointment is per month)."""
        self.assertEqual(nip("198811282006111002"), "19881128 200611 1 002")

    def test_appointed_this_month(self):
        """An appointment in the current month is not in the future."""
        self.assertEqual(nip("200001012026061001"), "20000101 202606 1 001")

    def test_empty_stays_empty(self):
        """An empty or blank NIP is left empty (optional fields decide if it is required)."""
        for kosong in ["", "   ", None]:
            with self.subTest(kosong=kosong):
                self.assertEqual(nip(kosong), "")

    def test_today_by_default(self):
        """Without hari_ini the check uses today's date."""
        self.assertEqual(normalisasi_nip("198811282007011002"), "19881128 200701 1 002")


class NIPTidakSahTests(SimpleTestCase):
    def tolak(self, teks: str, *potongan: str) -> str:
        with self.assertRaises(ValidationError) as ctx:
            nip(teks)
        pesan = " ".join(ctx.exception.messages)
        self.assertIn(f"NIP '{teks.strip()}' tidak valid", pesan)
        for p in potongan:
            self.assertIn(p, pesan)
        return pesan

    def test_too_short(self):
        """Five digits: the message gives the required and the typed length."""
        self.tolak("12345", "18 angka", "tertulis 5 angka", "19881128 200701 1 002")

    def test_too_long(self):
        self.tolak("19881128 200701 1 0022", "tertulis 19 angka")

    def test_letters_and_punctuation_named(self):
        """Letters, dots or dashes are named in the message."""
        self.tolak("19881128.200701.1.00A", "hanya berisi angka", "'.'", "'A'")

    def test_month_of_birth_does_not_exist(self):
        self.tolak(
            "198813282007011002", "8 angka pertama (19881328) harus tanggal lahir", "bulan 13"
        )

    def test_day_of_birth_does_not_exist(self):
        self.tolak("198811312007011002", "tanggal 31 November 1988 tidak ada")

    def test_february_29_of_a_common_year(self):
        """29 February 1987 does not exist."""
        self.tolak("198702292010011001", "tanggal 29 Februari 1987 tidak ada")

    def test_birth_year_too_early(self):
        self.tolak("189901012000011001", "tahun lahir 1899 tidak mungkin", "antara 1930")

    def test_birth_year_too_late(self):
        """Someone born in 2015 cannot be a civil servant in 2026."""
        self.tolak("201501012007011002", "tahun lahir 2015 tidak mungkin", "dan 2008")

    def test_appointment_month_does_not_exist(self):
        self.tolak(
            "198811282007131002",
            "angka ke-9 sampai ke-14 (200713) harus bulan pengangkatan CPNS",
            "bulan 13 tidak ada",
        )

    def test_appointment_month_zero(self):
        self.tolak("198811282007001002", "bulan 00 tidak ada")

    def test_appointment_in_the_future(self):
        """Appointed July 2026 when today is 15 June 2026: refused."""
        self.tolak("198811282026071002", "Juli 2026 belum terjadi")

    def test_appointment_before_age_18(self):
        """Born November 1988, appointed October 2006: not yet 18."""
        self.tolak("198811282006101002", "Oktober 2006 pemilik NIP belum berumur 18 tahun")

    def test_appointment_before_birth(self):
        self.tolak("198811281980011002", "belum berumur 18 tahun")

    def test_sex_digit(self):
        """Digit 15 must be 1 or 2."""
        for angka in "03":
            with self.subTest(angka=angka):
                self.tolak(
                    f"19881128200701{angka}002",
                    f"angka ke-15 ({angka}) harus jenis kelamin: 1 laki-laki atau 2 perempuan",
                )

    def test_sequence_000(self):
        self.tolak("198811282007011000", "3 angka terakhir (000) harus nomor urut 001 sampai 999")

    def test_every_wrong_part_listed(self):
        """A NIP wrong in several parts names each of them."""
        pesan = self.tolak("198802302007133000", "tanggal 30 Februari", "bulan 13", "angka ke-15")
        self.assertIn("nomor urut", pesan)

    def test_original_text_quoted(self):
        """The message quotes the NIP as typed (trimmed), spaces included."""
        self.tolak("  1988 1128 2007 01 3 002 ", "NIP '1988 1128 2007 01 3 002'")
