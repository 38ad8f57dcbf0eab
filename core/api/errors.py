"""One error body for every API failure, naming each offending parameter:

{"detail": "2 query parameters need fixing.",
 "errors": [{"parameter": "limit", "message": "limit must be between 0 and 1000."}, …]}
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback


class ParameterError(exceptions.APIException):
    """400 for bad query parameters: {parameter: message} for each."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        count = len(problems)
        summary = (
            "1 query parameter needs fixing."
            if count == 1
            else f"{count} query parameters need fixing."
        )
        super().__init__(summary)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound("Nothing published is found at this address.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None  # a real bug: let Django log it and answer 500
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait)))
    body = {"detail": str(exc.detail) if not isinstance(exc.detail, (list, dict)) else None}
    if isinstance(exc, ParameterError):
        body["errors"] = [
            {"parameter": name, "message": message} for name, message in exc.problems.items()
        ]
    elif isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        # A body's fields (a webhook endpoint): each named, as parameters are.
        body["detail"] = f"{len(exc.detail)} field(s) of the body need fixing."
        body["errors"] = [
            {"parameter": name, "message": f"{name}: {flat_messages(messages)}"}
            for name, messages in exc.detail.items()
        ]
    elif isinstance(exc.detail, (list, dict)):
        body["detail"] = "The request could not be used."
        body["errors"] = [{"parameter": None, "message": str(exc.detail)}]
    else:
        body["errors"] = []
    if getattr(exc, "last", None):  # an offset past the end (core/api/pagination.py)
        body["last"] = exc.last
    set_rollback()
    return Response(body, status=exc.status_code, headers=headers)


def flat_messages(messages) -> str:
    """A field's messages in one line: DRF nests them (a list's item: {0: [...]})."""
    if isinstance(messages, dict):
        return " ".join(f"item {key}: {flat_messages(value)}" for key, value in messages.items())
    if isinstance(messages, list):
        return " ".join(flat_messages(message) for message in messages)
    return str(messages)
