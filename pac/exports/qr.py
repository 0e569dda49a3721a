"""QR codes of the participants' address (segno, no network): SVG for the wall, PNG for print."""

from __future__ import annotations

import io

import segno


def _make(url: str) -> segno.QRCode:
    # Error correction M: survives a projector's glare or a folded card; the URL stays short.
    return segno.make(url, error="m", micro=False)


def qr_svg(
    url: str, scale: float = 10, border: int = 4, dark: str = "#000000", responsive: bool = False
) -> bytes:
    """An SVG QR code (scales cleanly on a projector); white background so that phones read it.

    `responsive` leaves out the fixed size (a viewBox only) so that CSS sets the width.
    """
    out = io.BytesIO()
    _make(url).save(
        out,
        kind="svg",
        scale=scale,
        border=border,
        dark=dark,
        light="#ffffff",
        xmldecl=False,
        svgns=True,
        nl=False,
        omitsize=responsive,
    )
    return out.getvalue()


def qr_png(url: str, scale: int = 8, border: int = 4) -> bytes:
    """A black-on-white PNG QR code, one module = `scale` pixels."""
    out = io.BytesIO()
    _make(url).save(out, kind="png", scale=scale, border=border, dark="#000000", light="#ffffff")
    return out.getvalue()


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of the code, dark = True (for tests and vector drawing)."""
    return [[bool(cell) for cell in row] for row in _make(url).matrix]
