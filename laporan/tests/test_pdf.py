"""The finished LKj PDF of every demo report, read back with pypdf.

Each demo report is rendered once per test class (the renders are the slow part) and checked
page by page: every part of DOMAIN.md section 5 is there, the preview and the PDF print the same
text for every section, no sentence addressed to staff is printed, the Daftar Isi numbers are the
pages the headings fall on (roman in the front matter, arabic from BAB I), every PK indicator is
in the measurement table with its computed capaian, no template debris, attachments merged at the
end.
"""

import io
import re
from datetime import date
from html import unescape
from io import StringIO
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from django.utils.html import strip_tags
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from kinerja.models import PerjanjianKinerja
from laporan import dokumen, services
from laporan.bagian import ANALISIS, kunci_analisis, susun
from laporan.kelengkapan import kalimat_untuk_staf
from laporan.konteks import SASARAN_PER_SEGMEN
from laporan.konteks import konteks as konteks_laporan
from laporan.models import Bagian, Lampiran, Laporan, SumberBagian
from laporan.pengumpul import kumpulkan
from laporan.penomoran import romawi_kecil
from laporan.templatetags.laporan_tags import ambil, atau_titik, huruf, romawi
from nilai import tulis_rupiah
from satker.models import Satker

# (label, satker, year, kind): the demo's reports (Rejang Lebong's one LKj holds both PKs).
DEMO = [
    ("lampura", "18.03", 2023, "lembaga"),
    ("serang", "36.73", 2023, "sekretariat"),
    ("metro", "18.72", 2024, "lembaga"),
    ("rejang", "17.02", 2024, "gabungan"),
]
# A staff edit of the Kata Pengantar of Kota Metro, which the PDF must print.
TEKS_STAF = (
    "Puji syukur kami panjatkan. Laporan ini disusun bersama seluruh jajaran KPU Kota Metro "
    "sebagai wujud akuntabilitas kepada masyarakat Kota Metro."
)

# The Pernyataan Telah Direviu is printed only in the frozen PDF of an approval (test_final).
JUDUL_WAJIB = [
    "KATA PENGANTAR",
    "IKHTISAR EKSEKUTIF",
    "DAFTAR ISI",
    "DAFTAR TABEL",
    "DAFTAR GAMBAR",
    "BAB I",
    "BAB II",
    "BAB III",
    "BAB IV",
    "LAMPIRAN",
]


def _normal(teks: str) -> str:
    return " ".join(teks.split())


def _rapat(teks: str) -> str:
    """Text without any whitespace: a table cell may wrap after "/" or "-"."""
    return "".join(teks.split())


def _alfanumerik(teks: str) -> str:
    """Letters and digits only, lower case: the same words whatever the line breaks,
    hyphenation, bullets and punctuation of the page they are laid out on."""
    return re.sub(r"[\W_]+", "", teks.casefold())


def _teks_html(html: str) -> str:
    return unescape(strip_tags(html))


def _tanpa_isian(teks: str) -> str:
    """Text without the dotted blanks of an incomplete signature block (a draft may print them;
    the report page lists the missing signature as a galat, which blocks approval)."""
    return re.sub(r"…+|\.{5,}", " ", teks)


class Hasil:
    """A rendered report and its text, page by page."""

    def __init__(self, data, isi: bytes, jumlah_halaman: int, halaman: list[str]):
        self.data = data
        self.pdf = isi
        self.jumlah_halaman = jumlah_halaman
        self.reader = PdfReader(io.BytesIO(isi))
        self.halaman = halaman

    def baris(self, i: int) -> list[str]:
        return [b.strip() for b in self.halaman[i].splitlines() if b.strip()]

    @property
    def teks(self) -> str:
        return "\n".join(self.halaman)


class DemoPdfTests(TestCase):
    """The five demo reports (four satker-years, Rejang Lebong with both kinds)."""

    _cache: dict[str, Hasil] = {}

    @classmethod
    def setUpTestData(cls):
        call_command("muat_demo", stdout=StringIO())
        cls.laporan = {}
        for label, kode, tahun, jenis in DEMO:
            cls.laporan[label], _ = Laporan.objects.get_or_create(
                satker=Satker.objects.get(kode=kode), tahun=tahun, jenis=jenis
            )
        metro = cls.laporan["metro"]
        services.bagian_simpan(
            laporan=metro, kunci="kata_pengantar", teks=TEKS_STAF, hash_draf="", user=None
        )
        serang = cls.laporan["serang"]
        serang.tempat_ttd = "Serang"
        serang.tanggal_ttd = date(2024, 1, 15)
        serang.penandatangan_nama = "Hendro Sulisty"
        serang.penandatangan_jabatan = "Sekretaris KPU Kota Serang"
        serang.penandatangan_nip = "197501012000121001"
        serang.save()

    @classmethod
    def setUpClass(cls):
        """Render every demo report once for the whole class; each render lays out its
        segments side by side in the worker processes."""
        super().setUpClass()
        for label, *_ in DEMO:
            data = kumpulkan(Laporan.objects.get(pk=cls.laporan[label].pk))
            hasil = dokumen.susun_pdf(data)
            reader = PdfReader(io.BytesIO(hasil.pdf))
            teks = [p.extract_text() or "" for p in reader.pages]
            cls._cache[label] = Hasil(data, hasil.pdf, hasil.jumlah_halaman, teks)

    def hasil(self, label: str) -> Hasil:
        return self._cache[label]

    def semua(self) -> list[tuple[str, Hasil]]:
        return [(label, self.hasil(label)) for label, *_ in DEMO]

    # --- Content ------------------------------------------------------------------------------

    def test_every_part_of_the_report_present(self):
        """Cover, front matter, the four chapters and the Lampiran are all in every PDF."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = h.teks
                for judul in JUDUL_WAJIB:
                    self.assertIn(judul, teks)
                self.assertIn("LAPORAN KINERJA", h.halaman[0])
                self.assertIn(f"TAHUN {h.data.tahun}", h.halaman[0])
                self.assertIn("Lampiran 1. Perjanjian Kinerja", teks)
                self.assertIn("Lampiran 2. Rencana Aksi", teks)
                self.assertIn("A. Capaian Kinerja Organisasi", teks)
                # BAB III.B only where there is a budget (Lampung Utara's seed prints none).
                self.assertEqual("B. Realisasi Anggaran" in teks, bool(h.data.anggaran))

    def test_content_hash_in_pdf_metadata(self):
        """Every PDF carries the content hash it is cached under (PDF Keywords)."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                self.assertIn(f"sha256:{dokumen.hash_isi(h.data)}", h.reader.metadata["/Keywords"])
                self.assertEqual(h.reader.metadata["/Title"], h.data.judul)

    def test_page_count_reasonable(self):
        """Between 20 and 120 pages; the count returned is the PDF's own."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                self.assertEqual(h.jumlah_halaman, len(h.reader.pages))
                self.assertGreaterEqual(h.jumlah_halaman, 20)
                self.assertLessEqual(h.jumlah_halaman, 120)

    def test_no_template_debris(self):
        """No "None", "nan" or template tags anywhere in the text."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = h.teks
                self.assertIsNone(re.search(r"\bNone\b", teks))
                self.assertIsNone(re.search(r"\bnan\b", teks, re.IGNORECASE))
                for sisa in ("{{", "}}", "{%", "%}"):
                    self.assertNotIn(sisa, teks)

    def test_every_sasaran_analysed_where_there_is_data(self):
        """Each sasaran has its sub-chapter and table, and the analyses that have something to
        say, numbered 1, 2, … in the regulation's order; the others are not printed."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = _normal(h.teks)
                bagian = susun(h.data)
                tercetak = 0
                for s in h.data.sasaran:
                    self.assertIn(f"Sasaran {s.nomor}: ", teks)
                    self.assertIn(f"Capaian {s.sebutan}", teks)
                    judul = [j for k, j, _f in ANALISIS if bagian[kunci_analisis(s, k)].dicetak]
                    self.assertEqual(judul[0], ANALISIS[0][1])
                    tercetak += len(judul)
                    for nomor, j in enumerate(judul, start=1):
                        self.assertIn(f"{nomor}) {j}", teks)
                self.assertEqual(len(re.findall(r"\b\d\) [A-Z][a-z]", teks)), tercetak)

    def test_preview_and_pdf_print_every_section(self):
        """Every section the preview prints (drafts and staff text alike) is in the PDF's text,
        word for word; a section with nothing to say is in neither."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                isi_pdf = _alfanumerik(self._teks_isi(h))
                pratinjau = _alfanumerik(_teks_html(dokumen.html_laporan(h.data, pratinjau=True)))
                for kunci, b in susun(h.data).items():
                    teks = _alfanumerik(_teks_html(b.html))
                    if not b.dicetak:
                        self.assertEqual(teks, "", kunci)
                        continue
                    self.assertIn(teks, pratinjau, kunci)
                    self.assertIn(teks, isi_pdf, kunci)

    def test_kata_pengantar_and_ikhtisar_have_their_text(self):
        """The Kata Pengantar and the Ikhtisar print their body text, and a staff edit of the
        Kata Pengantar replaces the draft in the PDF."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                kata_pengantar = _normal(h.halaman[1])
                self.assertIn("KATA PENGANTAR", kata_pengantar)
                self.assertGreater(len(kata_pengantar), 150)
                ikhtisar = next(t for t in h.halaman if "IKHTISAR EKSEKUTIF" in t)
                self.assertIn("Laporan Kinerja", ikhtisar)
        metro = _alfanumerik(self.hasil("metro").halaman[1])
        self.assertIn(_alfanumerik(TEKS_STAF), metro)
        self.assertNotIn(_alfanumerik("merupakan pertanggungjawaban atas pelaksanaan"), metro)

    def test_no_sentence_addressed_to_staff(self):
        """No PDF prints a sentence addressed to the staff or the application (the phrases of
        laporan/kelengkapan.KALIMAT_STAF); where the seed prints the signature, the Kata
        Pengantar has no dotted blank either."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = re.sub(r"‐\s+", "", _normal(h.teks))
                self.assertEqual(kalimat_untuk_staf(_tanpa_isian(teks)), [])
        for label in ("metro", "rejang"):
            self.assertNotIn("…", self.hasil(label).halaman[1])

    def test_no_page_holds_only_a_remnant(self):
        """No page holds only what spilled over from the page before (a lone bullet, a table's
        last row and total, a signature, an analysis heading with one sentence): every page
        but a short list page carries at least four lines, and none ends with a heading or a
        table caption separated from what it introduces."""
        daftar = (["DAFTAR GAMBAR"], ["DAFTAR TABEL"], ["LAMPIRAN"])
        judul = re.compile(r"^(\d\) [A-Z]|Tabel \d+\. |[A-E]\. [A-Z]|Sasaran \d+: )")
        for label, h in self.semua():
            with self.subTest(laporan=label):
                for i in range(1, len(h.halaman)):
                    isi = h.baris(i)[:-2]
                    if isi[:1] not in daftar:
                        self.assertGreaterEqual(len(isi), 4, f"hal. {i + 1}: {isi}")
                    # A Daftar Isi line ends with its page number; a heading does not.
                    akhir = isi[-1] if not re.search(r"\s([ivxlc]+|\d+)$", isi[-1]) else ""
                    self.assertIsNone(judul.match(akhir), f"hal. {i + 1} berakhir: {akhir}")

    def _teks_isi(self, h: Hasil) -> str:
        """The PDF's text without the running header and the page number that close the text
        of every page after the cover."""
        return " ".join(
            " ".join(h.baris(i) if i == 0 else h.baris(i)[:-2]) for i in range(len(h.halaman))
        )

    # --- Page numbers -------------------------------------------------------------------------

    def _halaman_daftar_isi(self, h: Hasil) -> list[int]:
        mulai = next(i for i, _ in enumerate(h.halaman) if h.baris(i)[:1] == ["DAFTAR ISI"])
        akhir = next(i for i in range(mulai, len(h.halaman)) if h.baris(i)[:1] == ["DAFTAR TABEL"])
        return list(range(mulai, akhir))

    def _entri_daftar_isi(self, h: Hasil) -> list[tuple[str, str]]:
        """(title, printed number) of every Daftar Isi entry, read from the PDF's text: each
        title the report lists, followed by its leader dots (none when the title fills the
        line) and its number."""
        # The running header and the page number close each page's text.
        teks = _normal(" ".join(" ".join(h.baris(i)[:-2]) for i in self._halaman_daftar_isi(h)))
        entri, letak = [], teks.index("DAFTAR ISI") + len("DAFTAR ISI")
        for e in konteks_laporan(h.data)["daftar_isi"]:
            # A long title may wrap anywhere, also after "/" or "-".
            judul = r"\s*".join(re.escape(c) for c in _rapat(e.judul))
            pola = re.compile(judul + r" ?[. ]*?(?P<hal>[ivxlc]+|\d+)\b")
            m = pola.search(teks, letak)
            self.assertIsNotNone(m, f"entri Daftar Isi tidak ditemukan: {e.judul}")
            entri.append((e.judul, m["hal"]))
            letak = m.end()
        return entri

    def _nomor_tercetak(self, h: Hasil, bab1: int, i: int) -> str:
        """The number printed on physical page i: none on the cover, lower-roman from the
        Kata Pengantar, arabic from 1 at BAB I."""
        return str(i - bab1 + 1) if i >= bab1 else romawi_kecil(i)

    def test_footer_page_numbers(self):
        """Every page but the cover ends with its page number: i, ii … then 1, 2 … from BAB I."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                bab1 = next(i for i in range(len(h.halaman)) if h.baris(i)[:1] == ["BAB I"])
                self.assertEqual(h.baris(1)[-1], "i")
                for i in range(1, len(h.halaman)):
                    self.assertEqual(h.baris(i)[-1], self._nomor_tercetak(h, bab1, i), f"hal. {i}")

    def test_daftar_isi_page_numbers_match_headings(self):
        """Each Daftar Isi entry's number is the printed number of the page its heading is on."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                entri = self._entri_daftar_isi(h)
                self.assertGreaterEqual(len(entri), 25)
                toc = set(self._halaman_daftar_isi(h))
                bab1 = next(i for i in range(len(h.halaman)) if h.baris(i)[:1] == ["BAB I"])
                cari_dari = 1
                for judul, hal in entri:
                    kunci = _normal(judul).casefold()[:40]
                    ketemu = None
                    for i in range(cari_dari, len(h.halaman)):
                        isi = [_normal(b).casefold() for b in h.baris(i)[:-2]]
                        if i in toc and not (kunci == "daftar isi" and isi[:1] == [kunci]):
                            continue
                        # A BAB heading is printed on two lines ("BAB II" / "PERENCANAAN KINERJA").
                        gabung = [f"{a} {b}" for a, b in zip(isi, isi[1:], strict=False)]
                        # Short titles must be a whole line; long ones may wrap after 40 characters.
                        if any(b == kunci or (len(kunci) >= 30 and b.startswith(kunci))
                               for b in isi + gabung):  # fmt: skip
                            ketemu = i
                            break
                    self.assertIsNotNone(ketemu, f"judul tidak ditemukan: {judul}")
                    self.assertEqual(hal, self._nomor_tercetak(h, bab1, ketemu), judul)
                    cari_dari = ketemu

    def test_daftar_tabel_and_gambar_numbers(self):
        """Daftar Tabel and Daftar Gambar list every caption with the page it is printed on."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                bab1 = next(i for i in range(len(h.halaman)) if h.baris(i)[:1] == ["BAB I"])
                konteks = konteks_laporan(h.data)
                daftar_teks = _normal(h.teks)
                for n in konteks["daftar_tabel"] + konteks["daftar_gambar"]:
                    caption = f"{n.label}. {n.judul}"
                    halaman = [i for i in range(len(h.halaman)) if caption in _normal(h.halaman[i])]
                    self.assertTrue(halaman, caption)
                    nomor = self._nomor_tercetak(h, bab1, halaman[0])
                    self.assertRegex(
                        daftar_teks, rf"{re.escape(n.label)} {re.escape(n.judul)} ?[. ]*{nomor}\b"
                    )

    def test_each_sasaran_after_the_first_starts_a_page(self):
        """The first sasaran of each later segment (2, 5, 8 …) and BAB III.B each open a page
        (so BAB III is laid out in parts)."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                awal = [
                    f"Sasaran {s.nomor}: "
                    for i, s in enumerate(h.data.sasaran)
                    if i >= 1 and (i - 1) % SASARAN_PER_SEGMEN == 0
                ]
                anggaran = ["B. Realisasi Anggaran"] if h.data.anggaran else []
                for judul in [*awal, *anggaran]:
                    halaman = [i for i in range(len(h.halaman)) if any(
                        b.startswith(judul) for b in h.baris(i)[:3])]  # fmt: skip
                    self.assertTrue(halaman, judul)

    def test_page_labels_and_bookmarks_follow_the_print(self):
        """The viewer's page labels are the printed numbers; bookmarks are the Daftar Isi."""
        h = self.hasil("lampura")
        bab1 = next(i for i in range(len(h.halaman)) if h.baris(i)[:1] == ["BAB I"])
        label = h.reader.page_labels
        self.assertEqual(label[0], "Sampul")
        self.assertEqual(label[1:bab1], [romawi_kecil(i) for i in range(1, bab1)])
        self.assertEqual(label[bab1:], [str(i) for i in range(1, len(label) - bab1 + 1)])
        judul = [b.title for b in h.reader.outline if not isinstance(b, list)]
        self.assertEqual(judul[0], "Kata Pengantar")
        self.assertIn("BAB III AKUNTABILITAS KINERJA", judul)
        self.assertEqual(judul[-1], "LAMPIRAN")
        bab3 = next(b for b in h.reader.outline if getattr(b, "title", "").startswith("BAB III"))
        halaman = h.reader.get_destination_page_number(bab3)
        self.assertEqual(h.baris(halaman)[:1], ["BAB III"])

    def test_daftar_isi_links_open_the_heading_page(self):
        """Every Daftar Isi line is a link to the page its heading is printed on."""
        h = self.hasil("metro")
        (mulai, *_), konteks = self._halaman_daftar_isi(h), konteks_laporan(h.data)
        halaman = {p.indirect_reference.idnum: i for i, p in enumerate(h.reader.pages)}
        tujuan = [halaman[a.get_object()["/Dest"][0].idnum]
                  for a in h.reader.pages[mulai]["/Annots"]]  # fmt: skip
        entri = self._entri_daftar_isi(h)
        bab1 = next(i for i in range(len(h.halaman)) if h.baris(i)[:1] == ["BAB I"])
        for (judul, hal), i in zip(entri, tujuan, strict=False):
            self.assertEqual(self._nomor_tercetak(h, bab1, i), hal, judul)
        self.assertGreaterEqual(len(tujuan), 20)
        self.assertEqual(len(konteks["daftar_isi"]) > len(tujuan), True)  # it runs on a page

    # --- Segments and their cache -------------------------------------------------------------

    def test_unchanged_report_taken_whole_from_the_segment_cache(self):
        """A second render of the same report lays out nothing and gives the same pages."""
        h = self.hasil("serang")
        kedua = dokumen.susun_pdf(kumpulkan(Laporan.objects.get(pk=self.laporan["serang"].pk)))
        self.assertEqual(kedua.dirender, ())
        self.assertEqual(kedua.jumlah_halaman, h.jumlah_halaman)
        baru = [p.extract_text() for p in PdfReader(io.BytesIO(kedua.pdf)).pages]
        self.assertEqual(baru, h.halaman)

    def test_one_analysis_edited_relays_out_only_its_segment(self):
        """Editing the analysis of sasaran 3 lays out the segment holding sasaran 2–4 (and the
        Daftar Isi and numbers only if pages moved); the new text is in the PDF."""
        laporan = Laporan.objects.get(pk=self.laporan["lampura"].pk)
        data = kumpulkan(laporan)
        s3 = next(s for s in data.sasaran if s.nomor == 3)
        kode = ANALISIS[4][0]
        Bagian.objects.create(
            laporan=laporan,
            kunci=kunci_analisis(s3, kode),
            sumber=SumberBagian.STAF,
            teks="Penyebab utama keberhasilan: laporan disusun tepat waktu oleh bendahara.",
        )
        hasil = dokumen.susun_pdf(kumpulkan(laporan))
        self.assertEqual(set(hasil.dirender) - {"daftar", "nomor"}, {"bab3-2"})
        self.assertGreaterEqual(len(hasil.dari_cache), 10)
        teks = _normal(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(hasil.pdf)).pages))
        self.assertIn("laporan disusun tepat waktu oleh bendahara", teks)

    # --- The numbers --------------------------------------------------------------------------

    def _teks_pengukuran(self, h: Hasil) -> str:
        """The measurement tables of BAB III.A.1 (one per PK), up to the last total row."""
        teks = self._teks_isi(h)
        mulai = re.search(r"Tabel \d+\. Pengukuran capaian kinerja", teks).start()
        akhir = teks.index("Aturan perhitungan capaian", mulai)
        return _normal(teks[mulai:akhir])

    def test_every_indicator_in_measurement_table_with_its_capaian(self):
        """Every PK indicator's code and name appear in the measurement table, followed by its
        computed capaian."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = self._teks_pengukuran(h)
                rapat = _rapat(teks)
                self.assertTrue(h.data.sasaran)
                for s in h.data.sasaran:
                    for ind in s.indikator:
                        baris = _rapat(f"{ind.kode} {ind.nama}")
                        self.assertIn(baris, rapat)
                        letak = rapat.index(baris) + len(baris)
                        sesudah = rapat[letak : letak + 120]
                        self.assertIn(_rapat(ind.capaian_tampil), sesudah, ind.kode)
                for p in h.data.pk_list:
                    nama = p.label if h.data.gabungan else "keseluruhan"
                    self.assertIn(f"Capaian kinerja {nama} (rata-rata {p.jumlah_indikator}", teks)

    def test_kota_serang_sasaran_5(self):
        """Kota Serang 2023, sasaran 5: realisasi 100 % against 95 % → 105,26 %."""
        h = self.hasil("serang")
        teks = self._teks_pengukuran(h)
        s5 = next(s for s in h.data.sasaran if s.nomor == 5)
        ind = s5.indikator[0]
        self.assertEqual(ind.capaian_tampil, "105,26 %")
        rapat = _rapat(teks)
        letak = rapat.index(_rapat(f"{ind.kode} {ind.nama}"))
        self.assertIn("105,26%", rapat[letak : letak + 250])
        self.assertIn("101,12 %", _normal(h.teks))  # overall capaian, also in the Ikhtisar

    def test_no_realisasi_shows_dash_with_reason(self):
        """Rejang Lebong has no realisasi: capaian "—" and the reason below."""
        h = self.hasil("rejang")
        teks = self._teks_pengukuran(h)
        self.assertIn("Realisasi belum dilaporkan", _normal(h.teks))
        self.assertNotIn("0,00 %", teks)

    def test_budget_table_totals(self):
        """BAB III.B prints the DIPA budget (Rejang Lebong: seed 003's ROs; Kota Serang: seed
        001's kegiatan, one misprinted kegiatan pagu corrected so that they total the printed
        DIPA) with the total in words; the PK tables keep the amounts the PK states. No seed
        says which RO serves which indicator, so no demo report has an efficiency table."""
        teks = _normal(self.hasil("rejang").teks)
        self.assertIn("Jumlah Rp 51.412.431.000 Rp 47.457.879.038 92,31 %", teks)
        self.assertIn("lima puluh satu miliar empat ratus dua belas juta", teks)
        self.assertIn("Rp 2.647.529.000", teks)  # the PK's Dukungan Manajemen
        serang = _normal(self.hasil("serang").teks)
        self.assertIn("Jumlah Rp 20.415.736.000 Rp 20.326.861.888 99,56 % Rp 88.874.112", serang)
        for label, h in self.semua():
            with self.subTest(label):
                self.assertNotIn("Efisiensi penggunaan anggaran per sasaran", _normal(h.teks))

    def test_one_budget_total_per_report(self):
        """Every budget total a report prints (Ikhtisar, BAB I, BAB II, BAB III.B) is the one
        total of its single source; Rejang Lebong states its PKs' different pagu beside the
        DIPA's, with the difference, rather than as a second total."""
        total = re.compile(
            r"(?:total pagu|pagu anggaran sebesar|Pagu anggaran \(DIPA\)|Pagu anggaran|"
            r"berjumlah|pagu DIPA tahun \d{4}(?: setelah \d+ kali revisi)? adalah) (Rp [\d.]+)"
        )
        for label, h in self.semua():
            with self.subTest(laporan=label):
                teks = _normal(re.sub(r"\u2010\s+", "", h.teks))
                nilai = set(total.findall(teks))
                if h.data.anggaran:
                    self.assertEqual(nilai, {tulis_rupiah(h.data.total_pagu)})
                else:
                    self.assertEqual(nilai, set())
        rejang = _normal(self.hasil("rejang").teks)
        self.assertIn(
            "Pagu program pada Perjanjian Kinerja, Rp 29.255.986.000, adalah pagu pada saat "
            "perjanjian ditandatangani. Pagu dalam DIPA tahun 2024 adalah Rp 51.412.431.000, "
            "lebih besar Rp 22.156.445.000 daripada pagu pada Perjanjian Kinerja.",
            re.sub(r"\u2010\s*", "", rejang),
        )
        serang = _normal(self.hasil("serang").teks)
        self.assertNotIn("20.415.836.000", serang)
        self.assertNotIn("88.974.112", serang)

    def test_rejang_lebong_trend_runs_2022_to_2024(self):
        """Rejang Lebong's trend chart spans 2022–2024 from the SAKIP grade's history, and the
        combined report numbers each PK's sasaran from 1."""
        teks = _normal(self.hasil("rejang").teks)
        self.assertIn("Gambar 1. Tren capaian kinerja 2022–2024", teks)
        self.assertIn("125,00 %", teks)
        self.assertIn("Perjanjian Kinerja Sekretariat KPU Kabupaten Rejang Lebong Tahun 2024", teks)
        self.assertIn("Tabel 12. Capaian Sasaran 1 PK Sekretariat", teks)
        self.assertNotIn("Sasaran 10:", teks)

    # --- Signatures and review ----------------------------------------------------------------

    def test_signature_block_with_indonesian_date(self):
        """The Kata Pengantar and BAB IV are signed with place, Indonesian date, office, NIP."""
        h = self.hasil("serang")
        kata_pengantar = _normal(h.halaman[1])
        self.assertIn("KATA PENGANTAR", kata_pengantar)
        self.assertIn("Serang, 15 Januari 2024", kata_pengantar)
        self.assertIn("Sekretaris KPU Kota Serang,", kata_pengantar)
        self.assertIn("Hendro Sulisty", kata_pengantar)
        self.assertIn("NIP 197501012000121001", kata_pengantar)
        self.assertEqual(_normal(h.teks).count("Serang, 15 Januari 2024"), 2)

    def test_blank_signature_printed_as_dotted_lines(self):
        """Without signature data the blanks are dotted lines, never invented names; a Ketua
        (a commissioner, not a civil servant) gets no NIP line."""
        laporan = Laporan.objects.get(pk=self.laporan["rejang"].pk)
        laporan.tempat_ttd, laporan.tanggal_ttd = "", None
        laporan.penandatangan_nama = laporan.penandatangan_jabatan = ""
        html = dokumen.html_laporan(kumpulkan(laporan))
        kata_pengantar = html[html.index('id="kata-pengantar"') : html.index('id="ikhtisar"')]
        kata_pengantar = _normal(_teks_html(kata_pengantar))
        self.assertIn("……………, ……", kata_pengantar)
        self.assertNotIn("NIP", kata_pengantar)

    def test_review_statement_only_after_approval(self):
        """A draft PDF has no Pernyataan Telah Direviu page nor Daftar Isi entry: the statement
        exists only in the frozen PDF of an approval (laporan/tests/test_final.py)."""
        for label, h in self.semua():
            with self.subTest(laporan=label):
                self.assertNotIn("PERNYATAAN TELAH DIREVIU", h.teks)
                self.assertNotIn("Pernyataan Telah Direviu", h.teks)

    # --- Attachments and the content hash -------------------------------------------------------

    def test_lampiran_pdf_merged_at_the_end(self):
        """An uploaded PDF is appended after the generated Lampiran pages and listed there."""
        sebelum = self.hasil("rejang")
        laporan = Laporan.objects.get(pk=self.laporan["rejang"].pk)
        pindaian = HTML(
            string="<p>PINDAIAN PK BERTANDA TANGAN</p><p style='break-before:page'>HALAMAN DUA</p>"
        ).write_pdf()
        lampiran = Lampiran(laporan=laporan, judul="Pindaian Perjanjian Kinerja", jumlah_halaman=2)
        lampiran.berkas.save("pk.pdf", ContentFile(pindaian), save=True)
        data = kumpulkan(laporan)
        hasil = dokumen.susun_pdf(data)
        reader = PdfReader(io.BytesIO(hasil.pdf))
        # The two pages attached, and the page of Lampiran 3 that lists them.
        self.assertEqual(hasil.jumlah_halaman, sebelum.jumlah_halaman + 3)
        self.assertEqual(len(reader.pages), hasil.jumlah_halaman)
        self.assertIn("PINDAIAN PK BERTANDA TANGAN", reader.pages[-2].extract_text())
        self.assertIn("HALAMAN DUA", reader.pages[-1].extract_text())
        teks = _normal(" ".join(p.extract_text() for p in reader.pages[-6:-2]))
        self.assertIn("Pindaian Perjanjian Kinerja (2 halaman)", teks)
        self.assertNotEqual(dokumen.hash_isi(data), dokumen.hash_isi(sebelum.data))

    def test_hash_changes_with_text_and_not_without(self):
        """The same data hashes the same; a staff edit or a new signature date changes it."""
        laporan = Laporan.objects.get(pk=self.laporan["serang"].pk)
        awal = dokumen.hash_isi(kumpulkan(laporan))
        self.assertEqual(awal, dokumen.hash_isi(kumpulkan(laporan)))
        Bagian.objects.create(
            laporan=laporan, kunci="bab4.saran", sumber=SumberBagian.STAF, teks="Saran baru."
        )
        setelah_teks = dokumen.hash_isi(kumpulkan(laporan))
        self.assertNotEqual(awal, setelah_teks)
        laporan.tanggal_ttd = date(2024, 1, 16)
        laporan.save()
        self.assertNotEqual(setelah_teks, dokumen.hash_isi(kumpulkan(laporan)))

    def test_hash_changes_with_pk_data(self):
        """Changing a number behind the report (a PK signature date) changes the hash."""
        laporan = Laporan.objects.get(pk=self.laporan["metro"].pk)
        awal = dokumen.hash_isi(kumpulkan(laporan))
        PerjanjianKinerja.objects.filter(satker=laporan.satker, tahun=2024).update(
            tanggal_ttd=date(2024, 1, 3), tempat_ttd="Metro"
        )
        self.assertNotEqual(awal, dokumen.hash_isi(kumpulkan(laporan)))

    def test_report_without_pk_still_composes(self):
        """A year without a Perjanjian Kinerja yet still composes, says so once as a fact, and
        addresses no one."""
        laporan = Laporan.objects.create(
            satker=Satker.objects.get(kode="18.03"), tahun=2024, jenis="lembaga"
        )
        teks = _normal(_teks_html(dokumen.html_laporan(kumpulkan(laporan))))
        self.assertIn("Tidak ada indikator Perjanjian Kinerja yang diukur untuk tahun 2024.", teks)
        self.assertNotIn("None", teks)
        self.assertEqual(kalimat_untuk_staf(_tanpa_isian(teks)), [])

    def test_logo_loaded_from_media_file(self):
        """A satker logo is printed on the cover from its local file (a URL in the preview)."""
        gambar = io.BytesIO()
        Image.new("RGB", (40, 40), (122, 28, 28)).save(gambar, format="PNG")
        laporan = Laporan.objects.get(pk=self.laporan["serang"].pk)
        laporan.satker.logo.save("logo-serang.png", ContentFile(gambar.getvalue()), save=True)
        data = kumpulkan(laporan)
        uri = Path(laporan.satker.logo.path).resolve().as_uri()
        self.assertIn(f'class="sampul-logo" src="{uri}"', dokumen.html_laporan(data))
        self.assertIn(laporan.satker.logo.url, dokumen.html_laporan(data, pratinjau=True))
        respon = dokumen.PengambilLokal().fetch(uri)
        try:
            self.assertEqual(respon.read(), gambar.getvalue())
        finally:
            respon.close()

    def test_preview_html_links_by_url(self):
        """The browser preview links the stylesheet by its static URL and embeds no file path."""
        data = kumpulkan(Laporan.objects.get(pk=self.laporan["serang"].pk))
        html = dokumen.html_laporan(data, pratinjau=True)
        self.assertIn('href="/static/laporan/lkj.css"', html)
        self.assertNotIn("file://", html)
        self.assertIn("data:image/svg+xml;base64,", html)
        self.assertIn('<a href="#bab1"><span class="judul">BAB I PENDAHULUAN</span></a>', html)


class PengambilLokalTests(SimpleTestCase):
    """The PDF renderer loads local static/media files and data: URIs, nothing else."""

    def setUp(self):
        self.pengambil = dokumen.PengambilLokal()

    def test_static_file_allowed(self):
        respon = self.pengambil.fetch(dokumen._jalur_css().as_uri())
        try:
            self.assertIn(b"@font-face", respon.read())
        finally:
            respon.close()

    def test_data_uri_allowed(self):
        respon = self.pengambil.fetch("data:text/plain;base64,T0s=")
        self.assertEqual(respon.read(), b"OK")

    def test_network_and_other_files_refused(self):
        for url in (
            "http://127.0.0.1:8000/admin/",
            "https://kpu.go.id/logo.png",
            "ftp://contoh.id/a.pdf",
            "file:///etc/passwd",
            "file://server/share/a.png",
            dokumen._jalur_css().parent.as_uri() + "/../../../config/settings.py",
        ):
            with self.subTest(url=url), self.assertRaises(dokumen.AksesDitolak):
                self.pengambil.fetch(url)


class TagTests(SimpleTestCase):
    def test_ambil_reads_dotted_keys(self):
        self.assertEqual(ambil({"bab1.latar_belakang": 1}, "bab1.latar_belakang"), 1)
        self.assertEqual(ambil({2024: "90 %"}, 2024), "90 %")
        self.assertIsNone(ambil({}, "x"))
        self.assertIsNone(ambil(None, "x"))

    def test_numerals(self):
        self.assertEqual(
            [romawi(n) for n in (1, 2, 3, 4, 9, 14)], ["I", "II", "III", "IV", "IX", "XIV"]
        )
        self.assertEqual([romawi(x) for x in ("3", 0, None, "x")], ["III", "", "", ""])
        self.assertEqual([romawi_kecil(n) for n in (1, 4, 9)], ["i", "iv", "ix"])
        self.assertEqual(huruf(1), "A")
        self.assertEqual(huruf(27), "")

    def test_dotted_blank(self):
        self.assertEqual(atau_titik("Kotabumi"), "Kotabumi")
        self.assertTrue(atau_titik("").startswith("……"))
        self.assertTrue(atau_titik(None).startswith("……"))
