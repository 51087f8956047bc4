#!/usr/bin/env python3
"""Render HTML files in headless Chromium as a person would see and print
them, over the DevTools protocol on a pipe (python3's standard library
only): one browser for all the files.

    render.py OUT_DIR FILE.html...

For each FILE it writes OUT_DIR/N.pdf (printed on A4, as the page's print
CSS says) and OUT_DIR/N.png (a 1200x1600 screenshot), and prints one JSON
object per line: the file, every network request the page made, console
messages, exceptions and log entries of level error or warning, the
platform fonts that drew the page's <h1>, and how much of the screenshot
is ink (not white) and how much is the report's red.
"""
import base64
import json
import os
import struct
import subprocess
import sys
import tempfile
import urllib.parse
import zlib

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu",
    "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--remote-debugging-pipe",
]


class Browser:
    """Chromium with its DevTools endpoint on fds 3 (commands in) and 4
    (replies and events out), messages separated by NUL."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="plantrack-chromium-")
        to_child, self.out = os.pipe()
        self.inp, from_child = os.pipe()

        def fds():
            # Out of the way first: dup2 onto the same number would keep
            # the close-on-exec flag that os.pipe sets.
            a, b = os.dup(to_child), os.dup(from_child)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            ["chromium"] + CHROMIUM_FLAGS +
            [f"--user-data-dir={self.profile}"],
            preexec_fn=fds, close_fds=False, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child)
        os.close(from_child)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def read_message(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.inp, 1 << 16)
            if not chunk:
                raise SystemExit("render.py: chromium closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, session=None, **params):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        while True:
            m = self.read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise SystemExit(f"render.py: {method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, method, session):
        """The first event `method` of the session, seen or to come."""
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self.read_message())

    def close(self):
        try:
            self.call("Browser.close")
        except SystemExit:
            pass
        self.proc.wait()
        subprocess.run(["rm", "-rf", self.profile])


def png_pixels(data):
    """(width, height, rows of RGB(A) bytes) of an 8-bit non-interlaced
    PNG, the kind Chromium writes."""
    pos, idat, w, h, bpp = 8, b"", 0, 0, 3
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            bpp = 3 if color == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc
                                      else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def ink(png):
    """Shares of the screenshot's pixels that are not white, and that are
    the report's red: the badges of what needs attention (#b3261e) and the
    pale red of the 督办 table's red cells (#f9dcd9), not its yellow."""
    w, h, bpp, rows = png_pixels(png)
    dark = red = 0
    for line in rows:
        for x in range(0, w * bpp, bpp):
            r, g, b = line[x], line[x + 1], line[x + 2]
            if r < 235 or g < 235 or b < 235:
                dark += 1
            if r > g + 25 and r > b + 25 and abs(g - b) < 30:
                red += 1
    total = w * h
    return dark / total, red / total


def render(br, path, out_pdf, out_png):
    target = br.call("Target.createTarget", url="about:blank")["targetId"]
    s = br.call("Target.attachToTarget", targetId=target,
                flatten=True)["sessionId"]
    for domain in ("Page", "Runtime", "Network", "Log", "DOM", "CSS"):
        br.call(f"{domain}.enable", s)
    br.call("Emulation.setDeviceMetricsOverride", s, width=1200, height=1600,
            deviceScaleFactor=1, mobile=False)
    url = "file://" + os.path.abspath(path)
    br.call("Page.navigate", s, url=url)
    br.wait_event("Page.loadEventFired", s)
    br.call("Runtime.evaluate", s, expression="document.fonts.ready",
            awaitPromise=True)
    shot = base64.b64decode(
        br.call("Page.captureScreenshot", s, format="png")["data"])
    with open(out_png, "wb") as f:
        f.write(shot)
    # A quarter-size copy to count ink in (decoded in Python).
    small = base64.b64decode(br.call(
        "Page.captureScreenshot", s, format="png",
        clip={"x": 0, "y": 0, "width": 1200, "height": 1600,
              "scale": 0.25})["data"])
    pdf = br.call("Page.printToPDF", s, printBackground=True,
                  preferCSSPageSize=True, displayHeaderFooter=False,
                  paperWidth=8.27, paperHeight=11.69)["data"]
    with open(out_pdf, "wb") as f:
        f.write(base64.b64decode(pdf))
    root = br.call("DOM.getDocument", s)["root"]["nodeId"]
    h1 = br.call("DOM.querySelector", s, nodeId=root, selector="h1")["nodeId"]
    fonts = br.call("CSS.getPlatformFontsForNode", s, nodeId=h1)["fonts"]
    br.call("Target.closeTarget", targetId=target)
    requests, messages = [], []
    for e in br.events:
        if e.get("sessionId") != s:
            continue
        p = e.get("params", {})
        if e["method"] == "Network.requestWillBeSent":
            requests.append(p["request"]["url"])
        elif e["method"] == "Runtime.consoleAPICalled":
            messages.append(f"console.{p['type']}")
        elif e["method"] == "Runtime.exceptionThrown":
            messages.append(p["exceptionDetails"].get("text", "exception"))
        elif e["method"] == "Log.entryAdded" and \
                p["entry"]["level"] in ("error", "warning"):
            messages.append(f"{p['entry']['level']}: {p['entry']['text']}")
    br.events = [e for e in br.events if e.get("sessionId") != s]
    dark, red = ink(small)
    return {"file": path, "url": url,
            "requests": [u for u in requests
                         if urllib.parse.unquote(u) != url],
            "messages": messages,
            "fonts": {f["familyName"]: f["glyphCount"] for f in fonts},
            "ink": round(dark, 4), "red": round(red, 5)}


def main():
    out_dir, files = sys.argv[1], sys.argv[2:]
    br = Browser()
    try:
        for n, path in enumerate(files, 1):
            r = render(br, path, os.path.join(out_dir, f"{n}.pdf"),
                       os.path.join(out_dir, f"{n}.png"))
            print(json.dumps(r, ensure_ascii=False), flush=True)
    finally:
        br.close()


if __name__ == "__main__":
    main()
