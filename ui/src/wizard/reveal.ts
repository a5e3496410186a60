// A roster row another screen asked the wizard to show (e.g. a conflict in the overview): the
// roster editor of that roster scrolls to the row and focuses it, then clears the request.
import { ref } from 'vue'
import type { Resource } from '../bindings/Resource'
import type { Roster } from '../stores/application'

export interface RevealRequest {
  roster: Roster
  rowId: number
}

export const pendingReveal = ref<RevealRequest | null>(null)

/** The wizard step and roster that show a resource's rows. */
export const RESOURCE_PLACE: Record<Resource, { step: string; roster: Roster }> = {
  person: { step: 'people', roster: 'people' },
  instrument: { step: 'resources', roster: 'instruments' },
  site: { step: 'resources', roster: 'sites' },
  achievement: { step: 'achievements', roster: 'achievements' },
}
