"""One lean world with an object behind every URL keyword of the project.

Everything lives in Malmö (the scope of `coordinator_malmo`), Försäkringskassan has an accord and
a partnership in it (the scope of `agency_officer_fk`), and Botkyrka's coordinator sees none of
it (the out-of-scope role). Grant objects hang on a 2020 round open to Malmö and Botkyrka.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.models import Attachment
from grants import services as grant_services
from reports.models import AnnualReport, ImportBatch
from tests import factories
from tests.factories import accords as accord_build
from tests.factories import agreements as agreement_build
from tests.factories import grants as gf
from tests.factories import plans as plan_build
from udavtal.models import ListExport

PDF = agreement_build.PDF_BYTES


@dataclass
class World:
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error

    def resolve(self, path: str) -> Any:
        """`"report.pk"` → the world's report's pk; a literal after `=` (`"=csv"`) is itself."""
        if path.startswith("="):
            return path[1:]
        head, *rest = path.split(".")
        value = self.objects[head]
        for part in rest:
            value = getattr(value, part)
        return value


def _attachment(obj, name: str = "bilaga.pdf") -> Attachment:
    item = Attachment(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        original_name=name,
        mime_type="application/pdf",
        size_bytes=len(PDF),
        sha256="0" * 64,
    )
    item.file.save(name, ContentFile(PDF), save=False)
    item.save()
    return item


def _published_annual_report(year: int) -> AnnualReport:
    report = AnnualReport(
        year=year,
        title=f"Årsrapport {year}",
        status=AnnualReport.Status.PUBLISHED,
        pdf_sha256=hashlib.sha256(PDF).hexdigest(),
        page_count=1,
        published_at=timezone.now(),
    )
    report.pdf.save(f"arsrapport-{year}.pdf", ContentFile(PDF), save=False)
    report.save()
    return report


def build(*, malmo, botkyrka, fk, officer, coordinator_malmo) -> World:
    w = World()
    o = w.objects
    rw = plan_build.report_world(malmo, year=2026)
    o["agreement"] = rw.agreement
    o["plan"] = rw.plan
    o["district"] = rw.district
    o["goal"] = rw.rising.goal
    o["goal_indicator"] = rw.rising
    o["plan_measure"] = rw.measure
    o["indicator"] = rw.rising.indicator
    o["municipality"] = malmo
    o["report"] = rw.report
    o["report_attachment"] = _attachment(rw.report, "protokoll.pdf")
    o["agreement_attachment"] = _attachment(rw.agreement)
    o["revision"] = agreement_build.revision(rw.agreement, year=2025)

    unit = accord_build.local_unit(fk, malmo)
    o["accord"] = accord_build.accord(
        agency=fk, agreement=rw.agreement, unit=unit, goals=[o["goal"]]
    )
    o["accord_attachment"] = _attachment(o["accord"])
    o["agency"] = fk
    o["partnership"] = factories.PartnershipFactory(agreement=rw.agreement)
    o["member"] = factories.PartnershipMemberFactory(partnership=o["partnership"])
    o["agency_report"] = factories.AgencyReportFactory(agency=fk, unit=unit, year=2026)
    o["agency_entry"] = accord_build.AgencyReportEntryFactory(
        report=o["agency_report"], partnership=o["partnership"]
    )
    o["batch"] = ImportBatch.objects.create(
        file_name="utfall.csv", sha256="0" * 64, file_format="csv", imported_by=officer
    )

    o["annual_report"] = AnnualReport.objects.create(year=2026, title="Årsrapport 2026")
    o["published_report"] = _published_annual_report(2025)

    o["round"] = gf.grant_round(2020, eligible=[malmo, botkyrka])
    o["application"] = gf.application(o["round"], malmo, created_by=coordinator_malmo)
    o["grant_goal"] = o["application"].goals.get()
    o["grant_measure"] = o["application"].measures.get()
    decided_round = gf.grant_round(2022, eligible=[malmo])
    decided = gf.application(decided_round, malmo, created_by=coordinator_malmo, status="submitted")
    grant_services.decision_make(
        application=decided,
        amounts={2022: Decimal("900000")},
        reasoning="Uppfyller villkoren.",
        conditions="",
        decided_on=datetime.date(2022, 1, 20),
        actor=officer,
    )
    decided.refresh_from_db()
    o["decided"] = decided
    o["amount"] = decided.decision.amounts.get()
    o["payment"] = grant_services.payment_plan(
        decision_amount=o["amount"],
        amount_sek=Decimal("450000"),
        due_on=datetime.date(2022, 3, 1),
        actor=officer,
    )
    o["follow_up"] = grant_services.follow_up_start(application=decided, year=2022, actor=officer)
    # The officer's stored list export (udavtal.list_exports): nobody else's to see.
    o["list_export"] = list_export = ListExport.objects.create(
        user=officer,
        title="Årliga redovisningar",
        path="/redovisningar/",
        filename="redovisningar.xlsx",
        row_count=1,
        status=ListExport.Status.DONE,
    )
    list_export.file.save("redovisningar.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    return w
