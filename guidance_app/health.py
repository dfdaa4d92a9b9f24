"""`/healthz`: is the app up and can it reach its database? For load balancers and monitors."""

from flask import Blueprint, jsonify

from .database import database_problem, engine

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    problem = database_problem(engine())
    body = {"status": "ok" if problem is None else "unavailable",
            "app": "ok",
            "database": "ok" if problem is None else "unreachable"}
    response = jsonify(body)
    response.status_code = 200 if problem is None else 503
    response.headers["Cache-Control"] = "no-store"
    return response
