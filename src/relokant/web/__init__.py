"""The web app and JSON API (``relokant serve``)."""

from relokant.web.app import create_app

__all__ = ["create_app"]
