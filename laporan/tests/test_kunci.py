"""The lock on a report's own content: while it is submitted, approved or published its sections,
signature data and attachments cannot change (DataTerkunci, nothing written); returned
or draft reports can be edited again. The edit pages say why and hide their controls."""

import io
import shutil
import tempfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import TestCase, override_settings
from django.urls import reverse
from pypdf import PdfWriter

from kinerja.tests.helpers import buat_pk, buat_satker, buat_user
from laporan import services
from laporan.models import Bagian, BerkasPDF, Lampiran, Laporan
from laporan.tests.helpers import tetapkan_status
from satker.kunci import DataTerkunci
from satker.models import Peran

MEDIA = tempfile.mkdtemp(prefix="uji-kunci-laporan-")
TERKUNCI = ("diajukan", "disetujui", "terbit")


def pdf_kosong() -> bytes:
    penulis = PdfWriter()
    penulis.add_blank_page(width=72, height=72)
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


def berkas_pdf():
    return SimpleUploadedFile("pk.pdf", pdf_kosong(), content_type="application/pdf")


def jejak(laporan_id):
    """The report's own content, to compare before and after."""
    return {
        "laporan": list(Laporan.objects.filter(id=laporan_id).values()),
        "bagian": list(Bagian.objects.filter(laporan_id=laporan_id).order_by("id").values()),
        "lampiran": list(Lampiran.objects.filter(laporan_id=laporan_id).order_by("id").values()),
    }


class KunciMixin:
    @classmethod
    def setUpTestData(cls):
        s = buat_satker()
        buat_pk(s["lampura"])
        cls.laporan = services.laporan_buat(satker=s["lampura"], tahun=2023, jenis="lembaga")
        cls.bagian = Bagian.objects.create(
            laporan=cls.laporan, kunci="ikhtisar", sumber="staf", teks="Teks staf."
        )
        cls.lampiran = Lampiran(laporan=cls.laporan, judul="Pindaian PK", jumlah_halaman=1)
        cls.lampiran.berkas.save("pk.pdf", ContentFile(pdf_kosong()), save=True)
        cls.operator = buat_user("op.a", s["lampura"], Peran.OPERATOR)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def kunci(self, status="diajukan"):
        tetapkan_status(Laporan.objects.filter(pk=self.laporan.pk), status=status)

    def pesan(self):
        return Laporan.objects.get(pk=self.laporan.pk).pesan_kunci

    def url(self, name, *args):
        return reverse(name, args=[self.laporan.id, *args])


# Every write of a report's own content. The report object is the one loaded before the status
# changed, as a page loaded earlier would hold it.
TULIS = {
    "laporan_ubah": lambda t: services.laporan_ubah(
        laporan=t.laporan, penandatangan_nama="Ketua Baru"
    ),
    "bagian_simpan": lambda t: services.bagian_simpan(
        laporan=t.laporan, kunci="bab4.saran", teks="Saran.", hash_draf="x", user=t.operator
    ),
    "bagian_pakai_draf": lambda t: services.bagian_pakai_draf(
        laporan=t.laporan, kunci="ikhtisar", user=t.operator
    ),
    "lampiran_tambah": lambda t: services.lampiran_tambah(
        laporan=t.laporan, judul="Lampiran baru", berkas=berkas_pdf(), user=t.operator
    ),
    "lampiran_hapus": lambda t: services.lampiran_hapus(
        lampiran=Lampiran.objects.get(id=t.lampiran.id)
    ),
}


@override_settings(MEDIA_ROOT=MEDIA)
class LayananTerkunciTests(KunciMixin, TestCase):
    def tolak(self, nama):
        """Assert the write `nama` is refused in every locked status and changes nothing."""
        for status in TERKUNCI:
            self.kunci(status)
            with self.subTest(status=status):
                sebelum = jejak(self.laporan.id)
                with self.assertRaises(DataTerkunci) as cm:
                    TULIS[nama](self)
                self.assertEqual(cm.exception.messages, [self.pesan()])
                self.assertEqual(jejak(self.laporan.id), sebelum)

    def test_laporan_ubah(self):
        """Changing the signature data is refused while the report is locked."""
        self.tolak("laporan_ubah")

    def test_bagian_simpan(self):
        """Saving a section's text is refused while the report is locked."""
        self.tolak("bagian_simpan")

    def test_bagian_pakai_draf(self):
        """Resetting a section to the draft is refused while the report is locked."""
        self.tolak("bagian_pakai_draf")

    def test_lampiran_tambah(self):
        """Attaching a PDF is refused while the report is locked."""
        self.tolak("lampiran_tambah")

    def test_lampiran_hapus(self):
        """Removing an attachment is refused while the report is locked."""
        self.tolak("lampiran_hapus")

    def test_pdf_request_still_allowed(self):
        """Requesting the PDF of a locked report is not a change of content: it is allowed."""
        self.kunci("terbit")
        services.pdf_minta(laporan=self.laporan, hash_isi="a" * 64, user=self.operator)
        self.assertEqual(BerkasPDF.objects.count(), 1)


@override_settings(MEDIA_ROOT=MEDIA)
class LayananTerbukaTests(KunciMixin, TestCase):
    def boleh(self, status):
        """Assert every write goes through (and changes something) with the report in `status`."""
        self.kunci(status)
        for nama, tulis in TULIS.items():
            with self.subTest(tulis=nama):
                sebelum = jejak(self.laporan.id)
                titik = transaction.savepoint()
                try:
                    tulis(self)
                    self.assertNotEqual(jejak(self.laporan.id), sebelum)
                finally:
                    transaction.savepoint_rollback(titik)

    def test_writes_allowed_when_returned(self):
        """A report returned for corrections (dikembalikan) can be edited again."""
        self.boleh("dikembalikan")

    def test_writes_allowed_when_draft(self):
        """A draft report can be edited."""
        self.boleh("draf")

    def test_signature_change_keeps_status(self):
        """Saving signature data from an object loaded earlier never overwrites the status."""
        self.kunci("dikembalikan")
        services.laporan_ubah(laporan=self.laporan, penandatangan_nama="Ketua Baru")
        laporan = Laporan.objects.get(pk=self.laporan.pk)
        self.assertEqual(
            (laporan.status, laporan.penandatangan_nama), ("dikembalikan", "Ketua Baru")
        )


@override_settings(MEDIA_ROOT=MEDIA)
class HalamanTerkunciTests(KunciMixin, TestCase):
    def setUp(self):
        self.client.force_login(self.operator)
        self.kunci()

    def test_ubah_page_shows_banner_and_hides_save(self):
        """The signature page says the report is locked and has no save button."""
        r = self.client.get(self.url("laporan_ubah"))
        self.assertContains(r, 'id="kunci-laporan"')
        self.assertContains(r, "Diajukan untuk reviu")
        self.assertContains(r, "<fieldset disabled>")
        self.assertNotContains(r, ">Simpan</button>")

    def test_bagian_page_shows_banner_and_disables_text(self):
        """The section page says the report is locked, disables the text and hides the buttons."""
        r = self.client.get(self.url("bagian_ubah", "ikhtisar"))
        self.assertContains(r, 'id="kunci-laporan"')
        self.assertContains(r, 'rows="18" disabled')
        self.assertNotContains(r, "Simpan teks")
        self.assertNotContains(r, self.url("bagian_draf", "ikhtisar"))

    def test_bagian_post_returns_form_with_message(self):
        """Posting a section while locked returns the form with the lock message; nothing saved."""
        sebelum = jejak(self.laporan.id)
        r = self.client.post(
            self.url("bagian_ubah", "ikhtisar"), {"teks": "Baru", "hash_draf": "x"}
        )
        self.assertContains(r, self.pesan(), status_code=400)
        self.assertEqual(jejak(self.laporan.id), sebelum)

    def test_lampiran_upload_redirects_with_message(self):
        """Uploading an attachment while locked goes back with the lock message; nothing stored."""
        sebelum = jejak(self.laporan.id)
        r = self.client.post(
            self.url("lampiran_unggah"), {"judul": "PK", "berkas": berkas_pdf()}, follow=True
        )
        self.assertContains(r, self.pesan())
        self.assertEqual(jejak(self.laporan.id), sebelum)

    def test_pages_editable_again_when_returned(self):
        """Once the report is returned the section page has no banner and its button is back."""
        self.kunci("dikembalikan")
        r = self.client.get(self.url("bagian_ubah", "ikhtisar"))
        self.assertNotContains(r, 'id="kunci-laporan"')
        self.assertContains(r, "Simpan teks")
