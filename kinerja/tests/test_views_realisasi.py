"""Views of the quarterly realisasi: permissions per persona for every view, bad input, evidence
files, the item page with its history, and a constant number of queries."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.models import BUKTI_UKURAN_MAKS, Bukti, PerjanjianKinerja, Realisasi
from kinerja.services_realisasi import realisasi_simpan_triwulan
from satker.models import Peran

from .helpers import buat_pk, buat_satker, buat_user
from .helpers_realisasi import (
    PDF,
    berkas_pdf,
    buat_bukti,
    buat_pk_besar,
    data_post,
    masukan_triwulan,
)


class Persona(TestCase):
    """Operator of Lampung Utara (A), operator of Rejang Lebong (B), reviewer of Lampung
    (A's province), reviewer of Bengkulu, pimpinan of A, admin, anonymous."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        cls.satker = s
        cls.pk, cls.items = buat_pk(s["lampura"])
        cls.pk_b, _ = buat_pk(s["rejang"], tahun=2024)
        cls.operator_a = buat_user("operator.a", s["lampura"], Peran.OPERATOR)
        cls.operator_b = buat_user("operator.b", s["rejang"], Peran.OPERATOR)
        cls.reviewer_a = buat_user("reviewer.lampung", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("reviewer.bengkulu", s["bengkulu"], Peran.REVIEWER)
        cls.pimpinan_a = buat_user("pimpinan.a", s["lampura"], Peran.PIMPINAN)
        cls.admin = buat_user("admin", s["ri"], Peran.ADMIN)
        cls.realisasi = Realisasi.objects.get(item=cls.items["persen"], triwulan=4)
        cls.bukti = buat_bukti(cls.realisasi, nama="notulen rapat.pdf")

    def login(self, user):
        if user:
            self.client.force_login(user)


class AksesMixin:
    """Each view subclass sets `metode`, `url()`, `data()` and the status of an allowed call."""

    metode = "get"
    status_ok = 200

    def url(self):
        raise NotImplementedError

    def data(self):
        return {}

    def panggil(self, user):
        self.login(user)
        return getattr(self.client, self.metode)(self.url(), self.data())

    def test_operator_of_satker_allowed(self):
        """The satker's operator is allowed."""
        self.assertEqual(self.panggil(self.operator_a).status_code, self.status_ok)

    def test_operator_of_other_satker_gets_404(self):
        """Another satker's operator gets 404, so ids do not leak."""
        self.assertEqual(self.panggil(self.operator_b).status_code, 404)

    def test_reviewer_of_province(self):
        """The province's reviewer reads (200) but may not change (403)."""
        status = 200 if self.metode == "get" else 403
        self.assertEqual(self.panggil(self.reviewer_a).status_code, status)

    def test_reviewer_of_other_province_gets_404(self):
        """A reviewer of another province gets 404."""
        self.assertEqual(self.panggil(self.reviewer_lain).status_code, 404)

    def test_pimpinan(self):
        """The satker's pimpinan reads (200) but may not change (403)."""
        status = 200 if self.metode == "get" else 403
        self.assertEqual(self.panggil(self.pimpinan_a).status_code, status)

    def test_admin_allowed(self):
        """The admin is allowed everywhere."""
        self.assertEqual(self.panggil(self.admin).status_code, self.status_ok)

    def test_anonymous_redirected_to_login(self):
        """Anonymous visitors are sent to the login page."""
        r = self.panggil(None)
        self.assertEqual(r.status_code, 302)
        self.assertTrue(r["Location"].startswith(reverse("login")))


class HalamanTriwulanAksesTests(AksesMixin, Persona):
    def url(self):
        return reverse("realisasi_triwulan", args=[self.pk.id, 4])


class SimpanAksesTests(AksesMixin, Persona):
    metode = "post"
    status_ok = 302

    def url(self):
        return reverse("realisasi_simpan", args=[self.pk.id, 4])

    def data(self):
        return data_post(self.pk, 4, {self.items["persen"].id: {"nilai": "90"}})


class PratinjauAksesTests(AksesMixin, Persona):
    metode = "post"

    def url(self):
        return reverse("realisasi_pratinjau", args=[self.items["persen"].id, 4])

    def data(self):
        return {f"r-{self.items['persen'].id}-nilai": "47,5"}


class UnggahAksesTests(AksesMixin, Persona):
    metode = "post"
    status_ok = 302

    def url(self):
        return reverse("bukti_unggah", args=[self.items["persen"].id, 4])

    def data(self):
        return {"berkas": berkas_pdf()}


class UnduhAksesTests(AksesMixin, Persona):
    def url(self):
        return reverse("bukti_unduh", args=[self.bukti.id])


class HapusBuktiAksesTests(AksesMixin, Persona):
    metode = "post"
    status_ok = 302

    def url(self):
        return reverse("bukti_hapus", args=[self.bukti.id])


class ItemAksesTests(AksesMixin, Persona):
    def url(self):
        return reverse("item_detail", args=[self.items["persen"].id])


class HalamanTriwulanTests(Persona):
    def get(self, user=None, triwulan=4):
        self.login(user or self.operator_a)
        return self.client.get(reverse("realisasi_triwulan", args=[self.pk.id, triwulan]))

    def test_quarter_5_is_404(self):
        """There is no fifth quarter."""
        self.login(self.operator_a)
        self.assertEqual(self.client.get(f"/pk/{self.pk.id}/triwulan/5/").status_code, 404)

    def test_rows_show_target_value_and_capaian(self):
        """A row shows the quarter's target, the stored value and its capaian with the rule."""
        r = self.get()
        self.assertContains(r, 'value="100"')
        self.assertContains(r, "105,26 %")
        self.assertContains(r, "Realisasi ÷ target × 100")

    def test_grade_row_is_a_select_of_the_scale(self):
        """A grade indicator offers the scale's grades in a select, the stored one selected."""
        r = self.get()
        self.assertContains(r, '<option value="A" selected>A</option>', html=True)

    def test_cumulative_shows_year_to_date(self):
        """A cumulative indicator shows its year-to-date realisasi (5 + 7 = 12)."""
        self.assertContains(self.get(), "s.d. TW IV (jumlah)")

    def test_live_preview_wired_with_htmx(self):
        """Value inputs post to the row preview as the user types."""
        r = self.get()
        url = reverse("realisasi_pratinjau", args=[self.items["persen"].id, 4])
        self.assertContains(r, f'hx-post="{url}"')
        self.assertContains(r, 'hx-trigger="input changed delay:300ms"')

    def test_read_only_role_sees_no_inputs(self):
        """The pimpinan sees the values but no inputs and no save button."""
        r = self.get(self.pimpinan_a)
        self.assertNotContains(r, 'name="r-')
        self.assertNotContains(r, "Simpan realisasi")
        self.assertContains(r, "105,26 %")

    def test_evidence_linked_through_access_checked_view(self):
        """Evidence is downloaded through the checked view, never a media URL."""
        r = self.get()
        self.assertContains(r, reverse("bukti_unduh", args=[self.bukti.id]))
        self.assertNotContains(r, "/media/")


class SimpanTests(Persona):
    def post(self, ubah, triwulan=4, **kwargs):
        self.login(self.operator_a)
        data = data_post(self.pk, triwulan, ubah)
        return self.client.post(
            reverse("realisasi_simpan", args=[self.pk.id, triwulan]), data, **kwargs
        )

    def assertTidakTertulis(self):
        self.assertEqual(Realisasi.objects.get(id=self.realisasi.id).versi, 1)
        self.assertFalse(Realisasi.objects.filter(triwulan=1).exists())

    def test_save_redirects_with_message(self):
        """A valid save returns to the quarter page with a summary."""
        r = self.post({self.items["persen"].id: {"nilai": "47,5"}}, triwulan=1, follow=True)
        self.assertContains(r, "Realisasi TW I disimpan: 1 baru.")
        self.assertEqual(
            Realisasi.objects.get(item=self.items["persen"], triwulan=1).nilai, Decimal("47.5")
        )

    def test_history_records_the_user(self):
        """The saved change is in the history with the operator as its author."""
        self.post({self.items["persen"].id: {"nilai": "90"}})
        catatan = Realisasi.history.filter(id=self.realisasi.id).latest("history_date")
        self.assertEqual(catatan.history_user, self.operator_a)

    def test_text_in_number_refused_and_kept(self):
        """Text in a numeric field is refused; nothing is written and the text stays."""
        r = self.post({self.items["persen"].id: {"nilai": "sembilan puluh"}})
        self.assertContains(r, "bukan angka")
        self.assertContains(r, 'value="sembilan puluh"')
        self.assertTidakTertulis()

    def test_unit_mismatch_refused(self):
        """ "2 laporan" against a percentage indicator is refused."""
        r = self.post({self.items["persen"].id: {"nilai": "2 laporan"}})
        self.assertContains(r, "tidak sesuai dengan satuan indikator")
        self.assertTidakTertulis()

    def test_share_above_100_refused(self):
        """120 for a share percentage is refused."""
        r = self.post({self.items["persen"].id: {"nilai": "120"}})
        self.assertContains(r, "tidak boleh lebih dari 100")
        self.assertTidakTertulis()

    def test_grade_outside_scale_refused_and_kept(self):
        """A grade outside the scale is refused and still shown in the select."""
        r = self.post({self.items["akip"].id: {"nilai": "WTP"}})
        self.assertContains(r, "tidak ada dalam skala")
        self.assertContains(
            r, '<option value="WTP" selected>WTP (tidak dikenal)</option>', html=True
        )
        self.assertTidakTertulis()

    def test_negative_refused(self):
        """A negative value is refused."""
        r = self.post({self.items["revisi"].id: {"nilai": "-2"}})
        self.assertContains(r, "tidak boleh negatif")
        self.assertTidakTertulis()

    def test_cyrillic_grade_normalised_with_notice(self):
        """A Cyrillic "В" is saved as the Latin grade and the user is told."""
        r = self.post({self.items["akip"].id: {"nilai": "\u0412B"}}, triwulan=1, follow=True)
        self.assertContains(r, "non-Latin")
        self.assertEqual(
            Realisasi.objects.get(item=self.items["akip"], triwulan=1).nilai_predikat, "BB"
        )

    def test_other_rows_typed_values_kept_on_error(self):
        """When one row fails, what was typed in the other rows is still in the form."""
        r = self.post(
            {
                self.items["persen"].id: {"nilai": "47,5", "kegiatan": "Bimtek bendahara"},
                self.items["revisi"].id: {"nilai": "dua"},
            },
            triwulan=1,
        )
        self.assertContains(r, 'value="47,5"')
        self.assertContains(r, "Bimtek bendahara")
        self.assertContains(r, "1 baris perlu diperbaiki")
        self.assertTidakTertulis()

    def test_ticked_delete_removes_realisasi_and_evidence(self):
        """Ticking "hapus" deletes the quarter's realisasi with its evidence."""
        self.post({self.items["persen"].id: {"nilai": "", "hapus": True}})
        self.assertFalse(Realisasi.objects.filter(id=self.realisasi.id).exists())
        self.assertFalse(Bukti.objects.filter(id=self.bukti.id).exists())

    def test_cleared_value_without_tick_keeps_realisasi(self):
        """Clearing a value without ticking "hapus" is refused with a hint."""
        r = self.post({self.items["persen"].id: {"nilai": ""}})
        self.assertContains(r, "centang “Hapus realisasi triwulan ini”")
        self.assertTrue(Realisasi.objects.filter(id=self.realisasi.id).exists())

    def test_error_summary_links_to_row(self):
        """The summary at the top links to the failing row."""
        r = self.post({self.items["revisi"].id: {"nilai": "dua"}})
        self.assertContains(r, f'href="#baris-{self.items["revisi"].id}"')

    def test_missing_version_is_refused_not_500(self):
        """A tampered form without the version field is refused with a message."""
        self.login(self.operator_a)
        data = data_post(self.pk, 4)
        del data[f"r-{self.items['persen'].id}-versi"]
        r = self.client.post(reverse("realisasi_simpan", args=[self.pk.id, 4]), data)
        self.assertContains(r, "Tidak ada data yang disimpan")

    def test_get_on_save_url_not_allowed(self):
        """Saving only accepts POST."""
        self.login(self.operator_a)
        r = self.client.get(reverse("realisasi_simpan", args=[self.pk.id, 4]))
        self.assertEqual(r.status_code, 405)

    def test_conflict_shown_with_their_value_and_yours(self):
        """A stale version shows who saved what, next to the user's own value, nothing written."""
        persen = self.items["persen"].id
        data = data_post(self.pk, 4, {persen: {"nilai": "80"}})
        pk = PerjanjianKinerja.objects.dengan_item().get(id=self.pk.id)
        realisasi_simpan_triwulan(
            pk=pk,
            triwulan=4,
            baris=masukan_triwulan(self.pk, 4, {persen: {"nilai": "91"}}),
            user=self.admin,
        )
        self.login(self.operator_a)
        r = self.client.post(reverse("realisasi_simpan", args=[self.pk.id, 4]), data)
        self.assertContains(r, "telah diubah oleh admin")
        self.assertContains(r, "91 %")
        self.assertContains(r, 'value="80"')
        self.assertEqual(Realisasi.objects.get(id=self.realisasi.id).nilai, Decimal(91))


class PratinjauTests(Persona):
    def pratinjau(self, teks, item="persen", triwulan=1):
        self.login(self.operator_a)
        item_id = self.items[item].id
        url = reverse("realisasi_pratinjau", args=[item_id, triwulan])
        return self.client.post(url, {f"r-{item_id}-nilai": teks})

    def test_capaian_computed_by_server(self):
        """47,5 against 95 scores 50,00 % with its category and rule."""
        r = self.pratinjau("47,5")
        self.assertContains(r, "50,00 %")
        self.assertContains(r, "Kurang")
        self.assertContains(r, "Realisasi ÷ target × 100")

    def test_bad_value_message_swapped_out_of_band(self):
        """An invalid value returns its message into the row's error slot."""
        r = self.pratinjau("2 laporan")
        self.assertContains(r, 'hx-swap-oob="true"')
        self.assertContains(r, "tidak sesuai dengan satuan")

    def test_cyrillic_notice_in_preview(self):
        """The preview already says a look-alike letter was normalised."""
        self.assertContains(self.pratinjau("\u0412B", item="akip"), "non-Latin")

    def test_quarter_5_is_404(self):
        """The preview has no fifth quarter either."""
        self.login(self.operator_a)
        r = self.client.post(f"/item/{self.items['persen'].id}/triwulan/5/pratinjau/")
        self.assertEqual(r.status_code, 404)

    def test_preview_writes_nothing(self):
        """Typing never saves."""
        self.pratinjau("47,5")
        self.assertFalse(Realisasi.objects.filter(triwulan=1).exists())


class BuktiTests(Persona):
    def unggah(self, berkas, triwulan=4, **headers):
        self.login(self.operator_a)
        url = reverse("bukti_unggah", args=[self.items["persen"].id, triwulan])
        return self.client.post(url, {"berkas": berkas}, **headers)

    def test_upload_via_htmx_returns_evidence_list(self):
        """An htmx upload returns the row's evidence list with the new file."""
        r = self.unggah(berkas_pdf("sk tim.pdf"), headers={"HX-Request": "true"})
        self.assertContains(r, "sk tim.pdf")
        self.assertContains(r, "diunggah")

    def test_text_named_pdf_refused(self):
        """A text file named .pdf is refused: its content is not a PDF."""
        r = self.unggah(berkas_pdf("palsu.pdf", b"ini teks biasa"), headers={"HX-Request": "true"})
        self.assertContains(r, "diperiksa dari isinya")
        self.assertEqual(Bukti.objects.count(), 1)

    def test_too_large_refused(self):
        """A file above the size limit is refused."""
        besar = SimpleUploadedFile("besar.pdf", PDF + b"0" * BUKTI_UKURAN_MAKS)
        r = self.unggah(besar, headers={"HX-Request": "true"})
        self.assertContains(r, "terlalu besar")
        self.assertEqual(Bukti.objects.count(), 1)

    def test_upload_needs_saved_realisasi(self):
        """Evidence for a quarter without a saved value is refused with a hint."""
        r = self.unggah(berkas_pdf(), triwulan=1, headers={"HX-Request": "true"})
        self.assertContains(r, "Simpan nilai realisasi")
        self.assertEqual(Bukti.objects.count(), 1)

    def test_upload_without_file_refused(self):
        """Posting no file is a message, not an error page."""
        self.login(self.operator_a)
        url = reverse("bukti_unggah", args=[self.items["persen"].id, 4])
        r = self.client.post(url, {}, headers={"HX-Request": "true"})
        self.assertContains(r, "Pilih berkas")

    def test_download_is_attachment_with_stored_type(self):
        """Download sends the file as an attachment with its detected type."""
        self.login(self.pimpinan_a)
        r = self.client.get(reverse("bukti_unduh", args=[self.bukti.id]))
        self.assertEqual(r["Content-Type"], "application/pdf")
        self.assertIn("attachment", r["Content-Disposition"])
        self.assertEqual(b"".join(r.streaming_content), PDF)

    def test_download_of_missing_file_is_404(self):
        """A record whose file is gone gives 404, not 500."""
        self.bukti.berkas.storage.delete(self.bukti.berkas.name)
        self.login(self.operator_a)
        r = self.client.get(reverse("bukti_unduh", args=[self.bukti.id]))
        self.assertEqual(r.status_code, 404)

    def test_delete_removes_record(self):
        """Deleting evidence removes it from the list."""
        bukti = buat_bukti(self.realisasi, nama="hapus saya.pdf")
        self.login(self.operator_a)
        r = self.client.post(
            reverse("bukti_hapus", args=[bukti.id]), headers={"HX-Request": "true"}
        )
        self.assertContains(r, "dihapus")
        self.assertFalse(Bukti.objects.filter(id=bukti.id).exists())


class ItemTests(Persona):
    def test_quarters_with_target_realisasi_and_capaian(self):
        """The item page lists the four quarters with target, realisasi and capaian."""
        self.login(self.reviewer_a)
        r = self.client.get(reverse("item_detail", args=[self.items["persen"].id]))
        for tw in ("TW I", "TW II", "TW III", "TW IV"):
            self.assertContains(r, tw)
        self.assertContains(r, "105,26 %")
        self.assertContains(r, "notulen rapat.pdf")

    def test_history_shows_user_and_old_new_value(self):
        """A saved change appears in the history with user, old and new value."""
        self.login(self.operator_a)
        self.client.post(
            reverse("realisasi_simpan", args=[self.pk.id, 4]),
            data_post(self.pk, 4, {self.items["persen"].id: {"nilai": "90"}}),
        )
        r = self.client.get(reverse("item_detail", args=[self.items["persen"].id]))
        self.assertContains(r, "operator.a")
        self.assertContains(r, "<del>100 %</del> →", html=False)
        self.assertContains(r, "90 %")


class JumlahQueryTests(Persona):
    def jumlah_query(self, pk):
        self.login(self.operator_a)
        url = reverse("realisasi_triwulan", args=[pk.id, 2])
        self.client.get(url)  # warm up session and caches
        with CaptureQueriesContext(connection) as ctx:
            r = self.client.get(url)
        self.assertEqual(r.status_code, 200)
        return len(ctx.captured_queries)

    def test_same_queries_for_5_and_40_indicators(self):
        """The quarter page runs as many queries for 40 indicators as for 5."""
        kecil = buat_pk_besar(self.satker["lampura"], 5, tahun=2025)
        besar = buat_pk_besar(self.satker["lampura"], 40, tahun=2026)
        self.assertEqual(self.jumlah_query(kecil), self.jumlah_query(besar))


class RevisiLamaTests(Persona):
    """A superseded PK revision keeps its realisasi readable but not editable."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.revisi_1 = PerjanjianKinerja.objects.create(
            satker=cls.pk.satker,
            tahun=cls.pk.tahun,
            jenis=cls.pk.jenis,
            revisi=1,
            alasan_revisi="Perubahan target",
            renstra=cls.pk.renstra,
        )

    def test_page_is_read_only_with_link_to_latest(self):
        """The old revision's quarter page has no inputs and links to the latest revision."""
        self.login(self.operator_a)
        r = self.client.get(reverse("realisasi_triwulan", args=[self.pk.id, 4]))
        self.assertNotContains(r, 'name="r-')
        self.assertContains(r, reverse("realisasi_triwulan", args=[self.revisi_1.id, 4]))

    def test_save_refused(self):
        """Saving the old revision is refused with a message; nothing is written."""
        self.login(self.operator_a)
        r = self.client.post(
            reverse("realisasi_simpan", args=[self.pk.id, 4]),
            data_post(self.pk, 4, {self.items["persen"].id: {"nilai": "90"}}),
            follow=True,
        )
        self.assertContains(r, "sudah direvisi")
        self.assertEqual(Realisasi.objects.get(id=self.realisasi.id).nilai, Decimal(100))

    def test_upload_refused(self):
        """Evidence cannot be added to the old revision."""
        self.login(self.operator_a)
        url = reverse("bukti_unggah", args=[self.items["persen"].id, 4])
        r = self.client.post(url, {"berkas": berkas_pdf()}, headers={"HX-Request": "true"})
        self.assertContains(r, "sudah direvisi")
        self.assertEqual(Bukti.objects.count(), 1)


class KonflikTampilanTests(Persona):
    """After a failed save, rows someone else changed meanwhile show what is current."""

    def test_untouched_row_changed_by_other_shows_their_value(self):
        """A row the user did not touch shows the other user's newer value, not the stale one."""
        persen, akip = self.items["persen"].id, self.items["akip"].id
        data = data_post(self.pk, 4, {akip: {"nilai": "B"}})  # loaded before the admin saved
        pk = PerjanjianKinerja.objects.dengan_item().get(id=self.pk.id)
        realisasi_simpan_triwulan(
            pk=pk,
            triwulan=4,
            baris=masukan_triwulan(self.pk, 4, {persen: {"nilai": "93"}, akip: {"nilai": "AA"}}),
            user=self.admin,
        )
        self.login(self.operator_a)
        r = self.client.post(reverse("realisasi_simpan", args=[self.pk.id, 4]), data)
        self.assertContains(r, "1 baris telah diubah pengguna lain")
        self.assertContains(r, 'value="93"')
        self.assertContains(r, f'name="r-{persen}-versi" value="2"')
