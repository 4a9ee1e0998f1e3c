from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.access import get_satker
from kinerja.models import PerjanjianKinerja
from satker.models import bisa_mengubah

from . import bagian as bagian_mod
from . import pdf, services
from .access import get_laporan
from .data import kumpulkan
from .forms import BagianForm, LampiranForm, LaporanForm
from .models import StatusPDF
from .tasks import render_laporan


@login_required
def laporan_daftar(request, kode, tahun):
    satker = get_satker(request, kode)
    laporan_list = list(satker.laporan.filter(tahun=tahun))
    ada = {lap.jenis for lap in laporan_list}
    jenis_pk = (
        PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun)
        .values_list("jenis", flat=True)
        .distinct()
    )
    context = {
        "satker": satker,
        "tahun": tahun,
        "laporan_list": laporan_list,
        "bisa_dibuat": [j for j in jenis_pk if j not in ada],
        "bisa_ubah": bisa_mengubah(request.user, satker),
    }
    return render(request, "laporan/daftar.html", context)


@login_required
@require_POST
def laporan_buat(request, kode, tahun):
    satker = get_satker(request, kode, ubah=True)
    try:
        laporan = services.laporan_buat(satker=satker, tahun=tahun, jenis=request.POST.get("jenis"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("laporan_daftar", kode=kode, tahun=tahun)
    messages.success(request, f"{laporan} dibuat dengan draf dari data.")
    return redirect("laporan_detail", laporan_id=laporan.id)


def _berkas_terakhir(laporan):
    return laporan.berkas_pdf.order_by("-dibuat_pada").first()


@login_required
def laporan_detail(request, laporan_id):
    laporan = get_laporan(request, laporan_id)
    data = kumpulkan(laporan)
    context = {
        "laporan": laporan,
        "data": data,
        "daftar_bagian": [(j, s, b) for (j, s), b in _bagian_berurut(data)],
        "berkas": _berkas_terakhir(laporan),
        "form_lampiran": LampiranForm(),
        "bisa_ubah": bisa_mengubah(request.user, laporan.satker),
    }
    return render(request, "laporan/detail.html", context)


def _bagian_berurut(data):
    tampil = bagian_mod.susun(data)
    return [((j, s), tampil[j.kunci]) for j, s in bagian_mod.semua_jenis(data)]


@login_required
def laporan_ubah(request, laporan_id):
    laporan = get_laporan(request, laporan_id, ubah=True)
    form = LaporanForm(request.POST or None, instance=laporan)
    if request.method == "POST" and form.is_valid():
        services.laporan_ubah(laporan=laporan, **form.cleaned_data)
        messages.success(request, "Data penandatanganan laporan tersimpan.")
        return redirect("laporan_detail", laporan_id=laporan.id)
    return render(request, "laporan/ubah.html", {"laporan": laporan, "form": form})


@login_required
def bagian_ubah(request, laporan_id, kunci):
    laporan = get_laporan(request, laporan_id, ubah=True)
    data = kumpulkan(laporan)
    tampil = bagian_mod.susun(data).get(kunci)
    if tampil is None:
        raise Http404("Bagian laporan tidak dikenal.")
    awal = {"teks": tampil.teks, "hash_draf": tampil.hash_draf}
    form = BagianForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            services.bagian_simpan(
                laporan=laporan, kunci=kunci, user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"{tampil.judul} tersimpan.")
            return redirect("laporan_detail", laporan_id=laporan.id)
    context = {"laporan": laporan, "bagian": tampil, "form": form}
    return render(request, "laporan/bagian.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def bagian_draf(request, laporan_id, kunci):
    laporan = get_laporan(request, laporan_id, ubah=True)
    services.bagian_pakai_draf(laporan=laporan, kunci=kunci, user=request.user)
    messages.success(request, "Bagian ini kembali mengikuti draf dari data.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
def laporan_pratinjau(request, laporan_id):
    laporan = get_laporan(request, laporan_id)
    return HttpResponse(pdf.html_laporan(kumpulkan(laporan), pratinjau=True))


@login_required
@require_POST
def pdf_minta(request, laporan_id):
    laporan = get_laporan(request, laporan_id)
    hash_isi = pdf.hash_isi(kumpulkan(laporan))
    berkas, baru = services.pdf_minta(laporan=laporan, hash_isi=hash_isi, user=request.user)
    if baru:
        render_laporan.enqueue(berkas.id)
    elif berkas.status == StatusPDF.SELESAI:
        messages.success(request, "Isi laporan tidak berubah sejak PDF terakhir: siap diunduh.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
def pdf_status(request, laporan_id):
    laporan = get_laporan(request, laporan_id)
    context = {"laporan": laporan, "berkas": _berkas_terakhir(laporan)}
    return render(request, "laporan/_status_pdf.html", context)


@login_required
def pdf_unduh(request, laporan_id, berkas_id):
    laporan = get_laporan(request, laporan_id)
    berkas = get_object_or_404(laporan.berkas_pdf, id=berkas_id, status=StatusPDF.SELESAI)
    nama = f"LKj-{laporan.satker.kode}-{laporan.tahun}-{laporan.jenis}.pdf"
    return FileResponse(berkas.berkas.open("rb"), as_attachment=True, filename=nama)


@login_required
@require_POST
def lampiran_unggah(request, laporan_id):
    laporan = get_laporan(request, laporan_id, ubah=True)
    form = LampiranForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.lampiran_tambah(laporan=laporan, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Lampiran ditambahkan; PDF berikutnya memuatnya.")
    else:
        messages.error(request, "Pilih berkas PDF dan isi judulnya.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
@require_POST
def lampiran_hapus(request, laporan_id, lampiran_id):
    laporan = get_laporan(request, laporan_id, ubah=True)
    services.lampiran_hapus(lampiran=get_object_or_404(laporan.lampiran, id=lampiran_id))
    messages.success(request, "Lampiran dihapus.")
    return redirect("laporan_detail", laporan_id=laporan.id)
