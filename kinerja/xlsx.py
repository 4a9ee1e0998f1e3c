"""Workbooks in and out (openpyxl), shared by every import and export of the application.

Reading: an uploaded workbook is untrusted. `baca_lembar` checks the file's size before opening
it, bounds the uncompressed size of the archive and of its shared-strings table, streams the
sheet (openpyxl read-only mode) and reads no more than a given number of data rows. Whatever is
wrong with the file (not an xlsx, password-protected, the sheet missing or hidden, merged cells,
formulas without a stored value, too many rows) becomes a `GalatBuku` with an Indonesian message;
nothing in a bad file raises anything else. Formulas whose value was stored by the spreadsheet
are read by that value, and the result says so.

Writing: text goes through `tulis_teks`, so a value that starts like a formula is never
evaluated by a spreadsheet; numbers are written as real number cells with a display format.
"""

import contextlib
import io
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

BATAS_BYTE = 5 * 1024 * 1024
BATAS_BYTE_TERBUKA = 50 * 1024 * 1024  # the archive's contents, uncompressed
# openpyxl loads the whole shared-strings table before the first row is read.
BATAS_BYTE_TEKS = 8 * 1024 * 1024

PESAN_RUMUS = "berisi rumus tanpa nilai tersimpan; buka berkas di Excel lalu simpan ulang"
PESAN_RUSAK = (
    "Berkas tidak dapat dibaca sebagai workbook Excel (.xlsx): mungkin rusak atau bukan berkas "
    "Excel. Buka berkas di Excel lalu simpan sebagai “Excel Workbook (.xlsx)”."
)
PESAN_TERKUNCI = (
    "Berkas dilindungi kata sandi atau berformat Excel lama (.xls). Buka di Excel, hapus kata "
    "sandinya, lalu simpan sebagai “Excel Workbook (.xlsx)”."
)
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: encrypted OOXML and legacy .xls
_TAG_BARIS = f"{{{SHEET_MAIN_NS}}}row"
_TAG_SEL = f"{{{SHEET_MAIN_NS}}}c"
_TAG_RUMUS = f"{{{SHEET_MAIN_NS}}}f"
_TAG_NILAI = f"{{{SHEET_MAIN_NS}}}v"
_TAG_GABUNG = f"{{{SHEET_MAIN_NS}}}mergeCell"


@dataclass(frozen=True)
class GalatBaris:
    """A problem in the workbook: its worksheet row (0 for the whole workbook), its column
    header ("" when it is about the row or the workbook) and an Indonesian message."""

    baris: int
    kolom: str
    pesan: str


class GalatBuku(Exception):
    """A workbook-level problem; the message is shown to the user as it is."""


class GalatSel(Exception):
    """A problem with one cell's value; the message is shown to the user as it is."""


@dataclass
class LembarTerbaca:
    """The data rows of one sheet: `baris` holds (worksheet row, {header: cached value}) for
    every non-blank row, in order; `rumus` the (row, header) cells holding a formula without a
    stored value (they read as empty); `catatan` what the user should know but that does not
    stop the import (formulas read by their stored value, hidden sheets ignored)."""

    baris: list[tuple[int, dict[str, object]]]
    rumus: set[tuple[int, str]] = field(default_factory=set)
    catatan: list[str] = field(default_factory=list)
    kolom: list[str] = field(default_factory=list)  # the known headers present, in sheet order


def baca_lembar(
    berkas,
    *,
    nama_lembar: str,
    kolom: Sequence[str],
    wajib: Sequence[str],
    batas_baris: int,
) -> LembarTerbaca:
    """Read the sheet `nama_lembar` of an xlsx (bytes or a file-like object) whose first row
    holds the headers: known headers (`kolom`) are matched without regard to case, surrounding
    spaces or order; other columns are ignored; every header of `wajib` must be present.
    Raises GalatBuku for anything that stops the whole file."""
    try:
        data = _ambil_data(berkas)
        _periksa_arsip(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hasil = _baca(data, nama_lembar, kolom, wajib, batas_baris)
    except GalatBuku:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure to parse an untrusted file is a bad file
        raise GalatBuku(PESAN_RUSAK) from exc
    # A row whose every cell is a formula without a stored value reads as blank: keep it, so
    # that it is reported rather than silently skipped.
    ada = {n for n, _ in hasil.baris}
    kosong = sorted({n for n, _ in hasil.rumus} - ada)
    if kosong:
        hasil.baris = sorted([*hasil.baris, *((n, {}) for n in kosong)], key=lambda b: b[0])
    if len(hasil.baris) > batas_baris:
        raise GalatBuku(_pesan_terlalu_banyak(nama_lembar, batas_baris))
    if not hasil.baris:
        raise GalatBuku(f"Lembar “{nama_lembar}” tidak berisi baris data.")
    return hasil


def _ambil_data(berkas) -> bytes:
    if isinstance(berkas, bytes | bytearray | memoryview):
        data = bytes(berkas)
    else:
        ukuran = getattr(berkas, "size", None)
        if isinstance(ukuran, int) and ukuran > BATAS_BYTE:
            raise GalatBuku(_pesan_terlalu_besar())
        with contextlib.suppress(AttributeError, OSError, ValueError):
            berkas.seek(0)
        try:
            data = berkas.read(BATAS_BYTE + 1)
        except Exception as exc:  # noqa: BLE001 - an unreadable upload is a bad file
            raise GalatBuku("Berkas tidak dapat dibaca.") from exc
        if isinstance(data, str) or data is None:
            raise GalatBuku(PESAN_RUSAK)
        data = bytes(data)
    if len(data) > BATAS_BYTE:
        raise GalatBuku(_pesan_terlalu_besar())
    if not data:
        raise GalatBuku("Berkas kosong.")
    return data


def _pesan_terlalu_besar() -> str:
    return f"Berkas lebih besar dari {BATAS_BYTE // (1024 * 1024)} MB; tidak dibaca."


def _pesan_terlalu_banyak(nama_lembar: str, batas: int) -> str:
    return (
        f"Lembar “{nama_lembar}” berisi lebih dari {_ribuan(batas)} baris data; tidak dibaca. "
        "Bagi isinya menjadi beberapa berkas."
    )


def _ribuan(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _periksa_arsip(data: bytes) -> None:
    """An xlsx is a zip archive: refuse anything else, and an archive that would unpack huge."""
    if data.startswith(_CFB):
        raise GalatBuku(PESAN_TERKUNCI)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as arsip:
            isi = arsip.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise GalatBuku(PESAN_RUSAK) from exc
    if sum(i.file_size for i in isi) > BATAS_BYTE_TERBUKA:
        raise GalatBuku("Isi berkas terlalu besar setelah dibuka; tidak dibaca.")
    if not any(i.filename == "[Content_Types].xml" for i in isi):
        raise GalatBuku(PESAN_RUSAK)
    teks = sum(i.file_size for i in isi if i.filename.lower().endswith("sharedstrings.xml"))
    if teks > BATAS_BYTE_TEKS:
        raise GalatBuku(
            "Berkas berisi teks yang terlalu banyak (lebih dari "
            f"{BATAS_BYTE_TEKS // (1024 * 1024)} MB); tidak dibaca. Hapus lembar atau kolom yang "
            "tidak diperlukan lalu simpan ulang."
        )


def normal_judul(nilai) -> str:
    if nilai is None:
        return ""
    return " ".join(str(nilai).split()).casefold()


def _lembar(buku, nama_lembar: str):
    nama = next((n for n in buku.sheetnames if n == nama_lembar), None)
    if nama is None:
        nama = next(
            (n for n in buku.sheetnames if n.strip().casefold() == nama_lembar.casefold()), None
        )
    if nama is None:
        ada = ", ".join(f"“{n}”" for n in buku.sheetnames) or "(tidak ada)"
        raise GalatBuku(f"Lembar “{nama_lembar}” tidak ditemukan; lembar yang ada: {ada}.")
    lembar = buku[nama]
    if not hasattr(lembar, "iter_rows"):
        raise GalatBuku(f"Lembar “{nama_lembar}” bukan lembar kerja berisi tabel.")
    if getattr(lembar, "sheet_state", "visible") != "visible":
        raise GalatBuku(
            f"Lembar “{nama}” disembunyikan. Tampilkan lembar itu di Excel (klik kanan nama "
            "lembar → Unhide), periksa isinya, lalu simpan dan unggah ulang."
        )
    # The stored dimension may be wrong (some programs write "A1"): read what is really there.
    if hasattr(lembar, "reset_dimensions"):
        lembar.reset_dimensions()
    return lembar


def _baca(data, nama_lembar, kolom_dikenal, wajib, batas_baris) -> LembarTerbaca:
    buku = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        lembar = _lembar(buku, nama_lembar)
        tersembunyi = [
            n
            for n in buku.sheetnames
            if n != lembar.title and getattr(buku[n], "sheet_state", "visible") != "visible"
        ]
        judul = next(lembar.iter_rows(min_row=1, max_row=1, values_only=True), ()) or ()
        dikenal = {normal_judul(k): k for k in kolom_dikenal}
        kolom: dict[str, int] = {}
        ganda: list[str] = []
        for indeks, nilai in enumerate(judul):
            nama = dikenal.get(normal_judul(nilai))
            if nama is None:
                continue
            if nama in kolom:
                ganda.append(nama)
            else:
                kolom[nama] = indeks
        hilang = [k for k in wajib if k not in kolom]
        if hilang:
            raise GalatBuku(
                f"Lembar “{nama_lembar}” tidak memiliki kolom wajib: "
                + ", ".join(f"“{k}”" for k in hilang)
                + ". Judul kolom ada di baris 1."
            )
        if ganda:
            raise GalatBuku(
                "Kolom berikut muncul lebih dari sekali: "
                + ", ".join(f"“{k}”" for k in dict.fromkeys(ganda))
                + "."
            )
        lebar = max(kolom.values()) + 1
        mentah: list[tuple[int, dict[str, object]]] = []
        baris = lembar.iter_rows(min_row=2, max_col=lebar)
        for nomor, sel in enumerate(baris, start=2):
            isi = {k: nilai_sel(sel[i]) if i < len(sel) else None for k, i in kolom.items()}
            if all(kosong(v) for v in isi.values()):
                continue
            if len(mentah) >= batas_baris:
                raise GalatBuku(_pesan_terlalu_banyak(nama_lembar, batas_baris))
            mentah.append((nomor, isi))
        rumus, berisi_nilai, gabung = _pindai(lembar, kolom, batas_baris)
        if gabung:
            contoh = ", ".join(gabung[:5]) + (" …" if len(gabung) > 5 else "")
            raise GalatBuku(
                f"Lembar “{nama_lembar}” berisi sel gabungan ({contoh}). Sel gabungan membuat "
                "isi baris tidak jelas: pisahkan semua sel gabungan (Merge & Center → Unmerge "
                "Cells), isi setiap sel, lalu unggah ulang."
            )
        catatan = []
        if berisi_nilai:
            catatan.append(
                f"{_ribuan(berisi_nilai)} sel berisi rumus; yang dibaca adalah nilai hasil rumus "
                "yang tersimpan di berkas, bukan rumusnya."
            )
        if tersembunyi:
            daftar = ", ".join(f"“{n}”" for n in tersembunyi)
            catatan.append(f"Lembar tersembunyi {daftar} tidak dibaca.")
        urut = sorted(kolom, key=kolom.get)
        return LembarTerbaca(mentah, rumus, catatan, urut)
    finally:
        buku.close()


def _pindai(lembar, kolom: dict[str, int], batas_baris: int):
    """Scan the sheet's XML for what openpyxl's read-only data_only mode does not tell: the
    formula cells of known columns without a stored value (they read as empty), the number of
    formula cells read by their stored value, and the merged ranges."""
    nama_kolom = {i + 1: k for k, i in kolom.items()}
    rumus: set[tuple[int, str]] = set()
    berisi_nilai = 0
    gabung: list[str] = []
    with lembar._get_source() as sumber:  # openpyxl 3.1 read-only worksheet
        for _, elemen in iterparse(sumber):
            if elemen.tag == _TAG_BARIS:
                elemen.clear()  # bounded memory: drop each row once read
                continue
            if elemen.tag == _TAG_GABUNG:
                if len(gabung) < 100:
                    gabung.append(elemen.get("ref", ""))
                continue
            if elemen.tag != _TAG_SEL or elemen.find(_TAG_RUMUS) is None:
                continue
            try:
                huruf, nomor = coordinate_from_string(elemen.get("r", ""))
                k = nama_kolom.get(column_index_from_string(huruf))
            except ValueError:
                k = None
            if k is None or nomor < 2:
                continue
            if _tanpa_nilai(elemen):
                if len(rumus) <= batas_baris * len(kolom):
                    rumus.add((nomor, k))
            else:
                berisi_nilai += 1
    return rumus, berisi_nilai, gabung


def _tanpa_nilai(elemen) -> bool:
    """A formula cell without a stored result: no `<v>`, or an empty `<v/>` (as openpyxl and
    other libraries write) on a cell that is not a text result (an empty text result is
    `t="str"` with an empty `<v>`)."""
    nilai = elemen.find(_TAG_NILAI)
    return nilai is None or (not nilai.text and elemen.get("t") != "str")


def nilai_sel(sel):
    """A cell's value as the user sees it: a number shown as a percentage (0.6623 displayed as
    "66,23%") is read as that percentage, Decimal("66.23"), since indicators store percentages as
    numbers of their unit "%"."""
    nilai = sel.value
    if (
        isinstance(nilai, int | float)
        and not isinstance(nilai, bool)
        and "%" in (getattr(sel, "number_format", None) or "")
    ):
        angka = Decimal(repr(nilai)) if isinstance(nilai, float) else Decimal(nilai)
        if angka.is_finite():
            angka *= 100
            # Without float noise's trailing zeros, and never in exponent form ("1E+2").
            return (
                angka.to_integral_value()
                if angka == angka.to_integral_value()
                else angka.normalize()
            )
    return nilai


def kosong(nilai) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def teks(nilai) -> str:
    """A cell as text: whole-number floats without ".0", surrounding spaces removed."""
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


# --- Writing ---------------------------------------------------------------------------------

AWALAN_RUMUS = ("=", "+", "-", "@")
FORMAT_PERSEN = '#,##0.00" %"'  # a capaian of 83.33 shows as "83,33 %" in an Indonesian locale


def tulis_teks(sel, nilai) -> None:
    """Write text as text: a value that starts like a formula (=, +, -, @) gets the string type
    and Excel's quote prefix, so no spreadsheet evaluates it. Empty text leaves the cell empty."""
    nilai = "" if nilai is None else str(nilai)
    sel.value = nilai or None
    if nilai.startswith(AWALAN_RUMUS):
        sel.data_type = "s"
        sel.quotePrefix = True


def angka_sel(angka: Decimal | int | None):
    """A stored number as a cell value: whole numbers as int (no "95,0"), others as they are."""
    if isinstance(angka, Decimal) and angka.is_finite() and angka == angka.to_integral_value():
        return int(angka)
    return angka


def tulis_judul(lembar, kolom: Sequence[tuple[str, float]], *, bungkus: bool = False) -> None:
    """The header row of a table sheet: bold titles, column widths, the row frozen. With
    `bungkus`, titles wider than their column wrap onto a second line."""
    tebal = Font(bold=True)
    rata = Alignment(wrap_text=bungkus, vertical="center")
    for indeks, (judul, lebar) in enumerate(kolom, start=1):
        sel = lembar.cell(row=1, column=indeks)
        tulis_teks(sel, judul)
        sel.font, sel.alignment = tebal, rata
        lembar.column_dimensions[get_column_letter(indeks)].width = lebar
    if bungkus:
        lembar.row_dimensions[1].height = 30
    lembar.freeze_panes = "A2"


def tulis_petunjuk(lembar, baris: Sequence[tuple[str, str]], *, tebal: set[str]) -> None:
    """An instructions sheet of (label, text) rows; the labels in `tebal` and the first row are
    bold, the texts wrap in a wide column."""
    huruf_tebal = Font(bold=True)
    for nomor, (kiri, kanan) in enumerate(baris, start=1):
        tulis_teks(lembar.cell(row=nomor, column=1), kiri)
        sel = lembar.cell(row=nomor, column=2)
        tulis_teks(sel, kanan)
        sel.alignment = Alignment(wrap_text=True, vertical="top")
        if nomor == 1 or kiri in tebal:
            lembar.cell(row=nomor, column=1).font = huruf_tebal
    lembar.column_dimensions["A"].width = 20
    lembar.column_dimensions["B"].width = 100
