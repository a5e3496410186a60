// Shared helpers for person rows: a blank person, and setting an ID number so that birth date
// and gender follow a valid resident ID.
import type { Person } from '../../bindings/Person'
import { checkResidentId } from '../../validate/residentId'

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

/** Sets the number; a valid resident ID also sets birth date and gender. */
export function setIdNumber(person: Person, number: string): void {
  person.id_doc.number = number
  if (person.id_doc.kind !== 'resident_id') return
  const id = checkResidentId(number)
  if (id.ok) {
    person.birth_date = id.birthDate
    person.gender = id.gender
  }
}
