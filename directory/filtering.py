"""Shared by every list page (and, later, the API): strict filters, facets whose
counts honour every other active filter, and pagination that explains bad input."""

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count

PER_PAGE = 20


def form_errors(filterset) -> str:
    """One readable sentence per bad parameter, naming it."""
    messages = []
    for field, errors in filterset.form.errors.items():
        for error in errors:
            messages.append(f"{field}: {error}")
    return " ".join(messages)


def filtered_or_400(filterset):
    if not filterset.is_valid():
        raise BadRequest(f"Some filters could not be used. {form_errors(filterset)}")
    return filterset.qs


def paginate(request, queryset, per_page: int = PER_PAGE):
    paginator = Paginator(queryset, per_page)
    number = request.GET.get("page", "1")
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise BadRequest(f"page must be a whole number, not {number[:20]!r}.") from None
    except EmptyPage:
        raise BadRequest(
            f"page must be between 1 and {paginator.num_pages}; {number[:20]} is past the end."
        ) from None


class Facet:
    """Counts of matching rows per value of one filter, computed with every *other*
    active filter applied, so a visitor sees what each choice would give them."""

    def __init__(self, name: str, label: str):
        self.name = name
        self.label = label

    def counts(self, ids) -> list[tuple[str, str, int]]:
        """(value, label, count) for the rows whose ids are given, largest first."""
        raise NotImplementedError


class FieldFacet(Facet):
    def __init__(self, name, label, model, value_path, label_path=None, choices=None):
        super().__init__(name, label)
        self.model = model
        self.value_path = value_path
        self.label_path = label_path
        self.choices = dict(choices or {})
        self.id_path = "pk"

    def rows(self, ids):
        return self.model.objects.filter(**{f"{self.id_path}__in": ids})

    def counts(self, ids):
        paths = [self.value_path] + ([self.label_path] if self.label_path else [])
        rows = (
            self.rows(ids)
            .exclude(**{f"{self.value_path}__isnull": True})
            .values(*paths)
            .annotate(n=Count(self.id_path, distinct=True))
            .order_by("-n", self.value_path)
        )
        result = []
        for row in rows:
            value = row[self.value_path]
            label = row[self.label_path] if self.label_path else self.choices.get(value, value)
            result.append((str(value), str(label), row["n"]))
        return result


class ThroughFacet(FieldFacet):
    """A many-to-many facet counted on the link table, without joining the main table."""

    def __init__(self, name, label, through, id_path, value_path, label_path):
        super().__init__(name, label, through, value_path, label_path)
        self.id_path = id_path


class FacetedFilterSetMixin:
    facets: list[Facet] = []

    def queryset_without(self, name: str):
        """The rows every active filter but `name` lets through, from the values the
        form already cleaned: no second validation (and its queries) per facet."""
        queryset = self.queryset.all()
        for filter_name, value in self.form.cleaned_data.items():
            if filter_name != name:
                queryset = self.filters[filter_name].filter(queryset, value)
        return queryset

    def facet_counts(self) -> list[dict]:
        """One query per facet."""
        results = []
        for facet in self.facets:
            ids = self.queryset_without(facet.name).order_by().values("pk")
            selected = (
                set(self.data.getlist(facet.name)) if hasattr(self.data, "getlist") else set()
            )
            results.append(
                {
                    "name": facet.name,
                    "label": facet.label,
                    "values": [
                        {"value": v, "label": label, "count": n, "selected": v in selected}
                        for v, label, n in facet.counts(ids)
                    ],
                }
            )
        return results
