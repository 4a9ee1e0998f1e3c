from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.models import PerjanjianKinerja
from satker import akses
from satker.akses import ambil_satker, boleh_ubah, keanggotaan_pengguna

from . import alur, catatan, dokumen, kelengkapan, reviu, services
from . import bagian as bagian_mod
from .access import ambil_laporan
from .forms import (
    BagianForm,
    FilterReviuForm,
    LampiranForm,
    LaporanForm,
    PersetujuanForm,
    TransisiForm,
)
from .models import JenisLaporan, Laporan, StatusPDF
from .pengumpul import kumpulkan
from .tasks import susun_pdf_laporan


@login_required
def laporan_daftar(request, kode, tahun):
    satker = ambil_satker(request, kode)
    laporan_list = list(satker.laporan.filter(tahun=tahun))
    ada = {lap.jenis for lap in laporan_list}
    jenis_pk = set(
        PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).values_list("jenis", flat=True)
    )
    if len(jenis_pk) > 1:
        jenis_pk.add(JenisLaporan.GABUNGAN)
    context = {
        "satker": satker,
        "tahun": tahun,
        "laporan_list": laporan_list,
        "bisa_dibuat": [j for j in JenisLaporan if j in jenis_pk and j not in ada],
        "bisa_ubah": boleh_ubah(request.user, satker),
    }
    return render(request, "laporan/daftar.html", context)


@login_required
@require_POST
def laporan_buat(request, kode, tahun):
    satker = ambil_satker(request, kode, ubah=True)
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
    laporan = ambil_laporan(request, laporan_id)
    return _halaman_detail(request, laporan)


def _halaman_detail(request, laporan, form_setujui=None, status=200):
    """The report page; `form_setujui` is a refused approval form to show again with its
    errors and what was typed (the page works as a plain POST form, without JavaScript)."""
    data = kumpulkan(laporan)
    tampil = bagian_mod.susun(data)
    kekurangan = kelengkapan.periksa(
        data, tampil, satker_lain=kelengkapan.pola_satker_lain(laporan.satker)
    )
    aksi = alur.aksi_tersedia(request.user, laporan)
    if form_setujui is None and any(t.aksi == "setujui" for t in aksi):
        profil = keanggotaan_pengguna(request.user)
        form_setujui = PersetujuanForm(initial=asdict(alur.ttd_awal(request.user)), profil=profil)
    context = {
        "laporan": laporan,
        "data": data,
        "daftar_bagian": [(j, s, tampil[j.kunci]) for j, s in bagian_mod.semua_jenis(data)],
        "kekurangan": kekurangan,
        "jumlah_galat": len(kelengkapan.galat(kekurangan)),
        "berkas": _berkas_terakhir(laporan),
        "form_lampiran": LampiranForm(),
        # A locked report shows its content read-only, even to those who may edit the satker.
        "bisa_ubah": boleh_ubah(request.user, laporan.satker) and not laporan.terkunci,
        "aksi": aksi,
        # Shown when the user has no move to make now.
        "keterangan_berikutnya": alur.keterangan_berikutnya(laporan),
        "form_setujui": form_setujui,
        "riwayat": laporan.riwayat_status.select_related("oleh__keanggotaan__satker"),
        "berkas_final": laporan.berkas_final.select_related("disetujui_oleh"),
        "catatan": laporan.catatan.select_related("dibuat_oleh", "dijawab_oleh"),
        "bisa_catat": laporan.status == "diajukan"
        and alur.boleh(request.user, laporan, alur.TRANSISI["setujui"]),
        "pilihan_catatan": catatan.pilihan_sasaran(data),
        "bisa_jawab": boleh_ubah(request.user, laporan.satker),
        "pesan_kunci": laporan.pesan_kunci if laporan.terkunci else "",
    }
    return render(request, "laporan/detail.html", context, status=status)


@login_required
@require_POST
def laporan_alur(request, laporan_id, aksi):
    laporan = ambil_laporan(request, laporan_id)
    setujui = aksi == "setujui"
    if setujui:
        form = PersetujuanForm(request.POST, profil=keanggotaan_pengguna(request.user))
    else:
        form = TransisiForm(request.POST)
    try:
        if not form.is_valid():
            # Whatever was typed, a move the user may not make now is refused as such first.
            alur.periksa_langkah(laporan=laporan, aksi=aksi, oleh=request.user)
            if setujui:
                return _halaman_detail(request, laporan, form_setujui=form, status=400)
            messages.error(request, " ".join(form.errors["komentar"]))
            return redirect("laporan_detail", laporan_id=laporan.id)
        alur.laporan_transisi(laporan=laporan, aksi=aksi, oleh=request.user, **form.argumen())
    except alur.TidakBerwenang as exc:
        raise PermissionDenied(exc.messages[0]) from exc
    except alur.TandaTanganReviuTidakLengkap as exc:
        form.add_error(None, exc)
        return _halaman_detail(request, laporan, form_setujui=form, status=400)
    except alur.AlurError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        laporan.refresh_from_db()
        messages.success(request, f"{laporan}: {laporan.get_status_display().lower()}.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
def reviu_daftar(request):
    """The reviewer's inbox: the reports of their province's Kab/Kota, filtered by status and
    year, oldest submission first among those waiting."""
    qs = Laporan.objects.untuk_pereviu(request.user)
    if not akses.pereviu(request.user):
        raise PermissionDenied("Halaman reviu hanya untuk reviewer KPU Provinsi dan admin.")
    form = FilterReviuForm(request.GET or None)
    if form.is_valid():
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["tahun"]:
            qs = qs.filter(tahun=form.cleaned_data["tahun"])
    halaman = Paginator(qs.urutan_reviu(), reviu.PER_HALAMAN).get_page(request.GET.get("hal"))
    rekap_tahun, provinsi_list = reviu.pilihan_rekap(request.user)
    context = {
        "form": form,
        "halaman": halaman,
        "baris": reviu.baris_reviu(halaman),
        "rekap_tahun": rekap_tahun,
        "provinsi_list": provinsi_list,
    }
    return render(request, "laporan/reviu.html", context)


@login_required
def laporan_ubah(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id, ubah=True)
    form = LaporanForm(request.POST or None, instance=laporan)
    if request.method == "POST" and form.is_valid():
        try:
            services.laporan_ubah(laporan=laporan, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, "Data penandatanganan laporan tersimpan.")
            return redirect("laporan_detail", laporan_id=laporan.id)
    context = {"laporan": laporan, "form": form}
    return render(request, "laporan/ubah.html", context, status=400 if form.errors else 200)


@login_required
def bagian_ubah(request, laporan_id, kunci):
    laporan = ambil_laporan(request, laporan_id, ubah=True)
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
    laporan = ambil_laporan(request, laporan_id, ubah=True)
    try:
        services.bagian_pakai_draf(laporan=laporan, kunci=kunci, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Bagian ini kembali mengikuti draf dari data.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
def laporan_pratinjau(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id)
    return HttpResponse(dokumen.html_laporan(kumpulkan(laporan), pratinjau=True))


@login_required
@require_POST
def pdf_minta(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id)
    hash_isi = dokumen.hash_isi(kumpulkan(laporan))
    berkas, baru = services.pdf_minta(laporan=laporan, hash_isi=hash_isi, user=request.user)
    if baru:
        susun_pdf_laporan.enqueue(berkas.id)
    elif berkas.status == StatusPDF.SELESAI:
        messages.success(request, "Isi laporan tidak berubah sejak PDF terakhir: siap diunduh.")
    return redirect("laporan_detail", laporan_id=laporan.id)


@login_required
def pdf_status(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id)
    context = {"laporan": laporan, "berkas": _berkas_terakhir(laporan)}
    return render(request, "laporan/_status_pdf.html", context)


@login_required
def pdf_unduh(request, laporan_id, berkas_id):
    laporan = ambil_laporan(request, laporan_id)
    berkas = get_object_or_404(laporan.berkas_pdf, id=berkas_id, status=StatusPDF.SELESAI)
    nama = f"LKj-{laporan.satker.kode}-{laporan.tahun}-{laporan.jenis}.pdf"
    return FileResponse(berkas.berkas.open("rb"), as_attachment=True, filename=nama)


@login_required
def final_unduh(request, laporan_id, revisi):
    """The frozen PDF of an approved revision: always the same bytes."""
    laporan = ambil_laporan(request, laporan_id)
    final = get_object_or_404(laporan.berkas_final, revisi=revisi)
    if not final.berkas.storage.exists(final.berkas.name):
        raise Http404("Berkas PDF final tidak ditemukan di penyimpanan; hubungi admin.")
    nama = f"LKj-{laporan.satker.kode}-{laporan.tahun}-{laporan.jenis}-revisi-{revisi}.pdf"
    return FileResponse(final.berkas.open("rb"), as_attachment=True, filename=nama)


@login_required
@require_POST
def lampiran_unggah(request, laporan_id):
    laporan = ambil_laporan(request, laporan_id, ubah=True)
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
    laporan = ambil_laporan(request, laporan_id, ubah=True)
    lampiran = get_object_or_404(laporan.lampiran, id=lampiran_id)
    try:
        services.lampiran_hapus(lampiran=lampiran)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Lampiran dihapus.")
    return redirect("laporan_detail", laporan_id=laporan.id)
