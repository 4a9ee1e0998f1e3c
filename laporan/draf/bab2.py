"""Draft of BAB II Perencanaan Kinerja: the opening on the Renstra (the chapter's tables print
its visi, misi, tujuan, sasaran and each PK)."""

from ..data import DataLaporan
from .umum import (
    bersih,
    paragraf,
    sebut,
)


def perencanaan(data: DataLaporan) -> str:
    """BAB II intro: the Renstra and what it holds (the chapter prints its visi, misi, tujuan
    and sasaran after this text, and describes each PK in its own part)."""
    blok = []
    renstra = data.renstra
    if renstra is not None:
        if renstra.tahun_mulai <= data.tahun <= renstra.tahun_selesai:
            kalimat = (
                f"Perencanaan kinerja {data.nama_pemilik} mengacu pada {bersih(renstra.nama)} "
                f"yang berlaku untuk periode {renstra.tahun_mulai} sampai dengan "
                f"{renstra.tahun_selesai}; tahun {data.tahun} merupakan tahun ke-"
                f"{data.tahun - renstra.tahun_mulai + 1} dari periode tersebut."
            )
        else:
            kalimat = (
                f"Perencanaan kinerja {data.nama_pemilik} mengacu pada {bersih(renstra.nama)} "
                f"(periode {renstra.tahun_mulai} sampai dengan {renstra.tahun_selesai})."
            )
        blok.append(kalimat)
        isi = ["visi"] if bersih(renstra.visi) else []
        if data.misi:
            isi.append(f"{len(data.misi)} misi")
        if data.tujuan:
            isi.append(f"{len(data.tujuan)} tujuan")
        if data.sasaran_renstra:
            isi.append(f"{len(data.sasaran_renstra)} sasaran strategis")
        if isi:
            blok.append(f"Renstra tersebut memuat {sebut(isi)} sebagai berikut.")
    return paragraf(*blok)
