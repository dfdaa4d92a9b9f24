"""The key dates as an iCalendar (.ics) file a parent can add to their phone's calendar.

Written by hand rather than with a library: the format for all-day events is small and
fixed (RFC 5545), and every text value is escaped here.
"""

from __future__ import annotations

import datetime as dt
import hashlib


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", ""))


def _fold(line: str) -> list[str]:
    """Lines longer than 75 bytes continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode("utf-8")) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return out


def deadlines_ics(deadlines: list[dict], service_name: str, now: dt.datetime) -> str:
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//School exclusion help//Key dates//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for deadline in deadlines:
        day = dt.date.fromisoformat(deadline["date"])
        uid = hashlib.sha256(f"{deadline['id']}:{deadline['date']}".encode()).hexdigest()[:24]
        description = f"{deadline['explanation']}\n\n{deadline['assumptions']}"
        lines += ["BEGIN:VEVENT", f"UID:{uid}@school-exclusion-help", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_escape(deadline['title'])}", f"DESCRIPTION:{_escape(description)}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"
