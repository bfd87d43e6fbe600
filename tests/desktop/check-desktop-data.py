#!/usr/bin/env python3
"""check-desktop-data.py SOURCE_ROOT DESKTOP_FILE METAINFO_FILE VERSION

What the validators cannot see because it spans files: the desktop file, the metainfo, the
icons and the screenshots must name one another the same way, or software centres show a
generic icon, a dead screenshot or a stale release, and the shell cannot match the running
window to its launcher. Checks, each printed as "ok"/"not ok":

- the metainfo's launchable names the desktop file, and its id is the desktop file's id;
- Exec runs a program the metainfo provides;
- Icon names an app icon that exists, with its symbolic form, as square SVGs; the symbolic one
  is drawn on a 16×16 grid in a single colour (GNOME recolours it);
- every screenshot URL names a file in data/screenshots whose size matches the declared one;
- the newest release is the project's version (a version bump needs its release entry).
"""

import configparser
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
failures = 0


def check(ok, message):
    global failures
    print(("ok: " if ok else "not ok: ") + message)
    if not ok:
        failures += 1


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    if header[:8] != b"\x89PNG\r\n\x1a\n" or header[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", header[16:24])


def svg_colours(root):
    """Every colour an SVG paints with, from fill/stroke attributes and style properties."""
    colours = set()
    for element in root.iter():
        props = dict(element.attrib)
        for decl in props.get("style", "").split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                props[name.strip()] = value.strip()
        for name in ("fill", "stroke", "stop-color"):
            value = props.get(name)
            if value is not None and value not in ("none", "currentColor"):
                colours.add(value.lower())
        if element.tag == SVG + "path" and "fill" not in props:
            colours.add("#000000")  # the default fill
    return colours


def check_icon(path, symbolic):
    if not os.path.isfile(path):
        check(False, "icon %s exists" % path)
        return
    root = ET.parse(path).getroot()
    box = [float(v) for v in root.get("viewBox", "").replace(",", " ").split()]
    check(root.tag == SVG + "svg" and len(box) == 4 and box[2] == box[3] and box[2] > 0,
          "%s is an SVG with a square viewBox %s" % (os.path.basename(path), box))
    raster = [e for e in root.iter() if e.tag == SVG + "image"]
    check(not raster, "%s draws vectors only (no embedded images)" % os.path.basename(path))
    if symbolic:
        check(box == [0, 0, 16, 16], "symbolic icon is drawn on the 16×16 grid")
        gradients = [e for e in root.iter() if e.tag in (SVG + "linearGradient", SVG + "radialGradient")]
        colours = svg_colours(root)
        check(not gradients and len(colours) <= 1,
              "symbolic icon uses a single flat colour (found %s)" % (sorted(colours) or "none"))


def main():
    if len(sys.argv) != 5:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    srcdir, desktop_path, metainfo_path, version = sys.argv[1:]

    desktop = configparser.RawConfigParser(interpolation=None, strict=False)
    desktop.optionxform = str  # keys are case-sensitive
    desktop.read(desktop_path, encoding="utf-8")
    entry = desktop["Desktop Entry"]
    desktop_id = os.path.basename(desktop_path)

    component = ET.parse(metainfo_path).getroot()
    component_id = component.findtext("id")
    launchables = [l.text for l in component.findall("launchable[@type='desktop-id']")]
    check(launchables == [desktop_id], "metainfo launchable %s is %s" % (launchables, desktop_id))
    check(component_id + ".desktop" == desktop_id,
          "metainfo id %s matches the desktop file %s" % (component_id, desktop_id))

    binaries = [b.text for b in component.findall("provides/binary")]
    program = entry.get("Exec", "").split()[0] if entry.get("Exec") else None
    check(program in binaries, "Exec program %s is one the metainfo provides %s" % (program, binaries))

    icon = entry.get("Icon", "")
    check(icon == component_id, "Icon %s is the app id" % icon)
    icons = os.path.join(srcdir, "data", "icons", "hicolor")
    check_icon(os.path.join(icons, "scalable", "apps", icon + ".svg"), symbolic=False)
    check_icon(os.path.join(icons, "symbolic", "apps", icon + "-symbolic.svg"), symbolic=True)

    images = component.findall("screenshots/screenshot/image")
    check(len(images) > 0, "metainfo has screenshots")
    for image in images:
        url = (image.text or "").strip()
        name = url.rsplit("/", 1)[-1]
        path = os.path.join(srcdir, "data", "screenshots", name)
        if not os.path.isfile(path):
            check(False, "screenshot %s is data/screenshots/%s" % (url, name))
            continue
        size = png_size(path)
        declared = (int(image.get("width", 0)), int(image.get("height", 0)))
        check(size == declared, "screenshot %s is %s pixels as declared %s" % (name, size, declared))

    releases = component.findall("releases/release")
    newest = releases[0].get("version") if releases else None
    check(newest == version, "newest release %s is the project version %s" % (newest, version))
    check(bool(releases) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", "")) is not None,
          "newest release has a date")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
