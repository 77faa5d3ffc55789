#!/usr/bin/env bash
# POST /phone with curl: a getPhoneNumber code in, the user's phone number out; then the same code again, and a code
# WeChat does not know. Runs against the gateway in dev mode (`./mvnw quarkus:dev`), which serves a WeChat simulator.
#
#   GATEWAY_URL            default http://localhost:8080
#   PHONE_GATEWAY_API_KEY  sent as "Authorization: Bearer ..." when set (authentication is off in dev mode)
#
# Expected output (examples/run-all checks it):
#   phone: +8613800138000 region: CN requestId: example-curl
#   again: +8613800138000 (the stored answer: WeChat is not paid twice)
#   problem: 422 INVALID_CODE errcode 40029 retry-same-code: no
set -euo pipefail
GATEWAY_URL=${GATEWAY_URL:-http://localhost:8080}
auth=()
if [ -n "${PHONE_GATEWAY_API_KEY:-}" ]; then
  auth=(-H "Authorization: Bearer $PHONE_GATEWAY_API_KEY")
fi

# A code as the mini-program's getPhoneNumber button gives it; here minted at the simulator (dev mode only).
code=$(curl -sf -X POST "$GATEWAY_URL/simulator/control/codes" -H 'Content-Type: application/json' \
  -d '{"phoneNumber":"13800138000"}' | sed -n 's/.*"code":"\([^"]*\)".*/\1/p')

# lookup CODE: sets status, body and request_id from POST /phone.
lookup() {
  local headers
  headers=$(mktemp)
  body=$(curl -s -D "$headers" -X POST "$GATEWAY_URL/phone" "${auth[@]}" \
    -H 'Content-Type: application/json' -H 'X-Request-Id: example-curl' -d "{\"code\":\"$1\"}")
  status=$(sed -n '1s/^HTTP\/[0-9.]* \([0-9]*\).*/\1/p' "$headers")
  request_id=$(sed -n 's/^[Xx]-[Rr]equest-[Ii]d: *\([^[:space:]]*\).*/\1/p' "$headers")
  rm -f "$headers"
}
field() { # field NAME: a string or number field of $body (enough for these flat answers; use jq in real code)
  sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" <<<"$body"
}

lookup "$code"
[ "$status" = 200 ] || { echo "lookup failed: $status $body" >&2; exit 1; }
echo "phone: $(field e164) region: $(field regionCode) requestId: $request_id"

# A retry with the same code (say the first answer was lost) gets the same answer.
lookup "$code"
echo "again: $(field e164) (the stored answer: WeChat is not paid twice)"

# Problems are application/problem+json; branch on "code". After 429, 503 or 504 the same code may be sent again.
lookup "a-code-wechat-never-issued"
case "$status" in 429 | 503 | 504) retry=yes ;; *) retry=no ;; esac
echo "problem: $status $(field code) errcode $(field errcode) retry-same-code: $retry"
