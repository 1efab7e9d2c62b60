"""Signing in and out: the session cookie that lets a browser write."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from relokant.web.context import WebContext
from relokant.web.security import SESSION_COOKIE


def router(web: WebContext) -> APIRouter:
    """The session's page routes."""
    pages = APIRouter(include_in_schema=False)

    @pages.get("/login", response_class=HTMLResponse)
    def page_login(request: Request) -> Response:
        return web.page(request, "login.html", {})

    @pages.post("/login")
    def form_login(token: Annotated[str, Form(max_length=500)]) -> Response:
        session = web.guard.new_session(token)
        response = RedirectResponse("/review", status_code=303)
        response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict",
                            max_age=12 * 3600)
        return response

    @pages.post("/logout")
    def form_logout() -> Response:
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE)
        return response

    return pages
