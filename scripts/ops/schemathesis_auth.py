"""Bearer auth for scripts/ops/schemathesis.sh: logs in as SCHEMATHESIS_LOGIN ("email:password") at
SCHEMATHESIS_AUTH_URL and logs in again whenever an answer is 401, because operations under test
(POST /api/auth/logout, ending sessions) revoke every token the run held until then."""
import json
import os
import urllib.request

import schemathesis

AUTH_URL = os.environ.get("SCHEMATHESIS_AUTH_URL", "http://127.0.0.1:3001").rstrip("/")


# Access tokens live 15 minutes; a fresh one every 10 keeps a long run authenticated.
@schemathesis.auth(refresh_interval=600)
class LoginToken:
    def get(self, case, context):
        email, _, password = os.environ["SCHEMATHESIS_LOGIN"].partition(":")
        request = urllib.request.Request(
            f"{AUTH_URL}/api/auth/login",
            data=json.dumps({"email": email, "password": password}).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)["accessToken"]

    def set(self, case, data, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
