// oidc-provider has no hook for extra token-response members; this Koa middleware
// adds SMART's launch context (patient, encounter, need_patient_banner, ...) to
// token responses of grants that carry one, on code exchange and on every refresh,
// and lists the full granted scope (oidc-provider lists only the resource scopes).
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { LaunchStore } from './launch-store';

type Next = () => Promise<unknown>;

export function tokenExtras(launches: LaunchStore, smartStyleUrl?: string) {
  return async function addSmartContext(ctx: KoaContextWithOIDC, next: Next): Promise<void> {
    await next();
    if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return;
    const body: unknown = ctx.body;
    if (!body || typeof body !== 'object' || !('access_token' in body)) return;
    const { Grant: grant, AuthorizationCode: code, RefreshToken: refresh } = ctx.oidc.entities;
    if (!grant) return;
    const extras: Record<string, unknown> = {};
    const sourceScope = code?.scope ?? refresh?.scope;
    if (typeof sourceScope === 'string') {
      const oidcScopes = grant.getOIDCScopeFiltered(new Set(sourceScope.split(' ')));
      const resourceScopes = 'scope' in body && typeof body.scope === 'string' ? body.scope : '';
      extras.scope = [oidcScopes, resourceScopes].filter(Boolean).join(' ');
    }
    const context = launches.grantContext(grant.jti);
    if (context?.patient) extras.patient = context.patient;
    if (context?.encounter) extras.encounter = context.encounter;
    if (context?.needPatientBanner !== undefined) extras.need_patient_banner = context.needPatientBanner;
    if (context?.intent) extras.intent = context.intent;
    if (context && smartStyleUrl) extras.smart_style_url = smartStyleUrl;
    ctx.body = { ...body, ...extras };
  };
}
