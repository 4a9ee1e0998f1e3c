"""The public publication page: published reports and their frozen PDFs, no login.

A report appears once it has been published. The file served is the frozen PDF of its
published revision (laporan/final.py); a report reopened for a new revision keeps its last
published revision public until the new one is published.
"""

from itertools import groupby

from django.contrib.auth.decorators import login_not_required
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, When
from django.http import FileResponse
from django.shortcuts import get_object_or_404, render

from satker.models import Satker, Tingkat

from .models import Laporan, RiwayatStatus, StatusLaporan


def _terbit():
    """Reports published now or before, each with the revision that is public."""
    terbit = RiwayatStatus.objects.filter(laporan=OuterRef("pk"), ke=StatusLaporan.TERBIT)
    terakhir = terbit.order_by("-pada", "-id").values("revisi")[:1]
    return (
        Laporan.objects.filter(Q(status=StatusLaporan.TERBIT) | Exists(terbit))
        .annotate(
            revisi_terbit=Case(
                When(status=StatusLaporan.TERBIT, then=F("revisi")), default=Subquery(terakhir)
            )
        )
        .select_related("satker__induk")
    )


def _kepala(satker: Satker) -> Satker:
    """The group a satker's reports are listed under: its province (KPU RI for itself)."""
    return satker.provinsi or satker


def _saring(request, laporan_qs):
    """Apply the ?provinsi= and ?tahun= filters; a bad value is ignored with a note."""
    pilihan = {"provinsi": request.GET.get("provinsi", ""), "tahun": request.GET.get("tahun", "")}
    galat = []
    if pilihan["provinsi"]:
        kode = pilihan["provinsi"]
        if Satker.objects.filter(kode=kode).exclude(tingkat=Tingkat.KABKOTA).exists():
            kabkota = Q(satker__induk__kode=kode, satker__tingkat=Tingkat.KABKOTA)
            laporan_qs = laporan_qs.filter(Q(satker__kode=kode) | kabkota)
        else:
            galat.append("Provinsi yang dipilih tidak dikenal; semua provinsi ditampilkan.")
            pilihan["provinsi"] = ""
    if pilihan["tahun"]:
        tahun = pilihan["tahun"] = pilihan["tahun"].strip()
        if tahun.isascii() and tahun.isdigit() and len(tahun) == 4:
            laporan_qs = laporan_qs.filter(tahun=int(tahun))
        else:
            galat.append("Tahun harus berupa empat angka, mis. 2023; semua tahun ditampilkan.")
            pilihan["tahun"] = ""
    return laporan_qs, pilihan, galat


def _kelompok(laporan_list):
    """[(province, [(satker, [reports, newest year first])])], provinces and satker by code."""

    def kunci(lap):
        return (_kepala(lap.satker).kode, lap.satker.kode, -lap.tahun, lap.jenis)

    urut = sorted(laporan_list, key=kunci)
    hasil = []
    for kepala, per_kepala in groupby(urut, key=lambda lap: _kepala(lap.satker)):
        per_satker = groupby(per_kepala, key=lambda lap: lap.satker)
        hasil.append((kepala, [(satker, list(daftar)) for satker, daftar in per_satker]))
    return hasil


@login_not_required
def publik_daftar(request):
    laporan_qs, pilihan, galat = _saring(request, _terbit())
    semua = list(_terbit())
    context = {
        "kelompok": _kelompok(laporan_qs),
        "provinsi_list": sorted({_kepala(lap.satker) for lap in semua}, key=lambda s: s.kode),
        "tahun_list": sorted({lap.tahun for lap in semua}, reverse=True),
        "pilihan": pilihan,
        "galat": galat,
    }
    return render(request, "laporan/publik/daftar.html", context)


def _berkas_siap(laporan: Laporan):
    """The frozen PDF of the published revision (rendered once when it was approved), if it is
    on disk: the public always gets the file the reviewer approved, byte for byte."""
    final = laporan.berkas_final.filter(revisi=laporan.revisi_terbit).first()
    if final is None or not final.berkas.storage.exists(final.berkas.name):
        return None
    return final


@login_not_required
def publik_unduh(request, laporan_id):
    laporan = get_object_or_404(_terbit(), id=laporan_id)
    berkas = _berkas_siap(laporan)
    if berkas is None:
        context = {"laporan": laporan}
        return render(request, "laporan/publik/belum_siap.html", context, status=404)
    revisi = laporan.revisi_terbit
    nama = f"LKj-{laporan.satker.kode}-{laporan.tahun}-{laporan.jenis}-revisi-{revisi}.pdf"
    return FileResponse(berkas.berkas.open("rb"), as_attachment=True, filename=nama)
