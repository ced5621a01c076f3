// Runs the worker's OAuth 2.0 and OpenID Connect flows through oauth4webapi,
// a strict, OpenID-certified client: discovery (RFC 8414, OIDC Discovery),
// the authorization code grant with PKCE and a nonce for the confidential
// demo client and for a public client registered by RFC 7591, refresh,
// userinfo, introspection (RFC 7662), revocation (RFC 7009) and client
// credentials. The consent page is answered over HTTP, as a browser would
// submit its form.
//
// Usage: node oauth4webapi-flows.mjs <issuer> <username> <password> <demo client secret>
// Prints one JSON line per step: {"step", "ok", "error"?}.
import * as oauth from "oauth4webapi";

const [issuerArg, username, password, demoSecret] = process.argv.slice(2);
const issuer = new URL(issuerArg);

// The worker under test listens on loopback http, which oauth4webapi refuses
// unless allowInsecureRequests is set. It is the one option relaxed here, and
// it relaxes only the https requirement: every other check keeps its default.
const http = { [oauth.allowInsecureRequests]: true };

const AUDIENCE = "authlab"; // the aud of the worker's access tokens

function describe(err) {
  const parts = [err.name, err.code, err.message];
  if (err.error) parts.push(`error=${err.error}`, err.error_description ?? "");
  if (err.status) parts.push(`status=${err.status}`);
  const c = err.cause;
  if (c && typeof c === "object" && !(c instanceof URLSearchParams)) {
    if (c.claim) parts.push(`claim=${c.claim} expected=${JSON.stringify(c.expected)} got=${JSON.stringify(c.claims?.[c.claim])}`);
    if (c.attribute) parts.push(`attribute=${c.attribute}`);
    if (Array.isArray(c)) parts.push(JSON.stringify(c));
  }
  return parts.filter(Boolean).join(" ");
}

// step runs fn, prints whether it passed, and returns its value (undefined
// when it failed).
async function step(name, fn) {
  try {
    const v = await fn();
    console.log(JSON.stringify({ step: name, ok: true }));
    return v;
  } catch (err) {
    console.log(JSON.stringify({ step: name, ok: false, error: describe(err) }));
    return undefined;
  }
}

// need returns what an earlier step produced, or fails the current one.
function need(value, from) {
  if (value === undefined) throw new Error(`not run: step "${from}" failed`);
  return value;
}

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

// refused runs fn and passes when oauth4webapi rejects with code (and, for
// a response body error, the OAuth error code).
async function refused(fn, code, oauthError) {
  try {
    await fn();
  } catch (err) {
    check(err.code === code, `rejected with ${describe(err)}, want ${code}`);
    if (oauthError) check(err.error === oauthError, `rejected with error=${err.error}, want ${oauthError}`);
    return;
  }
  throw new Error(`accepted, want a ${code} rejection`);
}

// consentForm reads the consent page's form: its action and hidden fields.
function consentForm(html) {
  const unescape = (s) =>
    s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const action = html.match(/<form method="post" action="([^"]*)"/)?.[1];
  check(action, "the consent page has no POST form");
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.set(unescape(m[1]), unescape(m[2]));
  }
  return { action: unescape(action), fields };
}

// consent plays the user agent: it loads the consent page, then submits its
// form with the account's credentials and "approve", and returns the
// redirect it is answered with.
async function consent(authURL) {
  const page = await fetch(authURL, { redirect: "manual" });
  const html = await page.text();
  check(page.status === 200, `consent page: ${page.status} ${html.slice(0, 200)}`);
  const { action, fields: form } = consentForm(html);
  check(form.get("client_id"), "the consent page carries no client_id");
  form.set("username", username);
  form.set("password", password);
  form.set("decision", "approve");
  const res = await fetch(new URL(action, authURL), {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: issuer.origin },
    body: form,
  });
  check(res.status === 303, `consent decision: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return new URL(res.headers.get("location"));
}

async function discover(algorithm) {
  const res = await oauth.discoveryRequest(issuer, { algorithm, ...http });
  return oauth.processDiscoveryResponse(issuer, res);
}

function bearerRequest(token) {
  return new Request(new URL("/api/protected", issuer), { headers: { authorization: `Bearer ${token}` } });
}

// codeFlow runs the authorization code grant with PKCE and a nonce, then the
// token's life: userinfo, introspection, refresh and revocation. introspector
// is the confidential client that asks about tokens a public client holds.
async function codeFlow(p, as, client, auth, redirectURI, introspector) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();

  const redirect = await step(`${p}/consent`, async () => {
    const u = new URL(as.authorization_endpoint);
    u.search = new URLSearchParams({
      client_id: client.client_id, redirect_uri: redirectURI, response_type: "code", scope: "openid profile",
      state, nonce, code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256",
    });
    return consent(u);
  });

  const params = await step(`${p}/authorization response`, () =>
    oauth.validateAuthResponse(as, client, need(redirect, `${p}/consent`), state));
  await step(`${p}/authorization response with another state is refused`, () => {
    const u = new URL(need(redirect, `${p}/consent`));
    return refused(() => oauth.validateAuthResponse(as, client, u, oauth.generateRandomState()), oauth.INVALID_RESPONSE);
  });
  await step(`${p}/authorization response without iss is refused`, () => {
    const u = new URL(need(redirect, `${p}/consent`));
    u.searchParams.delete("iss");
    return refused(() => oauth.validateAuthResponse(as, client, u, state), oauth.INVALID_RESPONSE);
  });
  await step(`${p}/authorization response from another issuer is refused`, () => {
    const u = new URL(need(redirect, `${p}/consent`));
    u.searchParams.set("iss", "https://evil.example");
    return refused(() => oauth.validateAuthResponse(as, client, u, state), oauth.INVALID_RESPONSE);
  });

  const code = await step(`${p}/code exchange`, async () => {
    const res = await oauth.authorizationCodeGrantRequest(as, client, auth, need(params, `${p}/authorization response`),
      redirectURI, verifier, http);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    check(typeof claims.auth_time === "number", `ID token auth_time: ${claims.auth_time}`);
    check(claims.preferred_username === username, `ID token preferred_username: ${claims.preferred_username}`);
    check(tokens.refresh_token, "no refresh_token");
    return { tokens, claims, res };
  });
  await step(`${p}/ID token signature`, () => oauth.validateApplicationLevelSignature(as, need(code, `${p}/code exchange`).res, http));
  const tokens = code?.tokens;
  const X = `${p}/code exchange`;
  const [ic, iauth] = introspector ?? [client, auth];

  await step(`${p}/access token is an RFC 9068 JWT`, async () => {
    const claims = await oauth.validateJwtAccessToken(as, bearerRequest(need(tokens, X).access_token), AUDIENCE, http);
    check(claims.client_id === client.client_id, `client_id ${claims.client_id}, want ${client.client_id}`);
    check(claims.sub === code.claims.sub, `sub ${claims.sub}, the ID token's ${code.claims.sub}`);
  });
  await step(`${p}/userinfo`, async () => {
    const res = await oauth.userInfoRequest(as, client, need(tokens, X).access_token, http);
    const info = await oauth.processUserInfoResponse(as, client, code.claims.sub, res);
    check(info.preferred_username === username, `preferred_username ${info.preferred_username}`);
  });
  await step(`${p}/introspection of the access token`, async () => {
    const res = await oauth.introspectionRequest(as, ic, iauth, need(tokens, X).access_token, http);
    const got = await oauth.processIntrospectionResponse(as, ic, res);
    check(got.active === true && got.sub === code.claims.sub && got.client_id === client.client_id, JSON.stringify(got));
  });
  if (introspector) {
    await step(`${p}/introspection by a public client is refused (RFC 7662 §2.1)`, async () => {
      const res = await oauth.introspectionRequest(as, client, auth, need(tokens, X).access_token, http);
      await refused(() => oauth.processIntrospectionResponse(as, client, res), oauth.RESPONSE_BODY_ERROR, "invalid_client");
    });
    await step(`${p}/another client cannot revoke the token (RFC 7009 §2.1)`, async () => {
      const res = await oauth.revocationRequest(as, ic, iauth, need(tokens, X).access_token, http);
      await oauth.processRevocationResponse(res).catch(() => {}); // refused or ignored, either way without effect
      const info = await oauth.processUserInfoResponse(as, client, code.claims.sub,
        await oauth.userInfoRequest(as, client, tokens.access_token, http));
      check(info.sub === code.claims.sub, `userinfo sub ${info.sub}`);
    });
  } else {
    await step(`${p}/introspection of the refresh token`, async () => {
      const res = await oauth.introspectionRequest(as, client, auth, need(tokens, X).refresh_token, http);
      const got = await oauth.processIntrospectionResponse(as, client, res);
      check(got.active === true && got.client_id === client.client_id && got.sub === code.claims.sub, JSON.stringify(got));
    });
  }

  // OIDC Core §12.2: a refreshed ID token keeps the original auth_time. The
  // refresh waits for the next second, so that a refresh time differs.
  const refreshed = await step(`${p}/refresh`, async () => {
    const first = need(tokens, X);
    while (Date.now() / 1000 < code.claims.auth_time + 1.05) await new Promise((ok) => setTimeout(ok, 100));
    const res = await oauth.refreshTokenGrantRequest(as, client, auth, first.refresh_token, http);
    const t = await oauth.processRefreshTokenResponse(as, client, res);
    check(t.access_token !== first.access_token, "the access token was not renewed");
    check(t.refresh_token && t.refresh_token !== first.refresh_token, "the refresh token was not rotated");
    return t;
  });
  await step(`${p}/ID token from a refresh keeps the original authentication (OIDC Core §12.2)`, () => {
    const c = oauth.getValidatedIdTokenClaims(need(refreshed, `${p}/refresh`));
    check(c, "the refresh response has no ID token");
    for (const k of ["iss", "sub", "aud", "azp", "auth_time"]) {
      const [got, want] = [JSON.stringify(c[k]), JSON.stringify(code.claims[k])];
      check(got === want, `${k} is ${got}, the original ID token's ${want}`);
    }
  });
  if (!introspector) {
    await step(`${p}/the rotated refresh token is inactive`, async () => {
      const res = await oauth.introspectionRequest(as, client, auth, need(tokens, X).refresh_token, http);
      const got = await oauth.processIntrospectionResponse(as, client, res);
      check(got.active === false && need(refreshed, `${p}/refresh`), JSON.stringify(got));
    });
  }

  await step(`${p}/revocation of the access token`, async () => {
    const t = need(refreshed, `${p}/refresh`);
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, t.access_token, http));
    const res = await oauth.userInfoRequest(as, client, t.access_token, http);
    await refused(() => oauth.processUserInfoResponse(as, client, code.claims.sub, res), oauth.WWW_AUTHENTICATE_CHALLENGE);
  });
  await step(`${p}/revocation of the refresh token`, async () => {
    const t = need(refreshed, `${p}/refresh`);
    await oauth.processRevocationResponse(await oauth.revocationRequest(as, client, auth, t.refresh_token, http));
    const res = await oauth.refreshTokenGrantRequest(as, client, auth, t.refresh_token, http);
    await refused(() => oauth.processRefreshTokenResponse(as, client, res), oauth.RESPONSE_BODY_ERROR, "invalid_grant");
  });
  await step(`${p}/code replay is refused`, async () => {
    const res = await oauth.authorizationCodeGrantRequest(as, client, auth, need(params, `${p}/authorization response`),
      redirectURI, verifier, http);
    await refused(() => oauth.processAuthorizationCodeResponse(as, client, res, { expectedNonce: nonce, requireIdToken: true }),
      oauth.RESPONSE_BODY_ERROR, "invalid_grant");
  });
}

// register is dynamic client registration (RFC 7591 §3) of a public client.
async function register(as, redirectURI) {
  const res = await fetch(as.registration_endpoint, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_name: "oauth4webapi e2e", redirect_uris: [redirectURI], response_types: ["code"],
      grant_types: ["authorization_code", "refresh_token"], token_endpoint_auth_method: "none",
    }),
  });
  const body = await res.json();
  check(res.status === 201 && typeof body.client_id === "string" && body.client_secret === undefined,
    `registration: ${res.status} ${JSON.stringify(body)}`);
  return { client_id: body.client_id, token_endpoint_auth_method: "none" };
}

async function clientCredentials(as, client, auth) {
  const cc = await step("demo/client credentials", async () => {
    const res = await oauth.clientCredentialsGrantRequest(as, client, auth, { scope: "api" }, http);
    const t = await oauth.processClientCredentialsResponse(as, client, res);
    check(t.refresh_token === undefined, "a refresh_token came with client credentials (RFC 6749 §4.4.3)");
    check(t.scope === "api", `scope ${t.scope}`);
    const api = await oauth.protectedResourceRequest(t.access_token, "GET", new URL("/api/protected", issuer), undefined, undefined, http);
    const body = await api.json();
    check(api.status === 200 && body.sub === client.client_id, `/api/protected: ${api.status} ${JSON.stringify(body)}`);
    return t;
  });
  await step("demo/client credentials token is an RFC 9068 JWT", async () => {
    const claims = await oauth.validateJwtAccessToken(as, bearerRequest(need(cc, "demo/client credentials").access_token), AUDIENCE, http);
    check(claims.client_id === client.client_id && claims.sub === client.client_id, JSON.stringify(claims));
  });
}

const as = await step("discovery (OpenID Connect)", async () => {
  const as = await discover("oidc");
  check(as.authorization_response_iss_parameter_supported === true, "authorization_response_iss_parameter_supported is not true (RFC 9207)");
  return as;
});
const meta = await step("discovery (RFC 8414)", async () => {
  const meta = await discover("oauth2");
  check(meta.authorization_response_iss_parameter_supported === true, "authorization_response_iss_parameter_supported is not true (RFC 9207)");
  return meta;
});

// The demo client works from the OpenID Connect document, the public one
// from the RFC 8414 one: the server's ID tokens must verify with either.
const demo = { client_id: "authlab-demo" };
const demoAuth = oauth.ClientSecretBasic(demoSecret);
if (as) {
  await codeFlow("demo", as, demo, demoAuth, issuer.origin + "/oauth/callback");
  await clientCredentials(as, demo, demoAuth);
}
const publicRedirect = "http://127.0.0.1/callback";
const pub = meta && (await step("public/registration (RFC 7591)", () => register(meta, publicRedirect)));
if (pub) {
  await codeFlow("public", meta, pub, oauth.None(), publicRedirect, [demo, demoAuth]);
  await step("public/client credentials is refused for a public client", async () => {
    const res = await oauth.clientCredentialsGrantRequest(meta, pub, oauth.None(), { scope: "api" }, http);
    await refused(() => oauth.processClientCredentialsResponse(meta, pub, res), oauth.RESPONSE_BODY_ERROR, "unauthorized_client");
  });
}
