import { describe, expect, it } from 'vitest'
import { parseHash, routeHash } from './router'

describe('router', () => {
  it.each([
    ['', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/application/12', { name: 'wizard', id: 12, step: null }],
    ['#/application/12/people', { name: 'wizard', id: 12, step: 'people' }],
    ['#/conflicts', { name: 'conflicts' }],
    ['#/backups', { name: 'backups' }],
    ['#/programmes', { name: 'programmes' }],
    ['#/about', { name: 'about' }],
    ['#/guide', { name: 'guide' }],
    ['#/library', { name: 'library' }],
    ['#/elsewhere', { name: 'home' }],
  ])('parses %s', (hash, route) => {
    expect(parseHash(hash)).toEqual(route)
  })

  it('round-trips', () => {
    expect(routeHash({ name: 'wizard', id: 3, step: 'director' })).toBe('#/application/3/director')
    expect(routeHash({ name: 'home' })).toBe('#/')
    expect(routeHash({ name: 'conflicts' })).toBe('#/conflicts')
    expect(routeHash({ name: 'backups' })).toBe('#/backups')
    expect(routeHash({ name: 'programmes' })).toBe('#/programmes')
    expect(routeHash({ name: 'about' })).toBe('#/about')
    expect(routeHash({ name: 'guide' })).toBe('#/guide')
    expect(routeHash({ name: 'library' })).toBe('#/library')
  })
})
