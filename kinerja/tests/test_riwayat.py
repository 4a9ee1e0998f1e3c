"""An indicator's history of years without a PK (RiwayatCapaian): its computed capaian, the
writes of kinerja/services_riwayat.py with their checks and lock, and riwayat_indikator, the
read function of the report (kinerja/riwayat.py)."""

from datetime import date
from decimal import Decimal
from unittest import mock

from django.core.exceptions import ValidationError
from django.test import TestCase

from kinerja import capaian
from kinerja.models import Indikator, ItemPK, PerjanjianKinerja, Renstra, RiwayatCapaian, Sasaran
from kinerja.riwayat import halaman_riwayat, riwayat_indikator
from kinerja.services_riwayat import riwayat_hapus, riwayat_simpan
from nilai import tulis_nilai
from satker.kunci import DataTerkunci, pesan_riwayat_terkunci
from satker.models import Peran
from satker.tests.helpers import buka_kunci_uji, kunci_uji

from .helpers import buat_pk, buat_satker, buat_user


class RiwayatMixin:
    @classmethod
    def setUpTestData(cls):
        s = cls.s = buat_satker()
        cls.pk, items = buat_pk(s["lampura"], tahun=2023)
        cls.persen = items["persen"].indikator  # 1.1, %
        cls.revisi = items["revisi"].indikator  # 1.2, lower is better (selisih)
        cls.akip = items["akip"].indikator  # 1.3, AKIP grade
        cls.ya = Indikator.objects.create(
            sasaran=cls.persen.sasaran,
            kode="1.4",
            nama="Tersedianya SOP",
            satuan="dokumen",
            jenis_nilai="ya_tidak",
        )
        cls.operator = buat_user("op.lampura", s["lampura"], Peran.OPERATOR)

    def simpan(self, indikator=None, tahun=2022, target="", realisasi="", **kw):
        return riwayat_simpan(
            indikator=indikator or self.akip, tahun=tahun, target=target, realisasi=realisasi, **kw
        )

    def kunci(self, tahun, satker=None):
        return kunci_uji(satker or self.s["lampura"], tahun)


class CapaianRiwayatTests(RiwayatMixin, TestCase):
    def test_grade_scored_by_rank(self):
        """BB against a target of B on the AKIP scale is 5 / 4 = 125 %."""
        hasil = self.simpan(target="B", realisasi="BB").hitung_capaian()
        self.assertEqual(hasil.nilai, Decimal(125))
        self.assertEqual(hasil.aturan, capaian.Aturan.PREDIKAT)

    def test_number_higher_is_better(self):
        """95,5 against 90 is 106,11 % by realisasi ÷ target × 100."""
        hasil = self.simpan(self.persen, target="90", realisasi="95,5").hitung_capaian()
        self.assertEqual(hasil.tampil, "106,11 %")
        self.assertEqual(hasil.aturan, capaian.Aturan.POSITIF)

    def test_lower_is_better_uses_the_indicators_formula(self):
        """12 revisions against 10 score 80 % under the indicator's selisih formula."""
        hasil = self.simpan(self.revisi, target="10", realisasi="12").hitung_capaian()
        self.assertEqual(hasil.nilai, Decimal(80))
        self.assertEqual(hasil.aturan, capaian.Aturan.NEGATIF_SELISIH)

    def test_yes_no(self):
        """A yes/no indicator achieved scores 100 %."""
        hasil = self.simpan(self.ya, target="ya", realisasi="ya").hitung_capaian()
        self.assertEqual(hasil.nilai, Decimal(100))

    def test_missing_target_gives_no_capaian_with_the_reason(self):
        """A realisasi printed without its target has capaian "—" and says why."""
        hasil = self.simpan(realisasi="BB").hitung_capaian()
        self.assertIsNone(hasil.nilai)
        self.assertEqual(hasil.tampil, "—")
        self.assertEqual(hasil.alasan, "Target belum ditetapkan.")

    def test_missing_realisasi_gives_no_capaian_with_the_reason(self):
        """A target without a realisasi has capaian "—" with the reason."""
        hasil = self.simpan(target="B").hitung_capaian()
        self.assertEqual(hasil.alasan, "Realisasi belum dilaporkan.")

    def test_value_that_no_longer_fits_gives_the_reason_not_an_error(self):
        """A stored grade that is not (or no longer) on the scale is "—" with the reason."""
        r = self.simpan(target="B", realisasi="BB")
        RiwayatCapaian.objects.filter(id=r.id).update(realisasi_predikat="Z")
        r.refresh_from_db()
        hasil = r.hitung_capaian()
        self.assertIsNone(hasil.nilai)
        self.assertIn("tidak ada dalam skala", hasil.alasan)
        self.assertEqual(hasil.aturan, capaian.Aturan.PREDIKAT)


class SimpanTests(RiwayatMixin, TestCase):
    def test_typed_values_are_read_the_indonesian_way(self):
        """ "95,5" is 95.5, a Cyrillic "В" is the grade B, "ya" is yes."""
        self.assertEqual(self.simpan(self.persen, realisasi="95,5").realisasi, Decimal("95.5"))
        self.assertEqual(self.simpan(target="\u0412").target_predikat, "B")
        self.assertEqual(self.simpan(self.ya, realisasi="ya").nilai_dari("realisasi"), True)

    def test_sumber_and_user_are_recorded_with_history(self):
        """Who entered the row is kept on the row and in its change history."""
        r = self.simpan(target="B", sumber=" LKj 2022, Tabel 3.2 ", user=self.operator)
        self.assertEqual((r.sumber, r.diubah_oleh), ("LKj 2022, Tabel 3.2", self.operator))
        self.assertEqual(r.history.get().history_user, self.operator)

    def test_grade_outside_the_scale_refused(self):
        """A grade not on the AKIP scale is refused on its field."""
        with self.assertRaises(ValidationError) as ctx:
            self.simpan(realisasi="WTP")
        self.assertIn("realisasi", ctx.exception.message_dict)
        self.assertFalse(RiwayatCapaian.objects.exists())

    def test_share_above_100_percent_refused(self):
        """A percentage that is a share of a whole cannot exceed 100."""
        with self.assertRaises(ValidationError) as ctx:
            self.simpan(self.persen, realisasi="120")
        self.assertIn("tidak boleh lebih dari 100", str(ctx.exception))

    def test_other_unit_refused(self):
        """ "2 laporan" against a percentage indicator is refused, not read as 2."""
        with self.assertRaises(ValidationError) as ctx:
            self.simpan(self.persen, realisasi="2 laporan")
        self.assertIn("tidak sesuai dengan satuan", str(ctx.exception))

    def test_both_values_empty_refused(self):
        """A row needs a target, a realisasi or both."""
        with self.assertRaisesMessage(ValidationError, "Isi target, realisasi, atau keduanya."):
            self.simpan(sumber="LKj 2022")

    def test_year_with_a_pk_item_refused(self):
        """2023 has a PK holding the indicator: its capaian comes from the PK."""
        with self.assertRaises(ValidationError) as ctx:
            self.simpan(tahun=2023, target="B")
        self.assertIn("dihitung dari PK", ctx.exception.message_dict["tahun"][0])

    def test_year_whose_pk_in_force_dropped_the_indicator_is_open(self):
        """Only the PK in force counts: a revision without the indicator leaves the year open."""
        lama = PerjanjianKinerja.objects.create(
            satker=self.s["lampura"], tahun=2022, renstra=self.pk.renstra
        )
        ItemPK.objects.create(pk_induk=lama, indikator=self.akip, target_predikat="B")
        with self.assertRaises(ValidationError):
            self.simpan(tahun=2022, target="B")
        PerjanjianKinerja.objects.create(
            satker=self.s["lampura"],
            tahun=2022,
            renstra=self.pk.renstra,
            revisi=1,
            alasan_revisi="Indikator dihapus",
        )
        self.assertEqual(self.simpan(tahun=2022, target="B").tahun, 2022)

    def test_year_after_the_renstra_refused(self):
        """2025 is after the Renstra 2020–2024 of the indicator."""
        with self.assertRaises(ValidationError) as ctx:
            self.simpan(tahun=2025, target="B")
        self.assertIn("sesudah periode", ctx.exception.message_dict["tahun"][0])

    def test_nonsense_and_future_years_refused(self):
        """A year before 2000, or one that has not begun, is refused."""
        renstra = Renstra.objects.create(
            satker=self.s["lampura"], tahun_mulai=2025, tahun_selesai=2029, nama="Renstra 2025"
        )
        sasaran = Sasaran.objects.create(renstra=renstra, nomor=1, teks="Sasaran")
        ind = Indikator.objects.create(sasaran=sasaran, kode="1.1", nama="Indikator", satuan="%")
        with mock.patch(
            "kinerja.models.riwayat.timezone.localdate", return_value=date(2026, 12, 1)
        ):
            for tahun, pesan in ((1999, "tidak masuk akal"), (2027, "belum berjalan")):
                with self.subTest(tahun=tahun), self.assertRaises(ValidationError) as ctx:
                    self.simpan(ind, tahun=tahun, target="50")
                self.assertIn(pesan, ctx.exception.message_dict["tahun"][0])

    def test_second_row_for_a_year_refused(self):
        """A year already in the history is corrected, not entered twice."""
        self.simpan(target="B")
        with self.assertRaisesMessage(ValidationError, "sudah ada dalam riwayat"):
            self.simpan(target="BB")
        self.assertEqual(RiwayatCapaian.objects.count(), 1)

    def test_correction_may_change_the_year(self):
        """Correcting a row can move it to another year without a PK."""
        r = self.simpan(target="B")
        r = self.simpan(tahun=2021, target="B", realisasi="BB", riwayat=r)
        self.assertEqual(list(RiwayatCapaian.objects.values_list("tahun", flat=True)), [2021])

    def test_unchanged_correction_writes_no_history(self):
        """Saving the same values again adds no history record."""
        r = self.simpan(target="B", realisasi="BB", sumber="LKj 2022")
        self.simpan(target="B", realisasi="BB", sumber="LKj 2022", riwayat=r)
        self.assertEqual(r.history.count(), 1)

    def test_delete(self):
        """A row can be deleted; the deletion is kept in its history."""
        r = self.simpan(target="B")
        riwayat_hapus(riwayat=r, user=self.operator)
        self.assertFalse(RiwayatCapaian.objects.exists())
        self.assertEqual(RiwayatCapaian.history.filter(history_type="-").count(), 1)


class KunciRiwayatTests(RiwayatMixin, TestCase):
    def test_locked_later_year_refuses_with_its_message(self):
        """While the satker's 2023 data is locked (its report under review), 2022 cannot change."""
        pesan = self.kunci(2023)
        with self.assertRaises(DataTerkunci) as ctx:
            self.simpan(target="B")
        self.assertEqual(ctx.exception.messages, [pesan])
        self.assertFalse(RiwayatCapaian.objects.exists())

    def test_opened_again_does_not_lock(self):
        """Once the later year is open again (report returned or reopened), the history changes."""
        self.kunci(2023)
        buka_kunci_uji(self.s["lampura"], 2023)
        self.assertIsNotNone(self.simpan(target="B"))

    def test_lock_of_the_same_or_an_earlier_year_does_not_lock(self):
        """A report prints only the years before it: the 2022 lock leaves 2022 open."""
        self.kunci(2022)
        self.assertIsNotNone(self.simpan(tahun=2022, target="B"))
        self.assertIsNotNone(pesan_riwayat_terkunci(self.s["lampura"], 2021))

    def test_correction_and_delete_refused_while_locked(self):
        """A stored row is neither corrected, moved into the locked years, nor deleted."""
        r = self.simpan(target="B")
        self.kunci(2023)
        with self.assertRaises(DataTerkunci):
            self.simpan(target="BB", riwayat=r)
        with self.assertRaises(DataTerkunci):
            riwayat_hapus(riwayat=r)
        r.refresh_from_db()
        self.assertEqual(r.target_predikat, "B")

    def test_other_satkers_lock_does_not_lock(self):
        """Only the satker's own locked years lock its history."""
        self.kunci(2024, satker=self.s["metro"])
        self.assertIsNotNone(self.simpan(target="B"))


class RiwayatIndikatorTests(RiwayatMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        for tahun, target, realisasi in ((2022, "B", "BB"), (2020, "", "B"), (2021, "B", "B")):
            riwayat_simpan(
                indikator=cls.akip, tahun=tahun, target=target, realisasi=realisasi, sumber="LKj"
            )
        riwayat_simpan(indikator=cls.persen, tahun=2022, target="90", realisasi="95,5")
        riwayat_simpan(indikator=cls.ya, tahun=2021, target="ya", realisasi="tidak")

    def test_rows_before_the_year_oldest_first(self):
        """Only years before `sebelum`, oldest first."""
        hasil = riwayat_indikator([self.akip.id], sebelum=2022)
        self.assertEqual([b.tahun for b in hasil[self.akip.id]], [2020, 2021])

    def test_values_typed_and_capaian_computed(self):
        """Values come typed (grade code, Decimal, bool) with the computed Capaian."""
        hasil = riwayat_indikator([self.akip.id, self.persen.id, self.ya.id], sebelum=2024)
        akip = hasil[self.akip.id]
        self.assertEqual((akip[0].target, akip[0].realisasi), (None, "B"))
        self.assertEqual(akip[0].hasil.alasan, "Target belum ditetapkan.")
        self.assertEqual(akip[2].capaian, Decimal(125))
        self.assertEqual(akip[2].sumber, "LKj")
        persen = hasil[self.persen.id][0]
        self.assertEqual((persen.target, persen.realisasi), (Decimal(90), Decimal("95.5")))
        self.assertEqual(tulis_nilai(persen.realisasi, "%"), "95,5 %")
        ya = hasil[self.ya.id][0]
        self.assertEqual((ya.target, ya.realisasi, ya.capaian), (True, False, Decimal(0)))

    def test_every_indicator_asked_for_is_a_key(self):
        """An indicator without history maps to an empty list."""
        self.assertEqual(riwayat_indikator([self.revisi.id], sebelum=2024), {self.revisi.id: []})

    def test_year_that_gained_a_pk_is_left_out(self):
        """A row entered before the PK of its year existed is not used: the PK counts."""
        pk_2022 = PerjanjianKinerja.objects.create(
            satker=self.s["lampura"], tahun=2022, renstra=self.pk.renstra
        )
        ItemPK.objects.create(pk_induk=pk_2022, indikator=self.akip, target_predikat="B")
        hasil = riwayat_indikator([self.akip.id], sebelum=2024)
        self.assertEqual([b.tahun for b in hasil[self.akip.id]], [2020, 2021])

    def test_one_query_plus_the_scales_whatever_the_number_of_indicators(self):
        """One query for the rows, one for the grade scales' values."""
        ids = [self.akip.id, self.persen.id, self.ya.id, self.revisi.id]
        with self.assertNumQueries(2):
            hasil = riwayat_indikator(ids, sebelum=2024)
            sum(b.hasil.nilai or 0 for baris in hasil.values() for b in baris)
        for i in range(20):
            ind = Indikator.objects.create(
                sasaran=self.akip.sasaran,
                kode=f"9.{i}",
                nama=f"Nilai {i}",
                satuan="predikat",
                jenis_nilai="predikat",
                skala_nilai=self.akip.skala_nilai,
            )
            riwayat_simpan(indikator=ind, tahun=2022, target="B", realisasi="A")
            ids.append(ind.id)
        with self.assertNumQueries(2):
            hasil = riwayat_indikator(ids, sebelum=2024)
            sum(b.hasil.nilai or 0 for baris in hasil.values() for b in baris)
        self.assertEqual(len(hasil), 24)

    def test_no_indicator_no_query(self):
        """Nothing asked, nothing read."""
        with self.assertNumQueries(0):
            self.assertEqual(riwayat_indikator([], sebelum=2024), {})


class HalamanRiwayatTests(RiwayatMixin, TestCase):
    def test_indicators_of_the_satkers_pks_with_their_years(self):
        """The page shows the PK indicators, every Renstra year, and which year is the PK's."""
        riwayat_simpan(indikator=self.akip, tahun=2022, target="B", realisasi="BB")
        kartu = halaman_riwayat(self.s["lampura"], self.pk.renstra)
        self.assertEqual([k.indikator.kode for k in kartu], ["1.1", "1.2", "1.3"])
        akip = kartu[2]
        self.assertEqual([t.tahun for t in akip.tahun], [2020, 2021, 2022, 2023, 2024])
        t2022, t2023 = akip.tahun[2], akip.tahun[3]
        self.assertEqual((t2022.realisasi, t2022.hasil.nilai), ("BB", Decimal(125)))
        self.assertEqual(t2023.pk, self.pk)
        self.assertEqual([t.tahun for t in akip.tahun_isi], [2020, 2021, 2024])
