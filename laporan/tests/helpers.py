"""Shared data of the laporan tests: who signs the Pernyataan Telah Direviu of an approval."""

from laporan.alur import TtdReviu

# A person other than the approving account's profile, so tests see which one is printed.
TTD = TtdReviu(
    nama="Dr. Budi Santoso, M.Si.",
    jabatan="Kepala Bagian Perencanaan, Data dan Informasi",
    nip="19750101 200012 1 001",
    tempat="Bandar Lampung",
)


def data_setujui(**ubah) -> dict:
    """The POST data of the approval form, with TTD's values unless changed."""
    return {
        "nama": TTD.nama,
        "jabatan": TTD.jabatan,
        "nip": TTD.nip,
        "tempat": TTD.tempat,
        "komentar": "",
        **ubah,
    }
