"""Tables of the statistics list pages (django-tables2). Figures render through
`suppression.Figure`: '..' when protected, '–' when missing, on the page and in exports."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from reports.models import ImportBatch, Indicator

NUM = {"th": {"class": "num"}, "td": {"class": "num"}}


class IndicatorTable(tables.Table):
    caption = _("Indikatorer")
    empty_text = _("Inga indikatorer ännu.")

    code = tables.Column(verbose_name=_("Kod"), linkify=True)
    name = tables.Column(verbose_name=_("Namn"))
    unit = tables.Column(verbose_name=_("Enhet"))
    direction = tables.Column(verbose_name=_("Riktning"))
    source = tables.Column(verbose_name=_("Källa"))
    periodicity = tables.Column(verbose_name=_("Periodicitet"))
    person_based = tables.BooleanColumn(verbose_name=_("Personbaserad"), yesno=(_("Ja"), _("Nej")))
    goal_area = tables.Column(verbose_name=_("Målområde"), order_by=("goal_area__position",))
    is_active = tables.BooleanColumn(verbose_name=_("Aktiv"), yesno=(_("Ja"), _("Nej")))

    class Meta:
        model = Indicator
        default = "–"
        fields = [
            "code",
            "name",
            "unit",
            "direction",
            "source",
            "periodicity",
            "person_based",
            "goal_area",
            "is_active",
        ]


class ImportBatchTable(tables.Table):
    caption = _("Importerade filer")
    empty_text = _("Inga importer ännu.")

    imported_at = tables.DateTimeColumn(verbose_name=_("Importerad"), format="Y-m-d H:i")
    file_name = tables.Column(verbose_name=_("Fil"), linkify=True)
    file_format = tables.Column(verbose_name=_("Format"))
    status = tables.Column(verbose_name=_("Status"))
    row_count = tables.Column(verbose_name=_("Rader"), attrs=NUM)
    created_count = tables.Column(verbose_name=_("Nya"), attrs=NUM)
    updated_count = tables.Column(verbose_name=_("Ändrade"), attrs=NUM)
    unchanged_count = tables.Column(verbose_name=_("Oförändrade"), attrs=NUM)
    imported_by = tables.Column(verbose_name=_("Av"))

    class Meta:
        model = ImportBatch
        default = "–"
        fields = [
            "imported_at",
            "file_name",
            "file_format",
            "status",
            "row_count",
            "created_count",
            "updated_count",
            "unchanged_count",
            "imported_by",
        ]

    def render_status(self, record):
        return format_html(
            '<span class="badge badge--{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_file_format(self, value):
        return value.upper()


class FigureColumn(tables.Column):
    """A `suppression.Figure` as Swedish text ('55,1', '..', '–'); the export writes
    `Figure.export` (OverviewTable.export_columns)."""

    def __init__(self, *args, decimals: int = 1, signed: bool = False, **kwargs):
        kwargs.setdefault("attrs", NUM)
        kwargs.setdefault("empty_values", ())
        super().__init__(*args, **kwargs)
        self.decimals = decimals
        self.signed = signed

    def render(self, value):
        return value.display(self.decimals, signed=self.signed)


class OverviewTable(tables.Table):
    """Rows are `selectors.OverviewRow`; sorting uses public values only (never a suppressed
    one, whose position in the order would give it away)."""

    empty_text = _("Inga stadsdelar med avtal att visa.")

    name = tables.Column(verbose_name=_("Stadsdel"), order_by=("name",))
    municipality_name = tables.Column(
        verbose_name=_("Kommun"), order_by=("municipality_name", "name")
    )
    latest_year = tables.Column(verbose_name=_("År"), attrs=NUM)
    latest = FigureColumn(verbose_name=_("Senaste värde"), order_by=("latest_key",))
    change = FigureColumn(verbose_name=_("Förändring"), order_by=("change_key",), signed=True)
    municipality_value = FigureColumn(verbose_name=_("Kommunen"), order_by=("municipality_key",))
    gap = FigureColumn(verbose_name=_("Skillnad mot kommunen"), order_by=("gap_key",), signed=True)

    class Meta:
        default = "–"

    def __init__(self, *args, indicator=None, since_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        decimals = indicator.decimals if indicator else 1
        for name in ("latest", "change", "municipality_value", "gap"):
            self.columns[name].column.decimals = decimals
        if since_year:
            self.columns["change"].column.verbose_name = _("Förändring sedan %(year)s") % {
                "year": since_year
            }
        self.caption = (
            _("%(indicator)s per stadsdel") % {"indicator": indicator.name}
            if indicator
            else _("Stadsdelar")
        )

    def render_name(self, record):
        url = reverse("reports:district-statistics", args=[record.district.pk])
        return format_html('<a href="{}">{}</a>', url, record.district.name)

    def render_latest_year(self, value):
        return str(value)

    def export_columns(self):
        """Rows are computed in Python: each value is a function of the row; figures are numbers,
        '..' when protected, empty when missing (`suppression.Figure.export`)."""
        decimals = self.columns["latest"].column.decimals

        def figure(name):
            return lambda row: getattr(row, name).export(decimals)

        return {
            "name": lambda row: row.district.name,
            "municipality_name": lambda row: row.municipality_name,
            "latest_year": lambda row: row.latest_year,
            "latest": figure("latest"),
            "change": figure("change"),
            "municipality_value": figure("municipality_value"),
            "gap": figure("gap"),
        }
