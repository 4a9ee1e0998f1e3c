"""The PDF stack the report depends on is installed and works on this machine."""

from django.test import SimpleTestCase


class WeasyPrintTests(SimpleTestCase):
    def test_renders_indonesian_text_to_pdf(self):
        """WeasyPrint (with the system's Pango) turns an Indonesian HTML page into a PDF."""
        from weasyprint import HTML

        pdf = HTML(string="<h1>Laporan Kinerja</h1><p>Capaian 83,33 %</p>").write_pdf()
        self.assertTrue(pdf.startswith(b"%PDF-"))
        self.assertGreater(len(pdf), 1000)
