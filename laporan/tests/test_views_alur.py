"""The review pages: one URL per move, the status panel of a report, the reviewer's inbox."""

from datetime import timedelta
from unittest import mock

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import reviu
from laporan.models import Laporan, RiwayatStatus, StatusLaporan
from laporan.tests.helpers import data_setujui, laporan_siap, tetapkan_status
from satker.models import Peran

S = StatusLaporan


class AlurViewTests(TestCase):
    """Personas: penyusun and pimpinan of Lampung Utara, reviewer of Lampung, reviewer of
    Bengkulu, operator of Rejang Lebong (another province)."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        buat_pk(s["metro"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.laporan_metro = laporan_siap(s["metro"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        cls.pimpinan = buat_user("pim.a", s["lampura"], Peran.PIMPINAN)
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.reviewer_lain = buat_user("rev.b", s["bengkulu"], Peran.REVIEWER)
        cls.operator_lain = buat_user("op.b", s["rejang"], Peran.OPERATOR)

    def post(self, user, aksi, komentar="", laporan=None):
        """POST a move's form; an approval's form is filled with TTD."""
        self.client.force_login(user)
        url = reverse(f"laporan_{aksi}", args=[(laporan or self.laporan).id])
        data = data_setujui(komentar=komentar) if aksi == "setujui" else {"komentar": komentar}
        return self.client.post(url, data, follow=True)

    def status(self):
        return Laporan.objects.get(pk=self.laporan.pk).status

    def ke_status(self, status, **kolom):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=status, **kolom)

    def test_round_trip_through_the_pages(self):
        """Submit, return with a reason, resubmit, approve, publish: each by its role."""
        langkah = [
            (self.penyusun, "ajukan", "", S.DIAJUKAN),
            (self.reviewer, "kembalikan", "Lengkapi sasaran 2.", S.DIKEMBALIKAN),
            (self.penyusun, "ajukan", "", S.DIAJUKAN),
            (self.reviewer, "setujui", "", S.DISETUJUI),
            (self.pimpinan, "terbitkan", "", S.TERBIT),
        ]
        for user, aksi, komentar, hasil in langkah:
            with self.subTest(aksi=aksi):
                respon = self.post(user, aksi, komentar)
                self.assertEqual(respon.status_code, 200)
                self.assertEqual(self.status(), hasil)
        self.assertEqual(RiwayatStatus.objects.filter(laporan=self.laporan).count(), 5)
        self.assertContains(respon, "Lengkapi sasaran 2.")  # the history on the detail page

    def test_role_without_the_right_gets_403(self):
        """A penyusun approving or a pimpinan submitting: 403, nothing changes."""
        self.ke_status(S.DIAJUKAN)
        self.assertEqual(self.post(self.penyusun, "setujui").status_code, 403)
        self.ke_status(S.DRAF)
        self.assertEqual(self.post(self.pimpinan, "ajukan").status_code, 403)
        self.assertEqual(self.status(), S.DRAF)

    def test_outsiders_get_404(self):
        """Another province's reviewer and another satker's operator do not see the report."""
        self.ke_status(S.DIAJUKAN)
        for user in [self.reviewer_lain, self.operator_lain]:
            with self.subTest(user=user.username):
                self.assertEqual(self.post(user, "setujui").status_code, 404)
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_illegal_move_and_missing_reason_explained(self):
        """Approving a draft, or returning without a reason: a message, no change."""
        respon = self.post(self.reviewer, "setujui")
        self.assertContains(respon, "tidak dapat")
        self.assertEqual(self.status(), S.DRAF)
        self.ke_status(S.DIAJUKAN)
        respon = self.post(self.reviewer, "kembalikan", "  ")
        self.assertContains(respon, "Tuliskan alasan")
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_overlong_comment_refused(self):
        self.ke_status(S.DIAJUKAN)
        respon = self.post(self.reviewer, "kembalikan", "x" * 2001)
        self.assertContains(respon, "paling panjang 2.000 karakter")
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_get_not_allowed(self):
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("laporan_ajukan", args=[self.laporan.id]))
        self.assertEqual(respon.status_code, 405)

    def test_detail_offers_the_moves_of_the_user(self):
        """The reviewer sees Kembalikan and Setujui on a submitted report; the penyusun none."""
        self.ke_status(S.DIAJUKAN, diajukan_pada=timezone.now())
        self.client.force_login(self.reviewer)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertContains(respon, reverse("laporan_kembalikan", args=[self.laporan.id]))
        self.assertContains(respon, reverse("laporan_setujui", args=[self.laporan.id]))
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertNotContains(respon, reverse("laporan_setujui", args=[self.laporan.id]))
        self.assertContains(respon, "Menunggu reviu KPU Provinsi.")

    # --- The approval form --------------------------------------------------------------------

    def kirim_setujui(self, user, data):
        self.client.force_login(user)
        return self.client.post(reverse("laporan_setujui", args=[self.laporan.id]), data)

    def test_approval_form_starts_from_the_profile(self):
        """The reviewer's full name, profile jabatan and NIP, and the office's city."""
        self.ke_status(S.DIAJUKAN)
        self.reviewer.first_name, self.reviewer.last_name = "Siti", "Rahmawati"
        self.reviewer.save()
        anggota = self.reviewer.keanggotaan
        anggota.jabatan, anggota.nip = "Kasubbag Teknis", "19800101 200501 2 001"
        anggota.save()
        anggota.satker.kota_ttd = "Bandar Lampung"
        anggota.satker.save()
        self.client.force_login(self.reviewer)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        for nilai in ["Siti Rahmawati", "Kasubbag Teknis", "19800101 200501 2 001",
                      "Bandar Lampung"]:  # fmt: skip
            self.assertContains(respon, f'value="{nilai}"')
        self.assertNotContains(respon, "Profil Anda belum memuat")

    def test_approval_form_says_the_profile_will_be_filled(self):
        """Without jabatan and NIP in the profile, the form says what it will fill in."""
        self.ke_status(S.DIAJUKAN)
        self.client.force_login(self.reviewer)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertContains(respon, "Profil Anda belum memuat isian ini", count=2)

    def test_approval_form_only_for_who_may_approve(self):
        self.ke_status(S.DIAJUKAN)
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertNotContains(respon, 'id="form-setujui"')

    def test_approval_stores_the_signer(self):
        """A plain POST of the form approves and keeps the signer with the approval."""
        self.ke_status(S.DIAJUKAN)
        respon = self.kirim_setujui(self.reviewer, data_setujui(nip="197501012000121001"))
        self.assertRedirects(respon, reverse("laporan_detail", args=[self.laporan.id]))
        riwayat = RiwayatStatus.objects.get(laporan=self.laporan, ke=S.DISETUJUI)
        self.assertEqual(
            (riwayat.ttd_nama, riwayat.ttd_nip, riwayat.ttd_tempat),
            ("Dr. Budi Santoso, M.Si.", "19750101 200012 1 001", "Bandar Lampung"),
        )
        halaman = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertContains(halaman, "Pernyataan Telah Direviu ditandatangani Dr. Budi Santoso")

    def test_approval_without_signer_refused_on_the_page(self):
        """Empty name, jabatan, NIP and place: the page again (400) with a message at each
        field; the report is still submitted and nothing is recorded."""
        self.ke_status(S.DIAJUKAN)
        kosong = data_setujui(nama="", jabatan="", nip="", tempat="")
        respon = self.kirim_setujui(self.reviewer, kosong)
        self.assertEqual(respon.status_code, 400)
        form = respon.context["form_setujui"]
        self.assertEqual(set(form.errors), {"nama", "jabatan", "nip", "tempat"})
        self.assertContains(respon, "Isi tempat penandatanganan;", status_code=400)
        self.assertContains(respon, "Persetujuan belum disimpan", status_code=400)
        self.assertEqual(self.status(), S.DIAJUKAN)
        self.assertFalse(RiwayatStatus.objects.exists())

    def test_approval_with_wrong_nip_keeps_what_was_typed(self):
        """A wrong NIP: its message beside the field, every typed value kept, no approval."""
        self.ke_status(S.DIAJUKAN)
        data = data_setujui(nip="12345", komentar="Sudah sesuai.")
        respon = self.kirim_setujui(self.reviewer, data)
        self.assertContains(respon, "NIP &#x27;12345&#x27; tidak valid", status_code=400)
        self.assertContains(respon, 'value="12345"', status_code=400)
        self.assertContains(respon, 'value="Dr. Budi Santoso, M.Si."', status_code=400)
        self.assertContains(respon, "Sudah sesuai.</textarea>", status_code=400)
        self.assertEqual(self.status(), S.DIAJUKAN)

    def test_forbidden_approval_is_403_whatever_was_typed(self):
        """The penyusun posting an empty approval form gets 403, not the form's errors."""
        self.ke_status(S.DIAJUKAN)
        respon = self.kirim_setujui(self.penyusun, {})
        self.assertEqual(respon.status_code, 403)

    def test_empty_approval_of_a_draft_explained(self):
        """An empty approval form on a draft: the move's own message, not the form's."""
        self.client.force_login(self.reviewer)
        respon = self.client.post(
            reverse("laporan_setujui", args=[self.laporan.id]), {}, follow=True
        )
        self.assertContains(respon, "tidak dapat")
        self.assertEqual(self.status(), S.DRAF)

    def test_locked_report_hides_edit_links(self):
        """While submitted, the penyusun sees why nothing can be edited, and no edit links."""
        self.ke_status(S.DIAJUKAN)
        self.client.force_login(self.penyusun)
        respon = self.client.get(reverse("laporan_detail", args=[self.laporan.id]))
        self.assertContains(respon, "tidak dapat diubah")
        self.assertNotContains(respon, reverse("laporan_ubah", args=[self.laporan.id]))


class ReviuDaftarTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        buat_pk(s["metro"])
        buat_pk(s["rejang"])
        cls.lampura = laporan_siap(s["lampura"])
        cls.metro = laporan_siap(s["metro"])
        cls.rejang = laporan_siap(s["rejang"])
        Laporan.objects.filter(pk=cls.metro.pk).update(
            status=S.DIAJUKAN, diajukan_pada=timezone.now() - timedelta(days=4)
        )
        cls.reviewer = buat_user("rev.a", s["lampung"], Peran.REVIEWER)
        cls.admin = buat_user("adm", s["ri"], Peran.ADMIN)
        cls.operator = buat_user("op.a", s["lampura"], Peran.OPERATOR)

    def get(self, user, **params):
        self.client.force_login(user)
        return self.client.get(reverse("reviu_daftar"), params)

    def test_reviewer_sees_the_reports_of_the_province(self):
        """Lampung's reviewer sees Lampung Utara and Metro, not Rejang Lebong (Bengkulu)."""
        respon = self.get(self.reviewer)
        self.assertContains(respon, "KPU Kabupaten Lampung Utara")
        self.assertContains(respon, "KPU Kota Metro")
        self.assertNotContains(respon, "Rejang Lebong")

    def test_waiting_report_first_with_days_waiting(self):
        baris = self.get(self.reviewer).context["baris"]
        self.assertEqual(baris[0].laporan, self.metro)
        self.assertEqual(baris[0].hari_menunggu, 4)
        self.assertIsNone(baris[1].hari_menunggu)

    def test_filters_by_status_and_year(self):
        respon = self.get(self.reviewer, status="diajukan")
        self.assertEqual([b.laporan for b in respon.context["baris"]], [self.metro])
        respon = self.get(self.reviewer, tahun=2024)
        self.assertEqual(respon.context["baris"], [])
        self.assertContains(respon, "sesuai dengan saringan ini")

    def test_bad_filter_shows_a_message_not_an_error(self):
        respon = self.get(self.reviewer, tahun="abc", status="bukan")
        self.assertEqual(respon.status_code, 200)
        self.assertEqual(len(respon.context["baris"]), 2)

    def test_inbox_pages_keep_the_order(self):
        """One report per page: the waiting one on page 1, the others after it."""
        with mock.patch.object(reviu, "PER_HALAMAN", 1):
            pertama = self.get(self.reviewer).context["baris"]
            kedua = self.get(self.reviewer, hal=2).context["baris"]
            salah = self.get(self.reviewer, hal="x").context["baris"]
        self.assertEqual([b.laporan for b in pertama], [self.metro])
        self.assertEqual([b.laporan for b in kedua], [self.lampura])
        self.assertEqual([b.laporan for b in salah], [self.metro])

    def test_admin_sees_every_report(self):
        self.assertEqual(len(self.get(self.admin).context["baris"]), 3)

    def test_operators_have_no_inbox(self):
        self.assertEqual(self.get(self.operator).status_code, 403)


class KunciViewTests(TestCase):
    """Edits to a submitted report's own content from its pages: a message, never a 500."""

    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = laporan_siap(s["lampura"])
        cls.penyusun = buat_user("pen.a", s["lampura"], Peran.PENYUSUN)
        tetapkan_status(Laporan.objects.filter(pk=cls.laporan.pk), status=S.DIAJUKAN)

    def setUp(self):
        self.client.force_login(self.penyusun)

    def test_signature_form_refused_with_the_reason(self):
        url = reverse("laporan_ubah", args=[self.laporan.id])
        respon = self.client.post(url, {"tempat_ttd": "Bandar Lampung"})
        self.assertContains(respon, "tidak dapat diubah", status_code=400)
        self.assertNotEqual(Laporan.objects.get(pk=self.laporan.pk).tempat_ttd, "Bandar Lampung")

    def test_back_to_draft_refused_with_a_message(self):
        url = reverse("bagian_draf", args=[self.laporan.id, "bab1.latar_belakang"])
        respon = self.client.post(url, follow=True)
        self.assertContains(respon, "tidak dapat diubah")
