import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** The ticket systems whose webhooks Signpost verifies, each by its own scheme. */
export const VENDORS = ['zendesk', 'freshdesk', 'helpscout', 'intercom'] as const
export type Vendor = (typeof VENDORS)[number]

export const isVendor = (v: string): v is Vendor => (VENDORS as readonly string[]).includes(v)

/** A header reader (lower-case names). */
export type Headers = (name: string) => string | undefined

/** Equal strings, compared in constant time whatever their lengths. */
function same(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(a), digest(b))
}

const hmac = (algorithm: 'sha1' | 'sha256', secret: string, data: string, encoding: 'base64' | 'hex') =>
  createHmac(algorithm, secret).update(data).digest(encoding)

/** How each vendor signs, and the header an integrator looks for when it fails. */
export const SCHEMES: Record<Vendor, { header: string; describe: string; verify(body: string, headers: Headers, secret: string): boolean }> = {
  // base64(HMAC-SHA256(timestamp + body)), https://developer.zendesk.com/documentation/webhooks/verifying/
  zendesk: {
    header: 'X-Zendesk-Webhook-Signature',
    describe: 'base64 HMAC-SHA256 of X-Zendesk-Webhook-Signature-Timestamp + body',
    verify(body, headers, secret) {
      const signature = headers('x-zendesk-webhook-signature')
      const timestamp = headers('x-zendesk-webhook-signature-timestamp')
      if (!signature || timestamp === undefined) return false
      return same(signature.trim(), hmac('sha256', secret, timestamp + body, 'base64'))
    },
  },
  // Freshdesk signs nothing: its automation sends a token we gave it, as a header or as Basic auth.
  freshdesk: {
    header: 'X-Signpost-Token',
    describe: 'the shared token in X-Signpost-Token, or as the user name or password of Basic auth',
    verify(_body, headers, secret) {
      const token = headers('x-signpost-token')
      if (token !== undefined) return same(token.trim(), secret)
      const m = /^Basic\s+(\S+)$/i.exec(headers('authorization') ?? '')
      if (!m) return false
      const decoded = Buffer.from(m[1]!, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      const user = colon < 0 ? decoded : decoded.slice(0, colon)
      const password = colon < 0 ? '' : decoded.slice(colon + 1)
      // Both compared, so the time taken does not say which one matched.
      const a = same(user, secret)
      const b = same(password, secret)
      return a || b
    },
  },
  // base64(HMAC-SHA1(body)), https://developer.helpscout.com/webhooks/
  helpscout: {
    header: 'X-HelpScout-Signature',
    describe: 'base64 HMAC-SHA1 of the body',
    verify(body, headers, secret) {
      const signature = headers('x-helpscout-signature')
      return !!signature && same(signature.trim(), hmac('sha1', secret, body, 'base64'))
    },
  },
  // "sha1=" + hex HMAC-SHA1(body) with the app's client secret, https://developers.intercom.com/docs/webhooks
  intercom: {
    header: 'X-Hub-Signature',
    describe: '"sha1=" + hex HMAC-SHA1 of the body',
    verify(body, headers, secret) {
      const signature = headers('x-hub-signature')
      return !!signature && same(signature.trim().toLowerCase(), `sha1=${hmac('sha1', secret, body, 'hex')}`)
    },
  },
}
