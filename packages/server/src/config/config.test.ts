import { describe, expect, it } from 'vitest'
import { ConfigError, defaultConfig, parseConfig } from './config.ts'

describe('report tokens from the environment', () => {
  it('obey the same 16-character minimum as the config file', () => {
    expect(() => defaultConfig({ env: { SIGNPOST_REPORT_TOKEN: 'a' } })).toThrow(ConfigError)
    expect(() => defaultConfig({ env: { SIGNPOST_REPORT_TOKEN: 'a' } })).toThrow(/SIGNPOST_REPORT_TOKEN: too short: use at least 16 characters/)
    expect(() => parseConfig({}, 'signpost.config.json', { env: { SIGNPOST_REPORT_TOKEN: 'short' } })).toThrow(/SIGNPOST_REPORT_TOKEN/)
    expect(defaultConfig({ env: { SIGNPOST_REPORT_TOKEN: 'x'.repeat(16) } }).sites[0]!.reportTokens).toEqual(['x'.repeat(16)])
  })

  it('is generated when unset', () => {
    let printed = ''
    const config = defaultConfig({ env: {}, onGeneratedToken: (t) => (printed = t) })
    expect(config.sites[0]!.reportTokens).toEqual([printed])
    expect(printed.length).toBeGreaterThanOrEqual(16)
  })
})

describe('hardening settings', () => {
  it('default to a 1000-event batch cap, no trusted proxy and a 10 s shutdown', () => {
    const c = parseConfig({})
    expect([c.maxEventsPerBatch, c.trustProxy, c.shutdownTimeoutMs, c.rateLimits.reportAuthFailuresPerMinute]).toEqual([1000, 0, 10_000, 10])
  })
})
