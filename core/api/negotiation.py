from rest_framework.negotiation import BaseContentNegotiation


class JSONOnly(BaseContentNegotiation):
    """The API speaks JSON (and CSV, on request with `format=csv`): whatever a client
    sends in Accept, it gets JSON rather than a 406."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        renderer = renderers[0]
        return renderer, renderer.media_type
