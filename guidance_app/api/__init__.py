"""The public JSON API (contract section 3). Thin: every answer comes from the core."""

from flask import Blueprint, jsonify

from ..locales import LOCALES

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@bp.get("/locales")
def locales():
    return jsonify({"locales": [
        {"code": loc.code, "name": loc.native_name, "english_name": loc.english_name,
         "dir": loc.direction}
        for loc in LOCALES.values()
    ]})
