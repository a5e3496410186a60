// The window's two screens, kept in the URL hash so a reload returns to the same place:
// "#/" home, "#/conflicts" the double-counting overview and registry, "#/backups" the backups, "#/programmes" the programme packs, "#/about" 关于申报通, "#/guide" 使用说明, "#/library" 单位资料库, "#/application/12/people"
// the wizard of application 12 at a step.
import { ref } from 'vue'

export type Route =
  | { name: 'home' }
  | { name: 'conflicts' }
  | { name: 'backups' }
  | { name: 'programmes' }
  | { name: 'about' }
  | { name: 'guide' }
  | { name: 'library' }
  | { name: 'wizard'; id: number; step: string | null }

export function parseHash(hash: string): Route {
  if (/^#?\/conflicts\/?$/.test(hash)) return { name: 'conflicts' }
  if (/^#?\/backups\/?$/.test(hash)) return { name: 'backups' }
  if (/^#?\/programmes\/?$/.test(hash)) return { name: 'programmes' }
  if (/^#?\/about\/?$/.test(hash)) return { name: 'about' }
  if (/^#?\/guide\/?$/.test(hash)) return { name: 'guide' }
  if (/^#?\/library\/?$/.test(hash)) return { name: 'library' }
  const match = /^#?\/application\/(\d+)(?:\/([\w-]+))?\/?$/.exec(hash)
  if (match) return { name: 'wizard', id: Number(match[1]), step: match[2] ?? null }
  return { name: 'home' }
}

export function routeHash(route: Route): string {
  if (route.name === 'home') return '#/'
  if (route.name === 'conflicts') return '#/conflicts'
  if (route.name === 'backups') return '#/backups'
  if (route.name === 'programmes') return '#/programmes'
  if (route.name === 'about') return '#/about'
  if (route.name === 'guide') return '#/guide'
  if (route.name === 'library') return '#/library'
  return `#/application/${route.id}${route.step ? `/${route.step}` : ''}`
}

/** The current route; follows the hash. */
export const currentRoute = ref<Route>(parseHash(window.location.hash))

window.addEventListener('hashchange', () => {
  currentRoute.value = parseHash(window.location.hash)
})

export function navigate(route: Route): void {
  const hash = routeHash(route)
  if (window.location.hash !== hash) window.location.hash = hash
  currentRoute.value = route
}
