"""Pages for the indicator catalogue and statistics."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from reports.models import Indicator


@login_required
def indicator_detail_view(request, code: str):
    indicator = get_object_or_404(Indicator.objects.select_related("goal_area"), code=code)
    return render(request, "reports/indicator_detail.html", {"indicator": indicator})
