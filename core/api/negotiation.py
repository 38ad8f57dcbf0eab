from rest_framework.negotiation import BaseContentNegotiation


class FormatParameter(BaseContentNegotiation):
    """The API speaks JSON, and CSV where a view offers it and `format=csv` asks for it:
    whatever a client sends in Accept, it gets JSON rather than a 406. (The view
    refuses a `format` it does not know, with a 400 that names the choices.)"""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        wanted = request.query_params.get("format")
        renderer = next((r for r in renderers if r.format == wanted), renderers[0])
        return renderer, renderer.media_type
