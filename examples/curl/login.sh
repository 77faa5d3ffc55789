#!/usr/bin/env bash
# POST /login with curl: a wx.login code and a getPhoneNumber code of the same user in, the user's openid and phone
# number out in one call (WeChat's session_key never leaves the gateway); then the same codes again. Runs against
# the gateway in dev mode (`./mvnw quarkus:dev`), which serves a WeChat simulator.
#
#   GATEWAY_URL            default http://localhost:8080
#   PHONE_GATEWAY_API_KEY  sent as "Authorization: Bearer ..." when set (authentication is off in dev mode)
#
# Expected output (examples/run-all checks it):
#   openid: o6_bmjrPTlm6_2sgVt7hMZOPfL2M phone: +8613800138000
#   again: o6_bmjrPTlm6_2sgVt7hMZOPfL2M +8613800138000 (stored: neither code is exchanged twice)
#   problem: 422 INVALID_LOGIN_CODE retry-same-code: no
set -euo pipefail
GATEWAY_URL=${GATEWAY_URL:-http://localhost:8080}
auth=()
if [ -n "${PHONE_GATEWAY_API_KEY:-}" ]; then
  auth=(-H "Authorization: Bearer $PHONE_GATEWAY_API_KEY")
fi

# The two codes the mini-program gets from wx.login and the getPhoneNumber button; here minted at the simulator.
codes=$(curl -sf -X POST "$GATEWAY_URL/simulator/control/login-codes" -H 'Content-Type: application/json' \
  -d '{"openid":"o6_bmjrPTlm6_2sgVt7hMZOPfL2M","phoneNumber":"13800138000"}')
login_code=$(sed -n 's/.*"loginCode":"\([^"]*\)".*/\1/p' <<<"$codes")
phone_code=$(sed -n 's/.*"phoneCode":"\([^"]*\)".*/\1/p' <<<"$codes")

# login LOGIN_CODE PHONE_CODE: sets status and body from POST /login.
login() {
  local out
  out=$(curl -s -w '\n%{http_code}' -X POST "$GATEWAY_URL/login" "${auth[@]}" -H 'Content-Type: application/json' \
    -H 'X-Request-Id: example-curl-login' -d "{\"loginCode\":\"$1\",\"phoneCode\":\"$2\"}")
  status=${out##*$'\n'}
  body=${out%$'\n'*}
}
field() { # field NAME: a string field of $body (enough here; use jq in real code)
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$body"
}

login "$login_code" "$phone_code"
[ "$status" = 200 ] || { echo "login failed: $status $body" >&2; exit 1; }
echo "openid: $(field openid) phone: $(field e164)"

# A retry with the same codes (say the first answer was lost) gets the same answer from the stored results.
login "$login_code" "$phone_code"
echo "again: $(field openid) $(field e164) (stored: neither code is exchanged twice)"

# A login code WeChat never issued: its own problem code; only 429, 503 and 504 say "send the same codes again".
login "a-login-code-wechat-never-issued" "$phone_code"
case "$status" in 429 | 503 | 504) retry=yes ;; *) retry=no ;; esac
echo "problem: $status $(field code) retry-same-code: $retry"
