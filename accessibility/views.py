"""The accessibility statement (tillgänglighetsredogörelse) and the form to report a problem.
Public: no login needed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accessibility.forms import AccessibilityReportForm


@require_http_methods(["GET", "POST"])
def statement_view(request):
    form = AccessibilityReportForm(
        request.POST or None, initial={"page_url": request.GET.get("sida", "")}
    )
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report._change_reason = _("Rapporterat via tillgänglighetsredogörelsen")
        report.save()
        messages.success(
            request,
            _("Tack! Vi har tagit emot din rapport och återkommer om du bett om svar."),
        )
        return redirect("accessibility")
    status = 400 if form.errors else 200
    return render(request, "accessibility/statement.html", {"form": form}, status=status)
