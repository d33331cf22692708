import { describe, expect, it } from 'vitest'
import { compileRoute, routeMatches, routePatternWarning, routeSpecificity } from './routes.ts'

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

describe('compileRoute', () => {
  it('matches a pattern of many ** against a long path in linear time', () => {
    const pattern = `/${Array(10).fill('**').join('/')}/x`
    const path = `/${Array(26).fill('seg').join('/')}`
    const started = performance.now()
    expect(routeMatches(pattern, path)).toBe(false)
    expect(routeMatches(pattern, `${path}/x`)).toBe(true)
    // Backtracking took about 9 s here; the state-set matcher takes well under a millisecond.
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('agrees with the globbing rules on ** between fixed segments', () => {
    const match = compileRoute('/a/**/b/*/c')
    expect(match('/a/b/x/c')).toBe(true)
    expect(match('/a/1/2/b/x/c')).toBe(true)
    expect(match('/a/b/b/x/c')).toBe(true)
    expect(match('/a/b/c')).toBe(false)
    expect(match('/a/1/b//c')).toBe(false)
  })
})

describe('routePatternWarning', () => {
  it('names a pattern with several ** and leaves ordinary ones alone', () => {
    expect(routePatternWarning('/**/**/**/x')).toMatch(/has 3 "\*\*": one matches any number of segments already/)
    expect(routePatternWarning('/settings/**')).toBeUndefined()
    expect(routePatternWarning('/a/**/b/**')).toBeUndefined()
  })
})
