#!/usr/bin/env python3
"""Turn a `tmux capture-pane -e -p` capture into a standalone HTML page.

Only the SGR codes tmux emits are handled: reset, bold, dim, italic,
underline, reverse, the 16 named colours, 256-colour and true colour.
Standard library only; see assets/README.md for how it is used.

    python3 assets/ansi2html.py < capture.ans > capture.html
"""

import html
import re
import sys

# VS Code's dark terminal palette: readable blue on a dark background.
PALETTE = [
    "#000000", "#cd3131", "#0dbc79", "#e5e510",
    "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543",
    "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
]
FG, BG = "#d4d4d4", "#1e1e1e"

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>demarche</title><style>
body {{ margin: 0; padding: 12px 14px; background: {bg}; }}
pre {{ margin: 0; color: {fg}; font-family: 'DejaVu Sans Mono', monospace;
      font-size: 16px; line-height: 1.15; }}
</style></head><body><pre>{body}</pre></body></html>
"""


def colour_256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        r, g, b = steps[n // 36], steps[(n // 6) % 6], steps[n % 6]
        return f"#{r:02x}{g:02x}{b:02x}"
    v = 8 + 10 * (n - 232)
    return f"#{v:02x}{v:02x}{v:02x}"


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.italic = self.underline = self.reverse = False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 3:
                self.italic = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 23:
                self.italic = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 39:
                self.fg = None
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 1 < len(codes):
                if codes[i + 1] == 5 and i + 2 < len(codes):
                    colour = colour_256(codes[i + 2])
                    i += 2
                elif codes[i + 1] == 2 and i + 4 < len(codes):
                    colour = "#{:02x}{:02x}{:02x}".format(*codes[i + 2 : i + 5])
                    i += 4
                else:
                    colour = None
                if c == 38:
                    self.fg = colour
                else:
                    self.bg = colour
            i += 1

    def css(self):
        fg, bg = self.fg, self.bg
        if self.reverse:
            fg, bg = bg or BG, fg or FG
        out = []
        if fg:
            out.append(f"color:{fg}")
        if bg:
            out.append(f"background:{bg}")
        if self.bold:
            out.append("font-weight:bold")
        if self.dim:
            out.append("opacity:0.6")
        if self.italic:
            out.append("font-style:italic")
        if self.underline:
            out.append("text-decoration:underline")
        return ";".join(out)


def convert(text):
    style = Style()
    parts = []
    for token in re.split(r"(\x1b\[[0-9;]*m)", text):
        if token.startswith("\x1b["):
            style.apply(token[2:-1])
        elif token:
            css = style.css()
            body = html.escape(token, quote=False)
            parts.append(f'<span style="{css}">{body}</span>' if css else body)
    return PAGE.format(bg=BG, fg=FG, body="".join(parts).rstrip("\n"))


if __name__ == "__main__":
    sys.stdout.write(convert(sys.stdin.read()))
