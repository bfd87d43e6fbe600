#!/usr/bin/env python3
# read-xlsx.py — prints the cells of an XLSX workbook, one per line, for the report's tests:
# "sheet<TAB>cell<TAB>n|s<TAB>value" (n: a number cell, s: a text cell). Standard library only,
# so that the test needs nothing a meson build does not already have.
import re
import sys
import zipfile
from xml.etree import ElementTree

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

def number(text):
    # The shortest form that reads back as the same double: 0.934, not 0.9340000000000001.
    value = float(text)
    return str(int(value)) if value.is_integer() else repr(round(value, 12))


out = open(sys.stdout.fileno(), "w", encoding="utf-8", closefd=False)
with zipfile.ZipFile(sys.argv[1]) as book:
    strings = []
    if "xl/sharedStrings.xml" in book.namelist():
        for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", NS):
            strings.append("".join(t.text or "" for t in item.iter("{%s}t" % NS["m"])))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    for sheet in workbook.find("m:sheets", NS):
        target = targets[sheet.get(REL)]
        data = ElementTree.fromstring(book.read("xl/" + re.sub(r"^/?xl/", "", target)))
        for cell in data.iter("{%s}c" % NS["m"]):
            value = cell.find("m:v", NS)
            if value is None:
                continue
            if cell.get("t") == "s":
                text = strings[int(value.text)].replace("\n", " ")
                out.write("%s\t%s\ts\t%s\n" % (sheet.get("name"), cell.get("r"), text))
            else:
                out.write("%s\t%s\tn\t%s\n" % (sheet.get("name"), cell.get("r"), number(value.text)))
out.flush()
