"""The web app and REST API (웹 화면과 REST API): a thin shell over ``balju.pipeline`` and ``balju.store``.

``create_app(store_url)`` gives a FastAPI app with server-rendered Korean pages (검토 목록, 검토 결과,
올리기) and a JSON API under ``/api``. Each upload is reviewed by the same ``review`` call the CLI
uses, in a worker thread, and saved whole in the store with the uploaded file; reports are written
on the fly from the stored dict. A review's functions can be downloaded, corrected and re-priced
from the kept file (``balju.web.corrections``). No domain logic lives here. Run it with
``balju web`` (see docs/web.md); on a network, with an access token (``balju.web.auth``).
"""

from __future__ import annotations

from balju.web.app import app_from_env, create_app

__all__ = ["app_from_env", "create_app"]
