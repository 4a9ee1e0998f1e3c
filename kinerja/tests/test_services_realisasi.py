"""kinerja.services_realisasi and kinerja.selectors_realisasi: reading typed values, the quarter
preview, saving a quarter all at once, evidence files and the history of a PK item."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from kinerja.models import BUKTI_UKURAN_MAKS, Bukti, Indikator, ItemPK, Realisasi
from kinerja.selectors_realisasi import (
    baca_realisasi,
    hitung_triwulan,
    pratinjau_teks,
    riwayat_item,
)
from kinerja.services_realisasi import bukti_hapus, bukti_simpan, realisasi_simpan_triwulan
from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user
from .helpers_realisasi import PDF, PNG, berkas_pdf, masukan_triwulan


class SetupMixin:
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.pk, cls.items = buat_pk(s["lampura"])
        cls.operator = buat_user("operator.a", s["lampura"], Peran.OPERATOR)
        sasaran = cls.items["persen"].indikator.sasaran
        cls.items["ya"] = ItemPK.objects.create(
            pk_induk=cls.pk,
            urutan=4,
            indikator=Indikator.objects.create(
                sasaran=sasaran,
                kode="1.4",
                nama="SOP ditetapkan",
                satuan="-",
                jenis_nilai="ya_tidak",
            ),
            target=1,
        )
        cls.items["indeks"] = ItemPK.objects.create(
            pk_induk=cls.pk,
            urutan=5,
            indikator=Indikator.objects.create(
                sasaran=sasaran, kode="1.5", nama="Indeks", satuan="%", boleh_melebihi_100=True
            ),
            target=100,
        )

    def simpan(self, triwulan, ubah=None):
        pk = type(self.pk).objects.dengan_item().get(id=self.pk.id)
        return realisasi_simpan_triwulan(
            pk=pk,
            triwulan=triwulan,
            baris=masukan_triwulan(pk, triwulan, ubah),
            user=self.operator,
        )


class BacaNilaiTests(SetupMixin, TestCase):
    def test_decimal_comma(self):
        """ "85,5" is read as 85.5."""
        self.assertEqual(baca_realisasi(self.items["persen"], "85,5").angka, Decimal("85.5"))

    def test_unit_mismatch_refused(self):
        """ "2 laporan" against a percentage indicator is a unit error."""
        with self.assertRaisesMessage(ValidationError, "tidak sesuai dengan satuan"):
            baca_realisasi(self.items["persen"], "2 laporan")

    def test_text_refused(self):
        """Words in a numeric field are refused."""
        with self.assertRaisesMessage(ValidationError, "bukan angka"):
            baca_realisasi(self.items["persen"], "dua")

    def test_negative_refused(self):
        """Negative values are refused."""
        with self.assertRaisesMessage(ValidationError, "negatif"):
            baca_realisasi(self.items["revisi"], "-3")

    def test_share_above_100_refused(self):
        """A share percentage above 100 is refused."""
        with self.assertRaisesMessage(ValidationError, "lebih dari 100"):
            baca_realisasi(self.items["persen"], "120")

    def test_index_above_100_allowed(self):
        """A percentage that may exceed 100 accepts 120."""
        self.assertEqual(baca_realisasi(self.items["indeks"], "120").angka, Decimal(120))

    def test_grade_outside_scale_refused(self):
        """A grade that is not on the indicator's scale is refused, naming the valid grades."""
        with self.assertRaisesMessage(ValidationError, "D, C, CC, B, BB, A, AA"):
            baca_realisasi(self.items["akip"], "WTP")

    def test_cyrillic_grade_normalised_with_notice(self):
        """A Cyrillic "В" is read as the Latin B, with a notice for the user."""
        hasil = baca_realisasi(self.items["akip"], "\u0412B")
        self.assertEqual(hasil.predikat, "BB")
        self.assertIn("non-Latin", hasil.catatan)

    def test_yes_no(self):
        """ "ya" is stored as 1."""
        self.assertEqual(baca_realisasi(self.items["ya"], "ya").angka, Decimal(1))

    def test_too_many_decimals_refused(self):
        """More decimals than the column keeps are refused, not rounded silently."""
        with self.assertRaises(ValidationError):
            baca_realisasi(self.items["persen"], "66,123456")


class PratinjauTests(SetupMixin, TestCase):
    def test_cumulative_uses_year_to_date(self):
        """A cumulative indicator adds earlier quarters: 5 (TW II) + 3 typed in TW III = 8."""
        p = pratinjau_teks(self.items["revisi"], 3, "3", [])
        self.assertEqual(p.realisasi_sd, Decimal(8))
        self.assertEqual(p.hasil.tampil, "120,00 %")

    def test_rule_is_reported(self):
        """The preview names the rule it applied."""
        p = pratinjau_teks(self.items["revisi"], 3, "3", [])
        self.assertEqual(p.hasil.aturan, "(2 − realisasi ÷ target) × 100, paling rendah 0")

    def test_same_as_item_capaian(self):
        """A stored value scores as ItemPK.hitung_capaian scores it."""
        item = self.items["persen"]
        p = pratinjau_teks(item, 4, "100", [])
        self.assertEqual(p.hasil.nilai, item.hitung_capaian(4).nilai)

    def test_bad_value_gives_message_not_capaian(self):
        """An invalid value shows the reason and no capaian."""
        p = pratinjau_teks(self.items["persen"], 1, "2 laporan", [])
        self.assertIsNone(p.hasil.nilai)
        self.assertTrue(p.galat)

    def test_empty_quarter_has_no_capaian(self):
        """An empty quarter shows no capaian even if an earlier quarter has one."""
        from kinerja.selectors_realisasi import NilaiTerbaca

        p = hitung_triwulan(self.items["revisi"], 3, NilaiTerbaca(), [])
        self.assertIsNone(p.hasil.nilai)


class SimpanTests(SetupMixin, TestCase):
    def test_new_row_created_with_version_1_and_user(self):
        """A new value creates the realisasi at version 1, filled in by the user."""
        hasil = self.simpan(1, {self.items["persen"].id: {"nilai": "47,5"}})
        self.assertTrue(hasil.disimpan)
        r = Realisasi.objects.get(item=self.items["persen"], triwulan=1)
        self.assertEqual((r.nilai, r.versi, r.diisi_oleh), (Decimal("47.5"), 1, self.operator))

    def test_update_increments_version(self):
        """Changing a value saves version + 1."""
        self.simpan(4, {self.items["persen"].id: {"nilai": "90"}})
        r = Realisasi.objects.get(item=self.items["persen"], triwulan=4)
        self.assertEqual((r.nilai, r.versi), (Decimal(90), 2))

    def test_history_records_user(self):
        """The change is in the history with the user who saved it."""
        self.simpan(4, {self.items["persen"].id: {"nilai": "90"}})
        catatan = Realisasi.history.filter(item_id=self.items["persen"].id).latest("history_date")
        self.assertEqual((catatan.history_user, catatan.nilai), (self.operator, Decimal(90)))

    def test_unchanged_rows_not_written(self):
        """Rows left as loaded keep their version and get no history record."""
        sebelum = Realisasi.history.count()
        hasil = self.simpan(4)
        self.assertTrue(hasil.disimpan)
        self.assertEqual(Realisasi.history.count(), sebelum)
        self.assertEqual(Realisasi.objects.get(item=self.items["akip"], triwulan=4).versi, 1)

    def test_one_bad_row_writes_nothing(self):
        """When one row is invalid, the valid rows are not saved either."""
        hasil = self.simpan(
            1,
            {
                self.items["persen"].id: {"nilai": "50"},
                self.items["revisi"].id: {"nilai": "dua"},
            },
        )
        self.assertFalse(hasil.disimpan)
        self.assertFalse(Realisasi.objects.filter(triwulan=1).exists())
        self.assertEqual([b.item for b in hasil.bermasalah], [self.items["revisi"]])

    def test_grade_normalised_is_saved_with_notice(self):
        """A Cyrillic look-alike grade is saved as the Latin code and reported."""
        hasil = self.simpan(1, {self.items["akip"].id: {"nilai": "\u0412B"}})
        self.assertTrue(hasil.disimpan)
        self.assertEqual(
            Realisasi.objects.get(item=self.items["akip"], triwulan=1).nilai_predikat, "BB"
        )
        self.assertTrue(hasil.catatan)

    def test_cleared_value_without_delete_refused(self):
        """Emptying a saved value without ticking "hapus" is an error, not a delete."""
        hasil = self.simpan(4, {self.items["persen"].id: {"nilai": ""}})
        self.assertFalse(hasil.disimpan)
        self.assertTrue(Realisasi.objects.filter(item=self.items["persen"], triwulan=4).exists())

    def test_delete_when_ticked(self):
        """Ticking "hapus" deletes the realisasi, recorded in the history with the user."""
        hasil = self.simpan(4, {self.items["persen"].id: {"hapus": True}})
        self.assertTrue(hasil.disimpan)
        self.assertFalse(Realisasi.objects.filter(item=self.items["persen"], triwulan=4).exists())
        catatan = Realisasi.history.filter(item_id=self.items["persen"].id).latest("history_date")
        self.assertEqual((catatan.history_type, catatan.history_user), ("-", self.operator))

    def test_narrative_without_value_refused(self):
        """Narrative text on a row without a value is an error."""
        hasil = self.simpan(1, {self.items["persen"].id: {"kegiatan": "Rapat"}})
        self.assertFalse(hasil.disimpan)
        self.assertIn("narasi tanpa nilai", hasil.bermasalah[0].galat[0])

    def test_empty_new_row_creates_nothing(self):
        """An untouched empty row creates no realisasi."""
        hasil = self.simpan(1)
        self.assertTrue(hasil.disimpan)
        self.assertFalse(Realisasi.objects.filter(triwulan=1).exists())

    def test_narrative_change_saved(self):
        """Changing only the narrative is a change (new version)."""
        self.simpan(4, {self.items["persen"].id: {"solusi": "Bimtek ulang"}})
        r = Realisasi.objects.get(item=self.items["persen"], triwulan=4)
        self.assertEqual((r.solusi, r.versi), ("Bimtek ulang", 2))

    def test_windows_line_endings_are_not_a_change(self):
        """A textarea's CRLF is the same text as the stored LF."""
        self.simpan(4, {self.items["persen"].id: {"kegiatan": "a\nb"}})
        self.simpan(4, {self.items["persen"].id: {"kegiatan": "a\r\nb"}})
        self.assertEqual(Realisasi.objects.get(item=self.items["persen"], triwulan=4).versi, 2)


class BuktiTests(SetupMixin, TestCase):
    def setUp(self):
        self.realisasi = Realisasi.objects.get(item=self.items["persen"], triwulan=4)

    def test_pdf_stored_under_satker_folder(self):
        """A PDF is stored under bukti/<satker>/<year>/tw<q>/ with its detected type."""
        bukti = bukti_simpan(realisasi=self.realisasi, berkas=berkas_pdf(), user=self.operator)
        self.assertTrue(bukti.berkas.name.startswith("bukti/18.03/2023/tw4/"))
        self.assertEqual(bukti.jenis_mime, "application/pdf")

    def test_type_from_content_not_name(self):
        """A PNG named .pdf is stored as a PNG."""
        bukti = bukti_simpan(
            realisasi=self.realisasi, berkas=berkas_pdf("scan.pdf", PNG), user=self.operator
        )
        self.assertEqual(bukti.jenis_mime, "image/png")
        self.assertTrue(bukti.berkas.name.endswith(".png"))

    def test_text_named_pdf_refused(self):
        """A text file named .pdf is refused."""
        with self.assertRaisesMessage(ValidationError, "diperiksa dari isinya"):
            bukti_simpan(
                realisasi=self.realisasi,
                berkas=berkas_pdf("palsu.pdf", b"bukan pdf sama sekali"),
                user=self.operator,
            )
        self.assertFalse(Bukti.objects.exists())

    def test_too_large_refused(self):
        """A file above BUKTI_UKURAN_MAKS is refused."""
        besar = SimpleUploadedFile("besar.pdf", PDF + b"0" * BUKTI_UKURAN_MAKS)
        with self.assertRaisesMessage(ValidationError, "terlalu besar"):
            bukti_simpan(realisasi=self.realisasi, berkas=besar, user=self.operator)

    def test_delete_removes_file_after_commit(self):
        """Deleting evidence removes its file once the transaction commits."""
        bukti = bukti_simpan(realisasi=self.realisasi, berkas=berkas_pdf(), user=self.operator)
        nama = bukti.berkas.name
        with self.captureOnCommitCallbacks(execute=True):
            bukti_hapus(bukti=bukti, user=self.operator)
        self.assertFalse(default_storage.exists(nama))


class RiwayatTests(SetupMixin, TestCase):
    def test_change_listed_with_user_and_old_new_value(self):
        """The item history shows who changed a realisasi from what to what."""
        self.simpan(4, {self.items["persen"].id: {"nilai": "90"}})
        entri = riwayat_item(self.items["persen"])[0]
        self.assertEqual(
            (entri.oleh, entri.objek, entri.jenis), ("operator.a", "Realisasi TW IV", "diubah")
        )
        self.assertEqual([(c.lama, c.baru) for c in entri.perubahan], [("100 %", "90 %")])

    def test_item_target_change_listed(self):
        """A change of the yearly target is in the item's history."""
        item = self.items["persen"]
        item.target = Decimal(97)
        item._history_user = self.operator
        item.save()
        entri = riwayat_item(item)[0]
        self.assertEqual((entri.objek, entri.perubahan[0].baru), ("Indikator PK", "97 %"))
