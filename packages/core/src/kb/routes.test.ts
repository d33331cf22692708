import { describe, expect, it } from 'vitest'
import { routeMatches, routeSpecificity } from './routes.ts'

describe('routeMatches', () => {
  it('matches exact paths, ignoring a trailing slash, query and fragment', () => {
    expect(routeMatches('/settings/billing', '/settings/billing/')).toBe(true)
    expect(routeMatches('/settings/billing', '/settings/billing?tab=plan#cards')).toBe(true)
    expect(routeMatches('/settings/billing', '/settings/account')).toBe(false)
  })

  it('lets * stand for exactly one path segment', () => {
    expect(routeMatches('/invoices/*', '/invoices/1042')).toBe(true)
    expect(routeMatches('/invoices/*', '/invoices')).toBe(false)
    expect(routeMatches('/invoices/*', '/invoices/1042/edit')).toBe(false)
  })

  it('lets ** stand for any number of segments', () => {
    expect(routeMatches('/settings/**', '/settings')).toBe(true)
    expect(routeMatches('/settings/**', '/settings/team/roles')).toBe(true)
    expect(routeMatches('/**/billing', '/org/7/billing')).toBe(true)
  })

  it('prefers exact patterns over globs', () => {
    expect(routeSpecificity('/invoices/new')).toBeGreaterThan(routeSpecificity('/invoices/*'))
    expect(routeSpecificity('/invoices/*')).toBeGreaterThan(routeSpecificity('/invoices/**'))
  })
})
