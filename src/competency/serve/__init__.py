"""``competency serve``: the command line's JSON answers over HTTP (the ``serve`` extra).

Starlette on uvicorn: :func:`create_app` builds the application from a :class:`Service`
(the catalogues with any overlays, the body limit); :mod:`competency.serve.openapi`
describes it.
"""

from competency.serve.app import DEFAULT_MAX_BODY, Service, create_app

__all__ = ["DEFAULT_MAX_BODY", "Service", "create_app"]
