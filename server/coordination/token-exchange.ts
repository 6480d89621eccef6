// Identity from the EHR launch, no second sign-in: OAuth 2.0 Token Exchange (RFC 8693) at
// /token. The client presents the EHR's id_token (subject_token) and the EHR access token
// (actor_token) with the patient of its launch; the server checks the id_token against the
// EHR's published keys (OpenID discovery; issuer on the allow-list; audience = one of
// CareRelay's client ids; expiry), refuses an id_token already exchanged, confirms the
// patient by reading Patient/{id} at the EHR with the EHR token, and issues its own
// short-lived token confined to that patient.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, generateKeyPair, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { AccessContext, EngineAuth, FhirInteraction } from '../fhir-engine/contracts';

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

export interface TrustedEhr {
  /** The EHR's OpenID issuer (its discovery document is at {issuer}/.well-known/openid-configuration). */
  issuer: string;
  /** The EHR's FHIR base, where the patient is confirmed. */
  fhirBaseUrl: string;
}

export interface ExchangeOptions {
  trusted: TrustedEhr[];
  /** CareRelay's client ids at the EHRs: an id_token must be issued to one of them. */
  clientIds: string[];
  /** The coordination server's origin (issuer of its tokens) and FHIR base (their audience). */
  origin: string;
  fhirBaseUrl: string;
  /** Lifetime of an issued token (default 300 s). */
  ttlSeconds?: number;
  /** A static bearer token for administrators (reads AuditEvent); none = no admin access. */
  adminToken?: string;
  fetch?: typeof fetch;
  /** The clock id_token expiry is checked against (tests move it). */
  now?: () => Date;
}

class ExchangeError extends Error {
  constructor(readonly error: 'invalid_request' | 'invalid_grant' | 'unsupported_grant_type' | 'unauthorized_client', message: string, readonly status = 400) {
    super(message);
  }
}

/** The answer to POST /token, and what the audit record needs to know about it. */
export interface ExchangeResult {
  status: number;
  body: Record<string, unknown>;
  /** The patient asked for, the verified user and the client, as far as the exchange got. */
  patient?: string;
  fhirUser?: string;
  clientId?: string;
}

export interface CoordinationAuth extends EngineAuth {
  /** POST /token: runs the exchange; the caller audits and sends the result. */
  handleToken(req: IncomingMessage): Promise<ExchangeResult>;
}

/** Patient tokens may do everything to their patient's records; AuditEvent is the administrators'. */
const PATIENT_SCOPES = ['patient/*.cruds'];
const ADMIN_SCOPES = ['system/*.rs'];

export async function createCoordinationAuth(o: ExchangeOptions): Promise<CoordinationAuth> {
  const doFetch = o.fetch ?? fetch;
  const ttl = o.ttlSeconds ?? 300;
  // Ephemeral signing key: tokens are short-lived and a restart only means re-exchanging.
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = `coord-${Date.now().toString(36)}`;
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  /** id_tokens already exchanged (jti, else a hash of the token) until they expire. */
  const used = new Map<string, number>();

  async function keysOf(issuer: string) {
    let set = keySets.get(issuer);
    if (!set) {
      const res = await doFetch(`${issuer}/.well-known/openid-configuration`);
      if (!res.ok) throw new ExchangeError('invalid_grant', `The EHR's OpenID discovery document could not be read (HTTP ${res.status})`);
      const discovery = (await res.json()) as { issuer?: string; jwks_uri?: string };
      if (discovery.issuer !== issuer || !discovery.jwks_uri) throw new ExchangeError('invalid_grant', "The EHR's discovery document does not name this issuer and its keys");
      set = createRemoteJWKSet(new URL(discovery.jwks_uri));
      keySets.set(issuer, set);
    }
    return set;
  }

  async function verifyIdToken(idToken: string): Promise<{ claims: JWTPayload; ehr: TrustedEhr }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(idToken);
    } catch {
      throw new ExchangeError('invalid_request', 'subject_token is not a JWT');
    }
    const ehr = o.trusted.find((t) => t.issuer === unverified.iss);
    if (!ehr) throw new ExchangeError('invalid_grant', 'The id_token issuer is not on the allow-list');
    try {
      const { payload } = await jwtVerify(idToken, await keysOf(ehr.issuer), {
        issuer: ehr.issuer, audience: o.clientIds, algorithms: ['RS256', 'RS384', 'ES256', 'ES384', 'PS256'], currentDate: o.now?.(),
      });
      return { claims: payload, ehr };
    } catch (err) {
      if (err instanceof ExchangeError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new ExchangeError('invalid_grant', 'The id_token has expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed && err.claim === 'aud') {
        throw new ExchangeError('invalid_grant', "The id_token was not issued to CareRelay (audience)");
      }
      if (err instanceof joseErrors.JWSSignatureVerificationFailed || err instanceof joseErrors.JWKSNoMatchingKey) {
        throw new ExchangeError('invalid_grant', "The id_token signature does not verify with the EHR's published keys");
      }
      throw new ExchangeError('invalid_grant', 'The id_token could not be verified');
    }
  }

  /** Refuses an id_token exchanged before; returns how to mark it used once the exchange succeeds. */
  function refuseReplay(idToken: string, claims: JWTPayload): () => void {
    const now = Math.floor(Date.now() / 1000);
    for (const [key, exp] of used) if (exp < now) used.delete(key);
    const key = claims.jti ? `jti:${claims.iss}:${claims.jti}` : `sha256:${createHash('sha256').update(idToken).digest('base64url')}`;
    if (used.has(key)) throw new ExchangeError('invalid_grant', 'This id_token was already exchanged; sign in to the EHR again for a new one');
    return () => void used.set(key, claims.exp ?? now + 3600);
  }

  async function confirmPatient(ehr: TrustedEhr, patient: string, ehrToken: string): Promise<void> {
    const res = await doFetch(`${ehr.fhirBaseUrl}/Patient/${encodeURIComponent(patient)}`, {
      headers: { Authorization: `Bearer ${ehrToken}`, Accept: 'application/fhir+json' },
    }).catch(() => undefined);
    const body = res?.ok ? ((await res.json()) as { resourceType?: string; id?: string }) : undefined;
    if (body?.resourceType !== 'Patient' || body.id !== patient) {
      throw new ExchangeError('invalid_grant', `The EHR did not confirm this patient for the presented access token${res ? ` (HTTP ${res.status})` : ''}`);
    }
  }

  async function exchange(form: URLSearchParams, facts: Partial<ExchangeResult>): Promise<Record<string, unknown>> {
    if (form.get('grant_type') !== TOKEN_EXCHANGE) throw new ExchangeError('unsupported_grant_type', `grant_type must be ${TOKEN_EXCHANGE}`);
    const idToken = form.get('subject_token');
    const ehrToken = form.get('actor_token');
    const patient = form.get('patient');
    if (!idToken || form.get('subject_token_type') !== ID_TOKEN_TYPE) throw new ExchangeError('invalid_request', `subject_token must be the EHR's id_token (subject_token_type ${ID_TOKEN_TYPE})`);
    if (!ehrToken || form.get('actor_token_type') !== ACCESS_TOKEN_TYPE) throw new ExchangeError('invalid_request', `actor_token must be the EHR access token (actor_token_type ${ACCESS_TOKEN_TYPE})`);
    if (!patient || !/^[A-Za-z0-9\-.]{1,64}$/.test(patient)) throw new ExchangeError('invalid_request', 'patient must be the FHIR id of the launch patient');
    facts.patient = patient;
    const { claims, ehr } = await verifyIdToken(idToken);
    const clientId = Array.isArray(claims.aud) ? String(claims.azp ?? claims.aud[0]) : String(claims.aud);
    const fhirUser = typeof claims.fhirUser === 'string' ? claims.fhirUser : undefined;
    facts.clientId = clientId;
    facts.fhirUser = fhirUser;
    const markUsed = refuseReplay(idToken, claims);
    await confirmPatient(ehr, patient, ehrToken);
    // Checked again after the await: two concurrent exchanges of one id_token, one wins.
    refuseReplay(idToken, claims);
    markUsed();
    const token = await new SignJWT({
      client_id: clientId, patient, scope: PATIENT_SCOPES.join(' '),
      ehr: ehr.issuer, ...(fhirUser ? { fhirUser } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(o.origin)
      .setAudience(o.fhirBaseUrl)
      .setSubject(String(claims.sub ?? fhirUser ?? 'unknown'))
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(`${ttl}s`)
      .sign(privateKey);
    return {
      access_token: token, issued_token_type: ACCESS_TOKEN_TYPE, token_type: 'Bearer',
      expires_in: ttl, scope: PATIENT_SCOPES.join(' '), patient,
    };
  }

  const isAdmin = (token: string) => {
    if (!o.adminToken) return false;
    const a = Buffer.from(token);
    const b = Buffer.from(o.adminToken);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  return {
    async authenticate(token) {
      if (!token) return null;
      if (isAdmin(token)) return { clientId: 'coordination-admin', scopes: ADMIN_SCOPES, fhirUser: 'admin' };
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer: o.origin, audience: o.fhirBaseUrl, algorithms: ['ES256'] });
        return {
          clientId: String(payload.client_id ?? ''),
          scopes: String(payload.scope ?? '').split(' ').filter(Boolean),
          ...(typeof payload.patient === 'string' ? { patient: payload.patient } : {}),
          ...(typeof payload.fhirUser === 'string' ? { fhirUser: payload.fhirUser } : {}),
          ...(payload.exp ? { expiresAt: payload.exp } : {}),
        } satisfies AccessContext;
      } catch {
        return null;
      }
    },
    allows(ctx: AccessContext, interaction: FhirInteraction, resourceType: string) {
      if (ctx.scopes.includes('system/*.rs')) return interaction === 'read' || interaction === 'search';
      return ctx.scopes.includes('patient/*.cruds') && resourceType !== 'AuditEvent';
    },
    allowsBeyondPatient: (ctx) => ctx.scopes.some((s) => s.startsWith('system/')),
    smartConfiguration: () => ({
      issuer: o.origin,
      token_endpoint: `${o.origin}/token`,
      grant_types_supported: [TOKEN_EXCHANGE],
      token_endpoint_auth_methods_supported: ['none'],
      scopes_supported: PATIENT_SCOPES,
      capabilities: ['permission-patient'],
    }),
    async handleToken(req) {
      const facts: Partial<ExchangeResult> = {};
      try {
        if (req.method !== 'POST') throw new ExchangeError('invalid_request', 'Use POST', 405);
        let body = '';
        for await (const chunk of req) {
          body += String(chunk);
          if (body.length > 64 * 1024) throw new ExchangeError('invalid_request', 'Request too large');
        }
        const granted = await exchange(new URLSearchParams(body), facts);
        return { ...facts, status: 200, body: granted };
      } catch (err) {
        if (err instanceof ExchangeError) return { ...facts, status: err.status, body: { error: err.error, error_description: err.message } };
        console.error('coordination: token exchange failed unexpectedly');
        return { ...facts, status: 500, body: { error: 'server_error', error_description: 'The token exchange failed; try again' } };
      }
    },
  };
}
