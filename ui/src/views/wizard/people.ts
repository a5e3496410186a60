// Shared helpers for person rows: a blank person. Birth date and gender follow a valid resident
// ID on save (the core derives them); nothing here reads the number.
import type { Person } from '../../bindings/Person'

export function blankPerson(): Person {
  return {
    name: '',
    id_doc: { kind: 'resident_id', number: '' },
    employer_name: '',
    education: 'bachelor',
    title: 'none',
    role: 'fixed',
    full_time: true,
    discipline: '',
    honours: [],
    awards_first_completer: [],
    projects_first_pi: [],
  }
}
