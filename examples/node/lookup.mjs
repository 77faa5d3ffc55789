// POST /phone with Node's built-in fetch (Node 18+): a getPhoneNumber code in, the user's phone number out; then the
// same code again, and a code WeChat does not know. Runs against the gateway in dev mode (`./mvnw quarkus:dev`),
// which serves a WeChat simulator.
//
//   GATEWAY_URL            default http://localhost:8080
//   PHONE_GATEWAY_API_KEY  sent as "Authorization: Bearer ..." when set (authentication is off in dev mode)
//
// Expected output (examples/run-all checks it):
//   phone: +8613800138000 region: CN requestId: example-node
//   again: +8613800138000 (the stored answer: WeChat is not paid twice)
//   problem: 422 INVALID_CODE errcode 40029 retry-same-code: no

const gateway = process.env.GATEWAY_URL ?? 'http://localhost:8080';
const apiKey = process.env.PHONE_GATEWAY_API_KEY;

/** The phone number behind a code, or throws a PhoneGatewayError with the problem's fields. */
async function lookupPhone(code, { appId, requestId } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (requestId) headers['X-Request-Id'] = requestId;
  const answer = await fetch(`${gateway}/phone`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ code, appId }),
    signal: AbortSignal.timeout(8000), // above the gateway's own 5 s deadline
  });
  const body = await answer.json();
  if (!answer.ok) throw new PhoneGatewayError(answer, body);
  return { ...body, requestId: answer.headers.get('X-Request-Id') };
}

class PhoneGatewayError extends Error {
  constructor(answer, problem) {
    super(`${answer.status} ${problem.code}: ${problem.detail}`);
    Object.assign(this, problem); // status, code, errcode, rid, requestId, ...
    // CONTRACT: after 429, 503 or 504 the same code may be sent again (after Retry-After); it is never paid twice.
    this.retryableWithSameCode = answer.status === 503 || answer.status === 504 || answer.status === 429;
    this.retryAfterSeconds = Number(answer.headers.get('Retry-After') ?? 0);
  }
}

// A code as the mini-program's getPhoneNumber button gives it; here minted at the simulator (dev mode only).
const minted = await fetch(`${gateway}/simulator/control/codes`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ phoneNumber: '13800138000' }),
});
const { code } = await minted.json();

const phone = await lookupPhone(code, { requestId: 'example-node' });
console.log(`phone: ${phone.e164} region: ${phone.regionCode} requestId: ${phone.requestId}`);

// A retry with the same code (say the first answer was lost) gets the same answer.
const again = await lookupPhone(code, { requestId: 'example-node' });
console.log(`again: ${again.e164} (the stored answer: WeChat is not paid twice)`);

try {
  await lookupPhone('a-code-wechat-never-issued', { requestId: 'example-node' });
} catch (e) {
  if (!(e instanceof PhoneGatewayError)) throw e;
  console.log(`problem: ${e.status} ${e.code} errcode ${e.errcode} retry-same-code: ${e.retryableWithSameCode ? 'yes' : 'no'}`);
}
