#!/usr/bin/env python3
# POST /phone with Python's standard library: a getPhoneNumber code in, the user's phone number out; then the same
# code again, and a code WeChat does not know. Runs against the gateway in dev mode (`./mvnw quarkus:dev`), which
# serves a WeChat simulator.
#
#   GATEWAY_URL            default http://localhost:8080
#   PHONE_GATEWAY_API_KEY  sent as "Authorization: Bearer ..." when set (authentication is off in dev mode)
#
# Expected output (examples/run-all checks it):
#   phone: +8613800138000 region: CN requestId: example-python
#   again: +8613800138000 (the stored answer: WeChat is not paid twice)
#   problem: 422 INVALID_CODE errcode 40029 retry-same-code: no
import json
import os
import urllib.error
import urllib.request

GATEWAY = os.environ.get("GATEWAY_URL", "http://localhost:8080")
API_KEY = os.environ.get("PHONE_GATEWAY_API_KEY")


class PhoneGatewayError(Exception):
    """A problem answer of the gateway: status, code, errcode, rid, requestId, ... as its fields."""

    def __init__(self, status, problem, retry_after):
        super().__init__(f"{status} {problem.get('code')}: {problem.get('detail')}")
        self.status = status
        self.problem = problem
        self.code = problem.get("code")
        self.errcode = problem.get("errcode")
        # CONTRACT: after 429, 503 or 504 the same code may be sent again (after Retry-After); it is never paid twice.
        self.retryable_with_same_code = status in (429, 503, 504)
        self.retry_after_seconds = int(retry_after or 0)


def post_json(path, body, headers=None):
    request = urllib.request.Request(GATEWAY + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    return urllib.request.urlopen(request, timeout=8)  # above the gateway's own 5 s deadline


def lookup_phone(code, app_id=None, request_id=None):
    headers = {}
    if API_KEY:
        headers["Authorization"] = "Bearer " + API_KEY
    if request_id:
        headers["X-Request-Id"] = request_id
    body = {"code": code}
    if app_id:
        body["appId"] = app_id
    try:
        with post_json("/phone", body, headers) as answer:
            phone = json.load(answer)
            phone["requestId"] = answer.headers["X-Request-Id"]
            return phone
    except urllib.error.HTTPError as e:
        raise PhoneGatewayError(e.code, json.load(e), e.headers.get("Retry-After")) from None


# A code as the mini-program's getPhoneNumber button gives it; here minted at the simulator (dev mode only).
with post_json("/simulator/control/codes", {"phoneNumber": "13800138000"}) as minted:
    code = json.load(minted)["code"]

phone = lookup_phone(code, request_id="example-python")
print(f"phone: {phone['e164']} region: {phone['regionCode']} requestId: {phone['requestId']}")

# A retry with the same code (say the first answer was lost) gets the same answer.
again = lookup_phone(code, request_id="example-python")
print(f"again: {again['e164']} (the stored answer: WeChat is not paid twice)")

try:
    lookup_phone("a-code-wechat-never-issued", request_id="example-python")
except PhoneGatewayError as e:
    print(f"problem: {e.status} {e.code} errcode {e.errcode} retry-same-code: {'yes' if e.retryable_with_same_code else 'no'}")
