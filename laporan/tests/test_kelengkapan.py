"""What a report still lacks (laporan/kelengkapan.py): the phrase check that keeps staff
instructions out of print, and the list shown on the report page."""

from datetime import date

from django.test import SimpleTestCase

from laporan import kelengkapan
from laporan.bagian import BagianTampil, semua_jenis
from laporan.kelengkapan import kalimat_untuk_staf
from laporan.tests.test_draf import data_kosong, data_laporan, indikator, sasaran

# Every sentence addressed to staff that a draft of this product has printed in a PDF.
KALIMAT_LAMA = [
    "Bagan struktur organisasi serta tabel pegawai belum tercatat dalam sistem. Mohon staf "
    "melengkapi bagan dan tabel tersebut sesuai keadaan per 31 Desember 2023.",
    "Uraian tugas, fungsi, dan wewenang KPU Kota Metro perlu dilengkapi oleh staf.",
    "Isu strategis dari lingkungan eksternal dapat ditambahkan oleh staf.",
    "Staf dapat menambahkan rekomendasi berdasarkan evaluasi pelaksanaan kegiatan.",
    "Lengkapi target tahunan Renstra agar perbandingan ini dapat disajikan.",
    "Perjanjian Kinerja Tahun 2023 belum tercatat; lengkapi pada halaman Perjanjian Kinerja.",
    "Realisasi anggaran per sasaran belum dihubungkan dalam sistem, sehingga indeks efisiensi "
    "belum dapat dihitung.",
    "Data capaian sebelum tahun 2024 untuk Sasaran 1 belum ada dalam sistem.",
    "Penyebab dan solusi untuk indikator 1.1 belum diisi pada halaman realisasi.",
    "Target 2024 dalam Renstra berbeda dengan target PK; periksa kembali kedua target.",
    "Tahun 2025 berada di luar periode tersebut; periksa Renstra yang berlaku.",
    "Skala kategori tahun 2023 belum dipilih pada kebijakan capaian.",
    "Pindaian dokumen yang ditandatangani dapat diunggah sebagai lampiran.",
    "Laporan ini belum direviu; pernyataan belum diisi. Halaman ini akan memuat pernyataan.",
    "Realisasi 0: rumus rasio tidak terdefinisi; gunakan rumus selisih.",
    "**Kelengkapan data.** Sebelum laporan difinalkan:",
    "- catat pagu dan realisasi anggaran per program;",
    "Bila ada, standar nasional dapat diisi pada data indikator: isi [nama pejabat].",
    "Curup, ……………………",
    "Perbandingan yang datanya tidak tersedia untuk suatu sasaran tidak disajikan.",
    "Indikator 1.2 tidak disertakan karena tidak ada data capaian tahun sebelumnya.",
]

# Sentences a secretariat writes in its own reports, which must stay allowed.
KALIMAT_SAH = [
    "Kami mohon maaf atas segala kekurangan dalam laporan ini.",
    "Kegiatan ini melengkapi sarana dan prasarana kantor.",
    "Isi laporan ini menjadi tanggung jawab pimpinan KPU Kota Serang.",
    "Laporan disusun menurut Sistem Akuntabilitas Kinerja Instansi Pemerintah.",
    "Pemutakhiran data pemilih memakai Sistem Informasi Data Pemilih (Sidalih).",
    "Pelatihan diikuti oleh seluruh staf sekretariat.",
    "Realisasi indikator 1.1 dan 1.2 belum dilaporkan.",
    "Indikator yang capaiannya belum dapat dihitung tidak ikut dirata-ratakan.",
]


class KalimatUntukStafTests(SimpleTestCase):
    def test_every_old_instruction_caught(self):
        """Each sentence addressed to staff that an earlier draft printed is caught."""
        for teks in KALIMAT_LAMA:
            with self.subTest(teks=teks):
                self.assertTrue(kalimat_untuk_staf(teks))

    def test_a_reports_own_sentences_allowed(self):
        """Ordinary report sentences with "mohon", "melengkapi", "Isi", "Sistem" or "staf" are
        not taken for instructions."""
        for teks in KALIMAT_SAH:
            with self.subTest(teks=teks):
                self.assertEqual(kalimat_untuk_staf(teks), [])

    def test_returns_the_sentence(self):
        """The offending sentence itself is returned, without Markdown, once."""
        teks = "Capaian naik. **Mohon staf** melengkapi tabel. Capaian naik."
        self.assertEqual(kalimat_untuk_staf(teks), ["Mohon staf melengkapi tabel."])


def _bagian(**teks) -> dict[str, BagianTampil]:
    return {
        kunci: BagianTampil(kunci, kunci, isi, isi, "staf", usang=False)
        for kunci, isi in teks.items()
    }


def _susun(data, **teks):
    """Every section as drafted, with some replaced by staff text."""
    hasil = {}
    for jenis, s in semua_jenis(data):
        isi = jenis.draf(data, s) if s else jenis.draf(data)
        hasil[jenis.kunci] = BagianTampil(jenis.kunci, jenis.judul, isi, isi, "draf", False)
    hasil.update(_bagian(**teks))
    return hasil


def _ber_id(data):
    """Ids for the unsaved report and PKs, which the completeness links point to."""
    data.laporan.id = 7
    for n, p in enumerate(data.pk_list, start=3):
        p.pk.id = n
    return data


def _signed(data):
    lap = _ber_id(data).laporan
    lap.tempat_ttd, lap.tanggal_ttd = "Serang", date(2024, 1, 15)
    lap.penandatangan_nama, lap.penandatangan_jabatan = "Hendro Sulisty", "Sekretaris"
    return data


class PeriksaTests(SimpleTestCase):
    def kode(self, data, **teks):
        return [k.kode for k in kelengkapan.periksa(data, _susun(data, **teks))]

    def test_staff_instruction_in_a_section_is_an_error(self):
        """An instruction in a printed section is a galat linking to that section."""
        data = _signed(data_laporan())
        hasil = kelengkapan.periksa(
            data, _susun(data, **{"bab1.organisasi": "Mohon staf melengkapi bagan organisasi."})
        )
        galat = kelengkapan.galat(hasil)
        self.assertEqual([k.kode for k in galat], ["TEKS_UNTUK_STAF"])
        self.assertIn("“Mohon staf melengkapi bagan organisasi.”", galat[0].pesan)
        self.assertEqual(galat[0].tautan, "/laporan/7/bagian/bab1.organisasi/")

    def test_missing_signature_is_an_error(self):
        """A report without signing place, date or signer cannot go forward."""
        data = _ber_id(data_laporan())
        galat = kelengkapan.galat(kelengkapan.periksa(data, _susun(data)))
        self.assertEqual([k.kode for k in galat], ["TTD_KURANG"])
        self.assertIn("tempat, tanggal, nama penandatangan, dan jabatan", galat[0].pesan)

    def test_complete_report_has_no_error(self):
        """A signed report whose drafts speak to readers has warnings at most."""
        data = _signed(data_laporan())
        self.assertEqual(kelengkapan.galat(kelengkapan.periksa(data, _susun(data))), [])

    def test_missing_realisasi_warned_with_codes(self):
        """Indicators without realisasi are one warning naming their codes."""
        data = _signed(data_kosong())
        hasil = kelengkapan.periksa(data, _susun(data))
        kosong = next(k for k in hasil if k.kode == "REALISASI_KOSONG")
        self.assertFalse(kosong.galat)
        self.assertIn(
            "Realisasi 2 dari 2 indikator belum diisi (indikator 1.1 dan 1.2)", kosong.pesan
        )

    def test_sections_left_out_are_listed(self):
        """The organisation (no data) and analyses without data are listed as not printed."""
        data = _signed(data_laporan())
        kode = self.kode(data)
        self.assertIn("BAGIAN_KOSONG", kode)
        self.assertIn("ANALISIS_KOSONG_A2", kode)
        self.assertNotIn("ANALISIS_KOSONG_A1", kode)

    def test_targets_differing_from_the_renstra_warned(self):
        """A PK target that differs from the Renstra's target of the year is a warning."""
        ind = indikator("1.1", target="95 %", target_renstra={2023: "98 %"})
        data = _signed(data_laporan(sasaran=[sasaran(1, [ind])]))
        pesan = next(
            k.pesan for k in kelengkapan.periksa(data, _susun(data)) if k.kode == "TARGET_BEDA"
        )
        self.assertIn("1.1 (PK 95 %, Renstra 98 %)", pesan)

    def test_scale_missing_warned(self):
        """Without a category scale the report page says the categories are not printed."""
        data = _signed(data_laporan(pita=[]))
        self.assertIn("SKALA_KOSONG", self.kode(data))

    def test_errors_listed_first(self):
        """Galat come before peringatan."""
        data = _ber_id(data_laporan())
        hasil = kelengkapan.periksa(data, _susun(data))
        self.assertTrue(hasil[0].galat)
        self.assertEqual(sorted(hasil, key=lambda k: not k.galat), hasil)


class NarasiTests(SimpleTestCase):
    """The narrative checks, on Kota Serang's 2023 report (data_laporan)."""

    POLA = kelengkapan.pola_nama_wilayah(
        ["Kota Serang", "Kabupaten Serang", "Kabupaten Lampung Barat", "Kabupaten Tapanuli"]
    )

    def temuan(self, kode, teks, pola=None):
        data = _signed(data_laporan())
        hasil = kelengkapan.periksa(
            data, _susun(data, **{"bab1.latar_belakang": teks}), satker_lain=pola or self.POLA
        )
        return [k for k in hasil if k.kode == kode]

    def test_budget_year_of_another_year_warned(self):
        """ "Tahun Anggaran 2022" in the 2023 report is a warning naming the year and the
        section."""
        (k,) = self.temuan("TAHUN_BASI", "Kegiatan Tahun Anggaran 2022 dan TA 2021 selesai.")
        self.assertEqual(k.tingkat, kelengkapan.PERINGATAN)
        self.assertIn("tahun anggaran 2021 dan 2022, padahal laporan ini tahun 2023", k.pesan)
        self.assertEqual(k.tautan, "/laporan/7/bagian/bab1.latar_belakang/")

    def test_own_budget_year_and_law_years_allowed(self):
        """The report's own budget year and the years of laws are not findings."""
        teks = "Tahun Anggaran 2023 mengikuti Undang-Undang Nomor 7 Tahun 2017."
        self.assertEqual(self.temuan("TAHUN_BASI", teks), [])

    def test_other_satker_named_warned(self):
        """Another Kab/Kota named in a section is a warning naming it."""
        (k,) = self.temuan("SATKER_LAIN", "Laporan KPU Kabupaten Lampung  Barat tahun ini.")
        self.assertEqual(k.tingkat, kelengkapan.PERINGATAN)
        self.assertIn("menyebut Kabupaten Lampung Barat, bukan Kota Serang", k.pesan)

    def test_own_name_and_province_allowed(self):
        """The satker's own name, its province and KPU RI are not findings."""
        teks = "KPU Kota Serang melapor kepada KPU Provinsi Banten dan KPU RI."
        self.assertEqual(self.temuan("SATKER_LAIN", teks), [])

    def test_shorter_name_inside_a_longer_one_not_matched(self):
        """ "Kabupaten Tapanuli" is not found inside "Kabupaten Tapanuli Utara"."""
        pola = kelengkapan.pola_nama_wilayah(["Kabupaten Tapanuli", "Kabupaten Tapanuli Utara"])
        self.assertEqual(
            [m.group(0) for m in pola.finditer("KPU Kabupaten Tapanuli Utara")],
            ["Kabupaten Tapanuli Utara"],
        )
