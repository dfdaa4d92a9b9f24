"""Page weight: each page's HTML plus the CSS and JavaScript it loads (modules it imports too),
as a browser that accepts Brotli receives them, stays under 150 KB, and nothing comes from
another host (see also tests/security/test_protections.py)."""

from __future__ import annotations

import re

import pytest

from .test_every_page_translated import PAGES, answered_client

LIMIT = 150 * 1024
ASSET = re.compile(r"""<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="(/static/[^"]+)""")
IMPORT = re.compile(r"""import\s[^;]*?from\s+["']\./([^"']+)["']""")


def transferred(client, path: str) -> int:
    response = client.get(path, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200, path
    return len(response.data)


def page_weight(client, url: str) -> tuple[int, list[str]]:
    page = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    body = page.get_data(as_text=True)
    assets = ASSET.findall(body)
    queue, seen = list(assets), set()
    while queue:
        asset = queue.pop()
        if asset in seen:
            continue
        seen.add(asset)
        if asset.endswith(".js"):
            source = client.get(asset).get_data(as_text=True)
            folder = asset.rsplit("/", 1)[0]
            queue += [f"{folder}/{name}" for name in IMPORT.findall(source)]
    return len(page.data) + sum(transferred(client, asset) for asset in seen), sorted(seen)


@pytest.mark.parametrize("code", ["en", "ar"])
def test_every_page_weighs_under_150_kb(code, tmp_path):
    client = answered_client(code, tmp_path)
    weights = {}
    for path in PAGES + ["/questions/local_authority"]:
        weight, assets = page_weight(client, f"/{code}{path}")
        assert any(asset.endswith(".css") for asset in assets) and any(a.endswith("init.js") for a in assets)
        weights[path] = weight
    heaviest = max(weights, key=weights.get)
    print(f"\n{code}: heaviest page {heaviest} {weights[heaviest] / 1024:.0f} KB; "
          f"median {sorted(weights.values())[len(weights) // 2] / 1024:.0f} KB")
    assert {path: weight for path, weight in weights.items() if weight >= LIMIT} == {}


def test_static_files_are_sent_compressed_with_the_security_headers(client):
    response = client.get("/static/css/app.css", headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br" and "max-age" in response.headers["Cache-Control"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert len(response.data) < len(client.get("/static/css/app.css").data) / 4
