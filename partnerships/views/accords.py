"""Cooperation accords: list, detail, create and edit, commitments, the workflow, attachments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from partnerships import forms, selectors, services
from partnerships.filters import AccordFilter
from partnerships.models import CooperationAccord
from partnerships.rules import accord_side_of
from partnerships.tables import AccordTable
from partnerships.views.common import require
from udavtal.lib.concurrency import StaleObjectError
from udavtal.lib.lists import FilteredListView
from udavtal.lib.pages import add_service_errors, confirm_page
from udavtal.lib.pdf import pdf_response
from udavtal.lib.uploads import stored_file_response

ACCORD_PERMS = (
    "change",
    "revise",
    "propose",
    "accept",
    "decline",
    "reopen",
    "end",
    "attach",
    "view",
)


class AccordListView(FilteredListView):
    table_class = AccordTable
    filterset_class = AccordFilter
    export_name = "samverkansoverenskommelser"
    title = gettext_lazy("Samverkansöverenskommelser")
    intro = gettext_lazy(
        "Överenskommelser mellan statliga myndigheter och kommuner med lokala utvecklingsavtal."
    )
    template_name = "partnerships/accord_list.html"

    def get_queryset(self):
        return selectors.accord_list_for_table(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_add"] = self.request.user.has_perm("partnerships.add_cooperationaccord")
        return context


def accord_flags(user, accord) -> dict[str, bool]:
    return {
        f"can_{action}": user.has_perm(f"partnerships.{action}_cooperationaccord", accord)
        for action in ACCORD_PERMS
    }


@login_required
def accord_detail_view(request, pk: int):
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    context = {
        "accord": accord,
        "commitments": accord.commitments.all(),
        "attachments": selectors.accord_attachments(accord=accord),
        "changes": selectors.accord_history(accord=accord),
        "partnerships": selectors.partnerships_of_accord(accord=accord),
        "side": accord_side_of(request.user, accord),
        **accord_flags(request.user, accord),
    }
    return render(request, "partnerships/accord_detail.html", context)


@login_required
def accord_pdf_view(request, pk: int):
    """The accord as a PDF, rendered on demand; watermarked UTKAST until both sides sign."""
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    require(request.user, "partnerships.view_cooperationaccord", accord)
    from partnerships.pdf import build_accord_pdf

    name = f"samverkansoverenskommelse-{accord.municipality.name}-{accord.pk}.pdf"
    return pdf_response(build_accord_pdf(accord), name)


@login_required
@require_http_methods(["GET", "POST"])
def accord_create_view(request):
    require(request.user, "partnerships.add_cooperationaccord")
    form = forms.AccordCreateForm(
        request.POST or None,
        agreements=selectors.agreements_open_for_accords(user=request.user),
        units=selectors.signing_units_for_user(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            accord = services.accord_create(**form.cleaned_data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Utkastet är skapat. Välj stadsdelsplaner och lägg till åtaganden."),
            )
            return redirect("partnerships:accord-edit", pk=accord.pk)
    status = 400 if form.is_bound else 200
    return render(request, "partnerships/accord_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def accord_edit_view(request, pk: int):
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    revision = accord.status in CooperationAccord.IN_FORCE
    require(
        request.user,
        "partnerships.revise_cooperationaccord"
        if revision
        else "partnerships.change_cooperationaccord",
        accord,
    )
    form = forms.AccordEditForm(
        request.POST or None,
        accord=accord,
        units=selectors.units_for_accord(user=request.user, accord=accord),
        plans=selectors.plans_of_agreement(agreement=accord.agreement),
        revision=revision,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        plans, goal_areas = data.pop("plans"), data.pop("goal_areas")
        version, reason = data.pop("version"), data.pop("reason", "")
        try:
            services.accord_update(
                accord=accord,
                data=data,
                plans=plans,
                goal_areas=goal_areas,
                expected_version=version,
                reason=reason,
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Överenskommelsen är sparad."))
            return redirect(accord)
    context = {"form": form, "accord": accord, "revision": revision}
    return render(
        request, "partnerships/accord_form.html", context, status=400 if form.is_bound else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_commitments_view(request, pk: int):
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    revision = accord.status in CooperationAccord.IN_FORCE
    require(
        request.user,
        "partnerships.revise_cooperationaccord"
        if revision
        else "partnerships.change_cooperationaccord",
        accord,
    )
    goals = selectors.plan_goals_of_accord(accord=accord)
    initial = [
        {
            "pk": c.pk,
            "plan_goal": c.plan_goal_id,
            "what": c.what,
            "who": c.who,
            "when": c.when,
            "resources": c.resources,
        }
        for c in accord.commitments.all()
    ]
    data = request.POST or None
    meta = forms.CommitmentsMetaForm(data, revision=revision, initial={"version": accord.version})
    formset = forms.CommitmentFormSet(data, initial=initial, goals=goals, prefix="c")
    if request.method == "POST" and meta.is_valid() and formset.is_valid():
        rows = [
            services.CommitmentRow(
                pk=f.cleaned_data.get("pk"),
                plan_goal=f.cleaned_data["plan_goal"],
                what=f.cleaned_data["what"],
                who=f.cleaned_data["who"],
                when=f.cleaned_data["when"],
                resources=f.cleaned_data["resources"],
                remove=f.cleaned_data.get("remove", False),
            )
            for f in formset.forms
            if f.has_changed() and f.cleaned_data
        ]
        try:
            services.accord_set_commitments(
                accord=accord,
                rows=rows,
                expected_version=meta.cleaned_data["version"],
                reason=meta.cleaned_data.get("reason", ""),
                actor=request.user,
            )
        except (ValidationError, StaleObjectError) as error:
            add_service_errors(meta, error)
        else:
            messages.success(request, _("Åtagandena är sparade."))
            return redirect(accord)
    context = {
        "accord": accord,
        "meta": meta,
        "formset": formset,
        "revision": revision,
        "has_goals": goals.exists(),
    }
    status = 400 if meta.is_bound else 200
    return render(request, "partnerships/accord_commitments.html", context, status=status)


def _transition_page(request, accord, *, warning: str | None = None, **page):
    """The confirmation page of an accord's state change (udavtal.lib.pages.confirm_page)."""
    if warning is not None:
        page["warning"] = warning
    details = [
        (_("Överenskommelse"), accord.title),
        (_("Myndighet"), f"{accord.agency_unit.agency.name} – {accord.agency_unit.name}"),
        (_("Kommun"), accord.municipality.name),
        (_("Period"), f"{accord.starts_on:%Y-%m-%d} – {accord.ends_on:%Y-%m-%d}"),
        (_("Status"), accord.get_status_display()),
    ]
    return confirm_page(request, accord, details=details, **page)


def _accord_for(request, pk: int, perm: str) -> CooperationAccord:
    accord = selectors.accord_get_for_user(user=request.user, pk=pk)
    require(request.user, f"partnerships.{perm}_cooperationaccord", accord)
    return accord


@login_required
@require_http_methods(["GET", "POST"])
def accord_propose_view(request, pk: int):
    accord = _accord_for(request, pk, "propose")
    side = accord_side_of(request.user, accord)
    form = forms.VersionForm(request.POST or None, initial={"version": accord.version})
    other = _("kommunen") if side == CooperationAccord.Side.AGENCY else _("myndigheten")
    return _transition_page(
        request,
        accord,
        form=form,
        question=_("Vill du föreslå överenskommelsen för %(other)s?") % {"other": other},
        description=_(
            "Förslaget låses för ändringar. Motparten godtar och undertecknar, avböjer eller "
            "skickar tillbaka det som utkast."
        ),
        warning=_("Du kan inte själv godta ett förslag som din sida har lämnat."),
        confirm_label=_("Föreslå"),
        perform=lambda data: services.accord_propose(
            accord=accord, side=side, actor=request.user, expected_version=data["version"]
        ),
        success=_("Överenskommelsen är föreslagen för %(other)s.") % {"other": other},
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_accept_view(request, pk: int):
    accord = _accord_for(request, pk, "accept")
    side = accord_side_of(request.user, accord)
    form = forms.AcceptForm(request.POST or None, accord=accord)
    return _transition_page(
        request,
        accord,
        form=form,
        question=_("Vill du godta och underteckna överenskommelsen?"),
        description=_(
            "Ange vem som undertecknar för respektive part och när. Myndighetens enhet ansluts "
            "till avtalets lokala partnerskap."
        ),
        confirm_label=_("Godta och underteckna"),
        perform=lambda data: services.accord_accept(
            accord=accord,
            side=side,
            agency_signatory=data["agency_signatory"],
            agency_signed_on=data["agency_signed_on"],
            municipality_signatory=data["municipality_signatory"],
            municipality_signed_on=data["municipality_signed_on"],
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Överenskommelsen är undertecknad."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_decline_view(request, pk: int):
    accord = _accord_for(request, pk, "decline")
    side = accord_side_of(request.user, accord)
    form = forms.VersionedReasonForm(
        request.POST or None,
        initial={"version": accord.version},
        label=_("Skäl för att avböja"),
    )
    return _transition_page(
        request,
        accord,
        form=form,
        question=_("Vill du avböja överenskommelsen?"),
        confirm_label=_("Avböj"),
        danger=True,
        perform=lambda data: services.accord_decline(
            accord=accord,
            side=side,
            reason=data["reason"],
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Överenskommelsen är avböjd."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_reopen_view(request, pk: int):
    accord = _accord_for(request, pk, "reopen")
    form = forms.VersionedReasonForm(
        request.POST or None,
        initial={"version": accord.version},
        label=_("Vad behöver ändras"),
    )
    return _transition_page(
        request,
        accord,
        form=form,
        question=_("Vill du skicka tillbaka förslaget som utkast?"),
        description=_("Båda parter kan då ändra i överenskommelsen innan den föreslås igen."),
        warning="",
        confirm_label=_("Tillbaka till utkast"),
        perform=lambda data: services.accord_reopen(
            accord=accord,
            reason=data["reason"],
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Överenskommelsen är ett utkast igen."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_end_view(request, pk: int):
    accord = _accord_for(request, pk, "end")
    form = forms.EndForm(
        request.POST or None,
        initial={"version": accord.version},
        label=_("Skäl till att överenskommelsen upphör"),
    )
    return _transition_page(
        request,
        accord,
        form=form,
        question=_("Vill du registrera att överenskommelsen upphör?"),
        description=_("Myndighetens enhet lämnar då avtalets lokala partnerskap."),
        confirm_label=_("Överenskommelsen upphör"),
        danger=True,
        perform=lambda data: services.accord_end(
            accord=accord,
            ended_on=data["ended_on"],
            reason=data["reason"],
            actor=request.user,
            expected_version=data["version"],
        ),
        success=_("Överenskommelsen har upphört."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def accord_attachment_add_view(request, pk: int):
    accord = _accord_for(request, pk, "attach")
    form = forms.AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.accord_attach(
                accord=accord,
                uploaded=form.cleaned_data["file"],
                description=form.cleaned_data["description"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("Bilagan är uppladdad."))
            return redirect(accord)
    return render(
        request,
        "partnerships/accord_attachment_form.html",
        {"form": form, "accord": accord},
        status=400 if form.is_bound else 200,
    )


@login_required
def accord_attachment_download_view(request, pk: int, attachment_pk: int):
    accord = _accord_for(request, pk, "view")
    attachment = selectors.accord_attachment_get(accord=accord, pk=attachment_pk)
    return stored_file_response(attachment.file, attachment.original_name, attachment.mime_type)
