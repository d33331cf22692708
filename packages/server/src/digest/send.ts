import { createTransport } from 'nodemailer'
import type { Digest } from './digest.ts'
import { renderHtml, renderMarkdown, renderSlack } from './render.ts'

/** Sending failed; the message names the channel. */
export class SendError extends Error {
  override name = 'SendError'
}

/**
 * Mails the digest through `smtpUrl` (`smtp://user:pass@host:587`, `smtps://…`), HTML with the
 * Markdown as its text part.
 *
 * @example
 * await mailDigest(digest, { smtpUrl: process.env.SIGNPOST_SMTP_URL!, to: 'ops@example.com' })
 */
export async function mailDigest(d: Digest, options: { smtpUrl: string; to: string; from?: string }): Promise<void> {
  const transport = createTransport(options.smtpUrl)
  try {
    await transport.sendMail({
      from: options.from ?? 'Signpost <signpost@localhost>',
      to: options.to,
      subject: `Signpost weekly digest — ${d.site}, ${d.summary.from} to ${d.summary.to}${d.alerts.length > 0 ? ` (${d.alerts.length} alert${d.alerts.length > 1 ? 's' : ''})` : ''}`,
      text: renderMarkdown(d),
      html: renderHtml(d),
    })
  } catch (error) {
    throw new SendError(`SMTP: ${(error as Error).message}`)
  } finally {
    transport.close()
  }
}

/** Posts the digest to a Slack-compatible incoming webhook (`{ "text": … }`). */
export async function postDigest(d: Digest, url: string): Promise<void> {
  let res: Response
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: renderSlack(d) }), signal: AbortSignal.timeout(10_000) })
  } catch (error) {
    throw new SendError(`Slack webhook: ${(error as Error).message}`)
  }
  if (!res.ok) throw new SendError(`Slack webhook: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`)
}
