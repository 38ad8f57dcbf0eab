"""What every page's template reads besides the request itself.

A variable the template engine cannot find costs more than it looks: for a missing
attribute Django lists every attribute of the object (dir()) to tell a failed
lookup from a property that raised. `{{ request.preview }}` and `{{ request.GET.sort }}`
did that on every page (a request has some 200 attributes); these give the same
values without a failed lookup."""

from collections import defaultdict


def page(request):
    return {
        # The object a preview link shows (peaceplatform.views.preview), or None.
        "preview": getattr(request, "preview", None),
        # The query string's values, one per name; a name not given reads as "".
        "asked": defaultdict(str, request.GET.items()),
    }
