"""Staff text reaches the report as sanitised HTML only."""

from django.test import SimpleTestCase

from laporan.teks import ke_html


class KeHtmlTests(SimpleTestCase):
    def test_markdown_lists_and_emphasis_kept(self):
        """Lists and bold survive as HTML."""
        html = ke_html("Capaian **naik**:\n\n- TW I\n- TW II")
        self.assertIn("<strong>naik</strong>", html)
        self.assertIn("<li>TW I</li>", html)

    def test_script_removed(self):
        """Raw HTML scripts never reach the report."""
        html = ke_html("Teks <script>alert(1)</script> biasa")
        self.assertNotIn("<script", html)
        self.assertNotIn("alert(1)</script>", html)

    def test_images_and_links_removed(self):
        """Images and links are dropped so the PDF renderer fetches nothing."""
        html = ke_html("![x](http://127.0.0.1/rahasia) [situs](http://contoh.id)")
        self.assertNotIn("<img", html)
        self.assertNotIn("href", html)
        self.assertIn("situs", html)

    def test_tables_allowed(self):
        """Markdown tables become HTML tables."""
        html = ke_html("| a | b |\n|---|---|\n| 1 | 2 |")
        self.assertIn("<table>", html)
        self.assertIn("<td>1</td>", html)
